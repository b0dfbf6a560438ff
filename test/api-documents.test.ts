import { describe, expect, it } from 'vitest';
import { challengeSchema } from '../server/abuse/challenge.routes.js';
import { statusSchema } from '../server/status.routes.js';
import { sharedService, TEST_POW } from './support/service.js';

// The small documents the form reads answer as the OpenAPI description says, field for field.

describe('the status and the challenge, against their schemas', () => {
  const service = sharedService(TEST_POW);

  const get = async (path: string) => (await fetch(`${service().url}${path}`)).json();

  it('answers the status with exactly the fields of its schema', async () => {
    const status = await get('/api/v1/status');
    expect(statusSchema.strict().parse(status)).toEqual({ collecting: true, collectionEnds: null, questionnaireVersion: 1, proofOfWork: true, synthetic: false });
  });

  it('answers a challenge with exactly the fields of its schema', async () => {
    const challenge = await get('/api/v1/challenge');
    expect(() => challengeSchema.strict().parse(challenge)).not.toThrow();
    expect(() => challengeSchema.strict().parse({ ...challenge, extra: 1 })).toThrow();
  });

  it('describes both in the OpenAPI document by those schemas', async () => {
    const doc = await get('/api/v1/openapi.json');
    const schemaOf = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    expect(schemaOf('/api/v1/status')).toBe('#/components/schemas/Status');
    expect(schemaOf('/api/v1/challenge')).toBe('#/components/schemas/Challenge');
    expect(Object.keys(doc.components.schemas.Status.properties).sort()).toEqual(Object.keys(statusSchema.shape).sort());
  });
});

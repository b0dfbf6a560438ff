import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { VALID_REPORT } from './support/reports.js';

const schema = reportSchema(new Set(loadAreaPack('si').municipalityByCode.keys()));

function issuesOf(input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}|${i.code}`);
}

describe('report schema', () => {
  it('accepts a valid report, with and without symptoms', () => {
    expect(schema.safeParse(VALID_REPORT).success).toBe(true);
    const { onset: _onset, ...rest } = VALID_REPORT;
    expect(schema.safeParse({ ...rest, symptoms: [] }).success).toBe(true);
  });

  it.each([
    ['unknown area', { area: 'SI-999' }, 'area'],
    ['area of another type', { area: 61 }, 'area'],
    ['unknown age band', { ageBand: '30-40' }, 'ageBand'],
    ['unknown symptom', { symptoms: ['fever', 'sneezing'] }, 'symptoms.1'],
    ['repeated symptom', { symptoms: ['fever', 'fever'] }, 'symptoms'],
    ['symptoms as a string', { symptoms: 'fever' }, 'symptoms'],
    ['unknown warning sign', { warningSigns: ['dizziness'] }, 'warningSigns.0'],
    ['unknown contact answer', { contact: 'maybe' }, 'contact'],
    ['unknown test answer', { test: 'yes' }, 'test'],
    ['consent false', { consent: false }, 'consent'],
    ['consent as a string', { consent: 'true' }, 'consent'],
    ['onset missing with symptoms', { onset: undefined }, 'onset'],
    ['onset without symptoms', { symptoms: [] }, 'onset'],
  ])('refuses %s', (_name, change, path) => {
    const issues = issuesOf({ ...VALID_REPORT, ...change });
    expect(issues.map((i) => i.split('|')[0])).toContain(path);
  });

  it('refuses unknown fields', () => {
    expect(issuesOf({ ...VALID_REPORT, name: 'x' })).toEqual(['|unrecognized_keys']);
  });

  it.each(['area', 'ageBand', 'symptoms', 'warningSigns', 'contact', 'test', 'consent'])('requires %s', (field) => {
    const report: Record<string, unknown> = { ...VALID_REPORT };
    delete report[field];
    expect(issuesOf(report).map((i) => i.split('|')[0])).toContain(field);
  });
});

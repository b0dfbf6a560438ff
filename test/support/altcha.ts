import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/** Fetches a challenge from the service and solves it as the form does: the X-Altcha header value. */
export async function solvedPayload(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/challenge`, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET /api/v1/challenge answered ${res.status}`);
  const challenge = (await res.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
  if (!solution) throw new Error('challenge not solved within 10 s');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

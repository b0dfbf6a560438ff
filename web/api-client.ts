import type { Challenge } from 'altcha-lib';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from '../aggregator/guidance.js';
import type { Report } from '../aggregator/questionnaire.js';
import type { AreaOption } from './area-search.js';

/** Why a report was not counted, as the person is told. */
export type SendFailure = 'invalid' | 'closed' | 'limited' | 'duplicate' | 'unavailable' | 'offline';

export type SendResult =
  | { ok: true; outcome: GuidanceOutcome }
  | { ok: false; failure: SendFailure; status: number; fieldErrors: { field: string; detail: string }[] };

/** What a report needs, from `GET /api/v1/status`. */
export interface ServiceStatus {
  collecting: boolean;
  proofOfWork: boolean;
}

// Our own origin only, nothing to remember: no credentials, no cache, no referrer.
const PRIVATE: RequestInit = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };

function isOutcome(value: unknown): value is GuidanceOutcome {
  return (GUIDANCE_OUTCOMES as readonly unknown[]).includes(value);
}

function failureOf(status: number): SendFailure {
  if (status === 400) return 'invalid';
  if (status === 410) return 'closed';
  if (status === 429) return 'limited';
  // The same proof of work came back: the report it carried may already be counted.
  if (status === 409) return 'duplicate';
  return 'unavailable';
}

async function getJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...PRIVATE, ...init });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Sends a report with consent; the answer is the server's advice or why it was refused. */
export async function sendReport(report: Report, proofOfWork?: string): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch('/api/v1/reports', {
      ...PRIVATE,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(proofOfWork ? { 'x-altcha': proofOfWork } : {}) },
      body: JSON.stringify(report),
    });
  } catch {
    return { ok: false, failure: 'offline', status: 0, fieldErrors: [] };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 && isOutcome((body as { outcome?: unknown } | undefined)?.outcome)) {
    return { ok: true, outcome: (body as { outcome: GuidanceOutcome }).outcome };
  }
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const fieldErrors = Array.isArray(errors)
    ? errors.filter((e): e is { field: string; detail: string } => typeof e?.field === 'string' && typeof e?.detail === 'string')
    : [];
  const failure = response.ok ? 'unavailable' : failureOf(response.status);
  return { ok: false, failure, status: response.status, fieldErrors };
}

/** Whether reports are accepted now and whether they need a proof of work. */
export function fetchStatus(): Promise<ServiceStatus> {
  return getJson<ServiceStatus>('/api/v1/status');
}

/** A fresh proof-of-work challenge. */
export function fetchChallenge(): Promise<Challenge> {
  return getJson<Challenge>('/api/v1/challenge');
}

/** The municipalities of the active area pack, from `GET /api/v1/areas`. */
export async function fetchMunicipalities(signal: AbortSignal): Promise<AreaOption[]> {
  const body = await getJson<{ municipalities: AreaOption[] }>('/api/v1/areas', { cache: 'default', signal });
  return body.municipalities.map(({ code, name }) => ({ code, name }));
}

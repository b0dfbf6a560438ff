import type { Challenge } from 'altcha-lib';
import type { AreasDocument } from '../server/areas.routes.js';
import type { StatusDocument } from '../server/status.routes.js';
import type { AreaOption } from './area-search.js';
import { getJson, OWN_ORIGIN } from './get-json.js';

/** The service's answer to a report: its status and the fields it refused, if any. */
export interface PostAnswer {
  status: number;
  fieldErrors: { field: string; detail: string }[];
}

/** What a report needs, from `GET /api/v1/status`. */
export type ServiceStatus = Pick<StatusDocument, 'collecting' | 'proofOfWork'>;

// What the form asks and sends is about one person's report: the browser keeps none of it.
const UNCACHED: RequestInit = { cache: 'no-store' };

/**
 * Posts a report, already serialised, so that a retry sends exactly the same bytes. Null
 * when no answer came: the request failed or took longer than `timeoutMs`, and the report
 * may or may not have been counted.
 */
export async function postReport(body: string, proofOfWork: string | undefined, timeoutMs: number): Promise<PostAnswer | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch('/api/v1/reports', {
      ...OWN_ORIGIN,
      ...UNCACHED,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(proofOfWork ? { 'x-altcha': proofOfWork } : {}) },
      body,
      signal: abort.signal,
    });
    const problem: unknown = response.ok ? undefined : await response.json().catch(() => undefined);
    const errors = (problem as { errors?: unknown } | undefined)?.errors;
    const fieldErrors = Array.isArray(errors)
      ? errors.filter((e): e is { field: string; detail: string } => typeof e?.field === 'string' && typeof e?.detail === 'string')
      : [];
    return { status: response.status, fieldErrors };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether reports are accepted now and whether they need a proof of work. */
export function fetchStatus(): Promise<ServiceStatus> {
  return getJson<ServiceStatus>('/api/v1/status', UNCACHED);
}

/** A fresh proof-of-work challenge. */
export function fetchChallenge(): Promise<Challenge> {
  return getJson<Challenge>('/api/v1/challenge', UNCACHED);
}

/** The municipalities of the active area pack, from `GET /api/v1/areas`. */
export async function fetchMunicipalities(signal: AbortSignal): Promise<AreaOption[]> {
  const body = await getJson<AreasDocument>('/api/v1/areas', { cache: 'default', signal });
  return body.municipalities.map(({ code, name }) => ({ code, name }));
}

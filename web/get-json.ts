/** Every request to the API: our own origin only, sending nothing to remember (no credentials, no referrer). */
export const OWN_ORIGIN: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer' };

/** A JSON answer of the API; an error for any status but 2xx. `init` says how the browser may cache it. */
export async function getJson<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(path, { ...OWN_ORIGIN, ...init });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

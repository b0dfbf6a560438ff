import type { PageInstance } from '../server/page-instance.js';

/** A page served without the service (the Vite dev server) is a demonstration instance too. */
const DEMONSTRATION: PageInstance = { operator: null, collectionEnds: null, timeZone: 'Europe/Ljubljana', synthetic: false };

let read: PageInstance | undefined;

/** What the service told this page about its instance (server/page-instance.ts), read once. */
export function instance(): PageInstance {
  if (read) return read;
  const content = document.querySelector<HTMLMetaElement>('meta[name="instance"]')?.content;
  try {
    read = content ? (JSON.parse(content) as PageInstance) : DEMONSTRATION;
  } catch {
    read = DEMONSTRATION;
  }
  return read;
}

/**
 * Whether this is a demonstration: nobody has said who runs it, or its numbers are synthetic
 * (`npm run demo`). The pages then say so.
 */
export function isDemonstration(): boolean {
  return instance().operator === null || instance().synthetic;
}

/** Whether the numbers this instance publishes are synthetic demonstration data, not reports. */
export function isSynthetic(): boolean {
  return instance().synthetic;
}

import type { PageInstance } from '../server/page-instance.js';

/** A page served without the service (the Vite dev server) is a demonstration instance too. */
const DEMONSTRATION: PageInstance = { operator: null, collectionEnds: null, timeZone: 'Europe/Ljubljana' };

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

/** Whether nobody has said who runs this instance: the pages then say it is a demonstration. */
export function isDemonstration(): boolean {
  return instance().operator === null;
}

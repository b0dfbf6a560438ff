import type { Page } from 'playwright-core';
import { type WatchedPage, withPage } from './browser.js';
import type { TestService } from './service.js';

/**
 * A story on a service of the test's own: `use` runs on a fresh page of it; then the page and
 * the service are closed, whatever happened, `closed` reads what the service kept (its database
 * at rest), and the service is stopped: its logs checked, its folder removed.
 */
export async function onOwnService(
  starting: Promise<TestService>,
  opening: Promise<WatchedPage>,
  use: (story: { page: Page; watched: WatchedPage; service: TestService }) => Promise<void>,
  closed: (service: TestService) => void = () => {},
): Promise<void> {
  const service = await starting;
  try {
    await withPage(opening, (page, watched) => use({ page, watched, service }));
    await service.close();
    closed(service);
  } finally {
    await service.stop();
  }
}

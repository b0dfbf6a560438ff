import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type PageInstance, withInstance } from './page-instance.js';
import { ProblemError } from './problem.js';

export interface WebParts {
  /** The built web folder (`dist/web`): one `<page>.html` per page and hashed files in `assets/`. */
  webRoot: string;
  /** What the pages are told about this instance (its operator, the end of collection). */
  instance: PageInstance;
}

/** Hashed file names change with their content, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Pages name the current hashed files, so browsers fetch them every time; `no-store` also
 * keeps a page with answers on it out of the back/forward cache (I5).
 */
const REVALIDATE = 'no-store';

function notBuilt(): never {
  throw new ProblemError(404, { detail: 'no such resource' });
}

/**
 * The pages and their files. Every `<name>.html` in the web root is a page at `/<name>`
 * (`index.html` at `/`), so adding a page means adding an HTML entry to the Vite build.
 * A page is read once at start and carries the instance in a meta element; the other files
 * are sent as built, precompressed (`.br`, `.gz`) when the browser accepts it.
 */
export function webRoutes(parts: WebParts): Hono {
  const root = resolve(parts.webRoot);
  const app = new Hono();

  app.get(
    '/assets/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => void c.header('cache-control', IMMUTABLE),
    }),
    notBuilt,
  );

  const pages = readdirSync(root).filter((file) => file.endsWith('.html'));
  for (const file of pages) {
    const path = file === 'index.html' ? '/' : `/${file.slice(0, -'.html'.length)}`;
    const page = withInstance(readFileSync(join(root, file), 'utf8'), parts.instance);
    app.get(path, (c) => c.body(page, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': REVALIDATE }));
  }
  return app;
}

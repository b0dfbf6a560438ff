import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { noticeMarkdown } from './vite/notice-markdown.js';
import { pageShell } from './vite/page-shell.js';
import { precompress } from './vite/precompress.js';

const webDir = dirname(fileURLToPath(import.meta.url));

/**
 * Every `web/<name>.html` is a page, built to `dist/web/<name>.html` and served at
 * `/<name>` (`index.html` at `/`): adding a page (e.g. `/dashboard`) means adding its HTML file,
 * which holds only what is its own (web/vite/page-shell.ts gives it the rest).
 */
const pages = Object.fromEntries(
  readdirSync(webDir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => [file.slice(0, -'.html'.length), join(webDir, file)]),
);

export default defineConfig({
  root: webDir,
  base: '/',
  publicDir: false,
  appType: 'mpa',
  plugins: [pageShell(), noticeMarkdown(), precompress()],
  build: {
    outDir: resolve(webDir, '../dist/web'),
    emptyOutDir: true,
    // Everything is a file of our origin: no data: URLs, which a strict CSP would refuse.
    assetsInlineLimit: 0,
    // The target browsers load modules natively; the polyfill would add code for nothing.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      input: pages,
      // Code the pages share (Lit, the header, localisation) is one chunk, named for what it is.
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
  server: {
    // `npm run build:web -- --watch` or `vite --config web/vite.config.ts` beside a running service.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});

import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The pages whose weight has a target, by built HTML file. */
export const PAGES = [
  { name: 'form', file: 'index.html', targetBytes: 60_000 },
  { name: 'dashboard', file: 'dashboard.html', targetBytes: 150_000 },
] as const;

export type AssetKind = 'script' | 'modulepreload' | 'stylesheet' | 'import' | 'worker';

export interface AssetWeight {
  path: string;
  kind: AssetKind;
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  name: string;
  file: string;
  present: boolean;
  /** JS and CSS the page fetches without any action: referenced by its HTML, imported statically, or started as a worker. */
  assets: AssetWeight[];
  /** Chunks loaded only on demand (dynamic `import()`); listed, not counted. */
  lazy: AssetWeight[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  totalGzipBytes: number;
  targetBytes: number;
}

const HTML_ASSET = /<(script|link)\b[^>]*>/gi;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;
const ASSET_URL = /["'`](\/assets\/[^"'`]+\.js)["'`]/g;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];
}

function weigh(webRoot: string, path: string, kind: AssetKind): AssetWeight {
  const content = readFileSync(join(webRoot, path));
  return { path, kind, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** What one built page costs a visitor in gzipped JS and CSS (level 9, as web/vite/precompress.ts). */
export function pageWeight(webRoot: string, page: (typeof PAGES)[number]): PageWeight {
  const empty = { assets: [], lazy: [], jsGzipBytes: 0, cssGzipBytes: 0, totalGzipBytes: 0 };
  const htmlPath = join(webRoot, page.file);
  if (!existsSync(htmlPath)) return { name: page.name, file: page.file, present: false, targetBytes: page.targetBytes, ...empty };

  const seen = new Map<string, AssetWeight>();
  const lazy = new Map<string, AssetWeight>();
  const queue: { path: string; kind: AssetKind }[] = [];
  for (const [tag, name] of readFileSync(htmlPath, 'utf8').matchAll(HTML_ASSET)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const url = name!.toLowerCase() === 'script' ? attribute(tag, 'src') : attribute(tag, 'href');
    if (!url || /^[a-z]+:|^\/\//i.test(url)) continue;
    if (name!.toLowerCase() === 'script') queue.push({ path: posix.normalize(url).replace(/^\//, ''), kind: 'script' });
    else if (rel === 'stylesheet' || rel === 'modulepreload') queue.push({ path: posix.normalize(url).replace(/^\//, ''), kind: rel });
  }
  while (queue.length > 0) {
    const { path, kind } = queue.shift()!;
    if (seen.has(path) || !existsSync(join(webRoot, path))) continue;
    seen.set(path, weigh(webRoot, path, kind));
    if (!path.endsWith('.js')) continue;
    const code = readFileSync(join(webRoot, path), 'utf8');
    const near = (rel: string) => posix.normalize(posix.join(posix.dirname(path), rel));
    for (const [, rel] of code.matchAll(STATIC_IMPORT)) queue.push({ path: near(rel!), kind: 'import' });
    for (const [, url] of code.matchAll(ASSET_URL)) queue.push({ path: url!.slice(1), kind: 'worker' });
    for (const [, rel] of code.matchAll(DYNAMIC_IMPORT)) {
      const target = near(rel!);
      if (!lazy.has(target) && existsSync(join(webRoot, target))) lazy.set(target, weigh(webRoot, target, 'import'));
    }
  }
  const assets = [...seen.values()];
  const sum = (ext: string) => assets.filter((a) => a.path.endsWith(ext)).reduce((n, a) => n + a.gzipBytes, 0);
  const jsGzipBytes = sum('.js');
  const cssGzipBytes = sum('.css');
  return {
    name: page.name,
    file: page.file,
    present: true,
    assets,
    lazy: [...lazy.values()].filter((a) => !seen.has(a.path)),
    jsGzipBytes,
    cssGzipBytes,
    totalGzipBytes: jsGzipBytes + cssGzipBytes,
    targetBytes: page.targetBytes,
  };
}

export interface FrontendResult {
  webRoot: string;
  built: boolean;
  pages: PageWeight[];
}

export function measureFrontend(projectRoot: string): FrontendResult {
  const webRoot = join(projectRoot, 'dist', 'web');
  return {
    webRoot: posix.join('dist', 'web'),
    built: existsSync(webRoot),
    pages: PAGES.map((page) => pageWeight(webRoot, page)),
  };
}

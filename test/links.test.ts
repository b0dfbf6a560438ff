import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands alone: a reader who clones it and nothing else can follow every
 * link and path in the README, dpia/, docs/, deploy/ and the comments of the source. None
 * may point into a sibling folder of the checkout, climb above its root, or name a folder
 * of the machine it was written on; every relative link in a Markdown file names a file
 * or folder that exists.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);
/** Files whose comments are scanned, by extension; Markdown and deploy/ files are scanned whole. */
const SOURCE = new Set(['.ts', '.html', '.css']);

/**
 * Where a development machine keeps checkouts and scratch files, the folders that hold this
 * checkout, and file URLs. System paths an operator uses (/etc, /opt, /usr, /var) are not
 * among them: documents name those on purpose.
 */
function localRoots(root: string): string[] {
  const roots = new Set(['/work/', '/home/', '/Users/', '/root/', '/tmp/', '/mnt/', 'file://']);
  for (let dir = root; dirname(dir) !== dir; dir = dirname(dir)) roots.add(`${dir}/`);
  return [...roots];
}

export interface Leak {
  text: string;
  why: string;
}

/** What in `text` (from a file in `dir`) leaves the repository at `root`. */
export function leaks(text: string, dir: string, root: string): Leak[] {
  const found: Leak[] = [];
  // Punctuation after a path ends the sentence, not the path.
  const path = (text: string) => text.replace(/[.,;:]+$/, '');
  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
  };
  for (const match of text.matchAll(/(?:\.\.\/)*\.\.\/shared\b[^\s)`'"]*/g)) found.push({ text: path(match[0]), why: 'the shared folder beside the checkout' });
  for (const match of text.matchAll(/(?:^|[^\w.])((?:\.\.\/)+[^\s)`'"\]]*)/gm)) {
    if (!inside(resolve(dir, match[1]!))) found.push({ text: path(match[1]!), why: 'climbs above the repository root' });
  }
  const starts = new Set<number>();
  for (const prefix of localRoots(root)) {
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      // A local root is a path only where it starts one, not inside a URL's path.
      if (prefix === 'file://' || at === 0 || !/[\w.:/-]/.test(text[at - 1]!)) starts.add(at);
    }
  }
  for (const at of [...starts].sort((a, b) => a - b)) {
    found.push({ text: path(text.slice(at).split(/[\s)`'"]/)[0]!), why: 'a folder of the machine it was written on' });
  }
  return found;
}

/** Relative link targets of a Markdown text (inline links, images, reference definitions) that name no file or folder in the repository. */
export function brokenLinks(markdown: string, dir: string, root: string): string[] {
  const targets = [
    ...[...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!),
  ];
  return targets.filter((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return false;
    if (target.startsWith('/')) return true;
    const path = resolve(dir, decodeURIComponent(target.split(/[#?]/)[0]!));
    const rel = relative(root, path);
    return rel.startsWith('..') || !existsSync(path);
  });
}

/** The comments of a TypeScript file, found by the compiler's own scanner (not fooled by strings or regular expressions). */
function typeScriptComments(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  const seen = new Set<number>();
  const comments: string[] = [];
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push(text.slice(range.pos, range.end));
    }
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    node.forEachChild(visit);
  };
  visit(file);
  collect(ts.getLeadingCommentRanges(text, file.endOfFileToken.getFullStart()));
  return comments;
}

function comments(path: string, text: string): string[] {
  switch (extname(path)) {
    case '.ts':
      return typeScriptComments(path, text);
    case '.html':
      return [...text.matchAll(/<!--[\s\S]*?-->/g)].map((m) => m[0]);
    default:
      return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
  }
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_FOLDERS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const all = files(ROOT);
const markdown = all.filter((path) => path.endsWith('.md'));
const deployed = all.filter((path) => relative(ROOT, path).startsWith(`deploy${sep}`));
const source = all.filter((path) => SOURCE.has(extname(path)));
const rel = (path: string) => relative(ROOT, path);

describe('the checker', () => {
  const dir = join(ROOT, 'server');
  // Assembled, so that this file names no folder outside the repository itself.
  const outside = ['..', 'shared'].join('/');
  const machine = ['', 'work', 'shared', 'seeds'].join('/');
  it('finds the shared folder, a climb above the root and folders of the writing machine', () => {
    const text = `see ${outside}/DESIGN.md, ../../elsewhere/x.md and ${machine}; keep ../aggregator/store.ts`;
    expect(leaks(text, dir, ROOT).map((l) => l.text)).toEqual([`${outside}/DESIGN.md`, '../../elsewhere/x.md', machine]);
    expect(leaks(`from ${ROOT}/server/app.ts`, dir, ROOT)).toHaveLength(1);
  });

  it('leaves system paths and URLs alone', () => {
    expect(leaks('/var/lib/symptom-self-report, /usr/bin/chromium, https://example.org/home/x', dir, ROOT)).toEqual([]);
  });

  it('finds Markdown links to files that do not exist, above the root, or absolute', () => {
    const text = '[a](../README.md) [b](missing.md) [c](../../x.md) [d](/etc/x) [e](https://x.org) [f](#top)\n[g]: ../docs/design.md#storage';
    expect(brokenLinks(text, join(ROOT, 'dpia'), ROOT)).toEqual(['missing.md', '../../x.md', '/etc/x']);
  });

  it('reads the comments of TypeScript, and only them', () => {
    const text = `// one ../x\nconst a = '${outside}'; /* two */\nconst r = /\\/\\//; // three\n`;
    expect(typeScriptComments('x.ts', text)).toEqual(['// one ../x', '/* two */', '// three']);
  });
});

describe('the repository stands alone', () => {
  it('scans the documents and the sources', () => {
    for (const path of ['README.md', 'docs/design.md', 'dpia/operator.md']) expect(markdown.map(rel)).toContain(path);
    expect(deployed.map(rel)).toContain(join('deploy', 'symptom-self-report.service'));
    for (const path of ['server/service.ts', 'aggregator/retention.ts', 'web/index.html']) expect(source.map(rel)).toContain(path);
  });

  it.each(markdown.map(rel))('%s: no link or path leaves the repository, and every relative link resolves', (path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const dir = dirname(join(ROOT, path));
    expect(leaks(text, dir, ROOT)).toEqual([]);
    expect(brokenLinks(text, dir, ROOT), 'relative links that name nothing in the repository').toEqual([]);
  });

  it('deploy/: no path leaves the repository', () => {
    for (const path of deployed) expect(leaks(readFileSync(path, 'utf8'), dirname(path), ROOT), rel(path)).toEqual([]);
  });

  it('no comment of a source file names a path that leaves the repository', () => {
    const found = source.flatMap((path) =>
      comments(path, readFileSync(path, 'utf8')).flatMap((comment) => leaks(comment, dirname(path), ROOT).map((l) => `${rel(path)}: ${l.text} (${l.why})`)),
    );
    expect(found).toEqual([]);
  });
});

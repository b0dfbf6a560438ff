import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of a V8 .cpuprofile (Chrome DevTools format) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /** `name (file:line)`, the file relative to the project or node_modules. */
  function: string;
  category: string;
  ms: number;
  /** Share of the busy time (everything but idle). */
  share: number;
}

export interface ProfileSummary {
  file: string;
  /** Wall time the profile covers. */
  totalMs: number;
  /** Time the main thread was not idle. */
  busyMs: number;
  /** Self time per category, largest first (idle excluded; see busyMs). */
  categories: { category: string; ms: number; share: number }[];
  /** Functions with the most self time. */
  topSelf: FunctionTime[];
  /** Functions with the most inclusive time (itself and what it calls). */
  topInclusive: FunctionTime[];
}

/**
 * Where a function's self time belongs. Order matters: the first rule that matches wins.
 * Native code called from JavaScript (SQLite, JSON.parse, crypto) is counted in the
 * JavaScript function that called it, so a better-sqlite3 frame includes the fsync.
 */
const CATEGORIES: { category: string; test: (url: string, name: string) => boolean }[] = [
  { category: 'idle', test: (_u, n) => n === '(idle)' },
  { category: 'garbage collection', test: (_u, n) => n === '(garbage collector)' },
  { category: 'commit (SQLite, group commit)', test: (u) => /better-sqlite3|aggregator\/(store|group-commit)\./.test(u) },
  { category: 'validation (zod)', test: (u) => /node_modules\/zod\/|aggregator\/report-schema\./.test(u) },
  { category: 'fold and guidance', test: (u) => /aggregator\/(fold|guidance|case-definitions|metrics|day)\./.test(u) },
  { category: 'anti-abuse (PoW, rate limit)', test: (u) => /server\/abuse\/|node_modules\/altcha-lib\//.test(u) },
  { category: 'logging and metrics', test: (u) => /node_modules\/(pino|sonic-boom|thread-stream|prom-client)\/|server\/(access-log|logger|metrics)\./.test(u) },
  { category: 'security headers', test: (u) => /server\/security-headers\.|hono\/dist\/middleware\/secure-headers/.test(u) },
  { category: 'framework (hono, node-server)', test: (u) => /node_modules\/(hono|@hono\/node-server)\//.test(u) },
  { category: 'handler (parsing, limits, JSON.parse)', test: (u) => /server\/reports\.routes\./.test(u) },
  { category: 'service code (other)', test: (u) => /\/(server|aggregator)\//.test(u) },
  { category: 'start-up (module loading)', test: (u) => /node:internal\/modules\//.test(u) },
  { category: 'node http, streams, sockets', test: (u) => /^node:/.test(u) },
  { category: 'native (socket writes, other)', test: (u, n) => u === '' && !n.startsWith('(') },
  { category: 'V8 and native, unattributed', test: (_u, n) => n === '(program)' },
];

function categoryOf(url: string, name: string): string {
  return CATEGORIES.find((c) => c.test(url, name))?.category ?? 'other';
}

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/** Self and inclusive time by function and by category, from a .cpuprofile. */
export function summarizeProfile(profile: CpuProfile, file = '', top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categoryOfLabel = new Map<string, string>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
    const leaf = byId.get(profile.samples[i]!)!;
    const leafLabel = label(leaf.callFrame);
    total += us;
    if (leaf.callFrame.functionName === '(idle)') idle += us;
    self.set(leafLabel, (self.get(leafLabel) ?? 0) + us);
    categoryOfLabel.set(leafLabel, categoryOf(leaf.callFrame.url, leaf.callFrame.functionName));
    const onStack = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(root)') continue;
      const l = label(frame);
      if (onStack.has(l)) continue; // recursion counts once
      onStack.add(l);
      categoryOfLabel.set(l, categoryOf(frame.url, frame.functionName));
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const ms = (us: number) => us / 1000;
  const categories = new Map<string, number>();
  for (const [l, us] of self) {
    const category = categoryOfLabel.get(l)!;
    if (category !== 'idle') categories.set(category, (categories.get(category) ?? 0) + us);
  }
  const ranked = (times: Map<string, number>) =>
    [...times]
      .filter(([l]) => categoryOfLabel.get(l) !== 'idle' && !l.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, us]) => ({ function: l, category: categoryOfLabel.get(l)!, ms: ms(us), share: us / busy }));
  return {
    file,
    totalMs: ms(total),
    busyMs: ms(busy),
    categories: [...categories]
      .sort((a, b) => b[1] - a[1])
      .map(([category, us]) => ({ category, ms: ms(us), share: us / busy })),
    topSelf: ranked(self),
    topInclusive: ranked(inclusive),
  };
}

export function summarizeProfileFile(path: string, top?: number): ProfileSummary {
  return summarizeProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, path, top);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The summary as Markdown tables. */
export function profileMarkdown(summary: ProfileSummary): string {
  const lines = [
    `Main thread busy ${Math.round(summary.busyMs)} ms of ${Math.round(summary.totalMs)} ms profiled; shares are of the busy time.`,
    '',
    '| Where | Self time | Share |',
    '| --- | ---: | ---: |',
    ...summary.categories.map((c) => `| ${c.category} | ${Math.round(c.ms)} ms | ${percent(c.share)} |`),
    '',
    '| Function (self time) | Where | ms | Share |',
    '| --- | --- | ---: | ---: |',
    ...summary.topSelf.map((f) => `| \`${f.function}\` | ${f.category} | ${Math.round(f.ms)} | ${percent(f.share)} |`),
    '',
    '| Function (inclusive time) | Where | ms | Share |',
    '| --- | --- | ---: | ---: |',
    ...summary.topInclusive.map((f) => `| \`${f.function}\` | ${f.category} | ${Math.round(f.ms)} | ${percent(f.share)} |`),
  ];
  return lines.join('\n');
}

// `node dist/bench/profile.js <file.cpuprofile> [top]` prints the summary.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    process.stderr.write('usage: node dist/bench/profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${profileMarkdown(summarizeProfileFile(path, top ? Number(top) : undefined))}\n`);
}

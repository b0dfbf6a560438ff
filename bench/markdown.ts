import { markdownTable } from 'markdown-table';
import type { FrontendResult } from './frontend.js';
import type { GrowthResult } from './growth.js';
import type { ConnectionPoint, IngestResult, TargetResult } from './ingest.js';
import type { LatencySummary } from './load-protocol.js';
import type { MeasuredRun } from './measure.js';
import type { PowResult } from './pow.js';
import { profileMarkdown } from './profile.js';
import type { CachedRead } from './delivery.js';
import type { CsvDownload, ReadQuery, ReadResult, ReadRun } from './read.js';
import { ANSWER } from './servers/answer.js';
import type { RecentRun } from './history.js';
import type { BenchResults } from './results.js';
import { ANTI_ABUSE_OFF } from './service-env.js';

const NAMES: Record<string, string> = { service: 'service', 'bare-hono': 'bare Hono', 'bare-http': 'bare node:http' };

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ×` : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} %` : '–');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const size = (bytes: number) => (bytes >= 1e6 ? mb(bytes) : kb(bytes));
const secs = (msValue: number) => (msValue >= 1000 ? `${(msValue / 1000).toFixed(2)} s` : `${int(msValue)} ms`);
const STATUS = { met: '✅ met', 'not met': '❌ not met', 'not measured': '➖ not measured' } as const;

/** A heading and the blocks under it (paragraphs, tables, lists, subsections), a blank line between each; absent blocks are left out. */
function section(heading: string, ...blocks: (string | undefined)[]): string {
  return [heading, ...blocks.filter((b) => b !== undefined)].join('\n\n');
}

/** A bulleted list, or nothing when there is no item. */
function list(items: string[]): string | undefined {
  return items.length ? items.map((item) => `- ${item}`).join('\n') : undefined;
}

/** A column's header and whether its cells align left (text) or right (figures). */
type Column = readonly [header: string, align: 'l' | 'r'];

function table(columns: readonly Column[], rows: string[][]): string {
  // Unpadded columns keep the diff of two runs to the figures that changed.
  return markdownTable([columns.map(([header]) => header), ...rows], { align: columns.map(([, align]) => align), alignDelimiters: false });
}

const PERCENTILE_COLUMNS: Column[] = [['p50 ms', 'r'], ['p97.5 ms', 'r'], ['p99 ms', 'r']];
/** The cells under PERCENTILE_COLUMNS. */
const percentiles = (l: LatencySummary) => [ms(l.p50), ms(l.p97_5), ms(l.p99)];

function failures(run: MeasuredRun): string {
  return `${run.errors + run.timeouts}`;
}

function saturationRows(ingest: IngestResult): string[][] {
  const rows: string[][] = [];
  for (const [i, connections] of ingest.ratios.map((r) => r.connections).entries()) {
    for (const target of ingest.targets) {
      const s = target.points[i]!.saturation;
      const r = ingest.ratios[i]!;
      const isService = target.name === 'service';
      rows.push([
        NAMES[target.name]!,
        `${connections}`,
        int(s.requestsPerSecond),
        isService ? ratio(r.vsBareHono) : '',
        isService ? ratio(r.vsBareHttp) : '',
        ...percentiles(s.latencyMs),
        failures(s),
        `${s.non2xx}`,
        pct(s.serverCpuPercent),
        pct(s.loadCpuPercent),
      ]);
    }
  }
  return rows;
}

function ratedRows(targets: TargetResult[]): string[][] {
  const rows: string[][] = [];
  const points = targets[0]?.points.length ?? 0;
  for (let i = 0; i < points; i++) {
    for (const target of targets) {
      const p: ConnectionPoint = target.points[i]!;
      for (const { fraction, run } of p.rated) {
        rows.push([
          NAMES[target.name]!,
          `${p.connections}`,
          `${fraction * 100} %`,
          int(run.targetRate ?? Number.NaN),
          int(run.requestsPerSecond),
          ...percentiles(run.latencyMs),
          ms(run.latencyMs.max),
          failures(run),
          `${run.non2xx}`,
        ]);
      }
    }
  }
  return rows;
}

function commitRows(service: TargetResult | undefined): string[][] {
  if (!service) return [];
  return service.points.flatMap((p) =>
    [{ label: 'saturation', run: p.saturation }, ...p.rated.map((r) => ({ label: `${r.fraction * 100} %`, run: r.run }))].flatMap(({ label, run }) =>
      run.commit
        ? [[
            `${p.connections}`,
            label,
            int(run.commit.commits / run.windowSeconds),
            run.commit.reportsPerCommit.toFixed(1),
            ms(run.commit.msPerCommit),
            pct((run.commitShare ?? Number.NaN) * 100),
          ]]
        : [],
    ),
  );
}

function ingestSection(r: BenchResults): string {
  const { ingest } = r;
  const mix = r.settings.bodyMix;
  const off = Object.entries(ANTI_ABUSE_OFF).map(([name, value]) => `\`${name}=${value}\``).join(', ');
  const service = ingest.targets.find((t) => t.name === 'service');
  return section(
    '## Ingest: `POST /api/v1/reports`',
    `The ingest core: proof of work and the rate limit are switched off (${off}); see the next section for the service with proof of work. ` +
      `Server: ${service?.description ?? ''}. Fresh database in a temporary folder; each server is its own process, the load generator (autocannon) another.`,
    `Bodies: ${mix.bodies} pre-generated valid reports (seed ${mix.seed}), ${mix.municipalities} municipalities, ${mix.ageBands} age bands, ` +
      `${mix.symptomCombinations} symptom combinations, ${Math.round(mix.symptomaticShare * 100)} % with symptoms, ${mix.meanBytes} bytes on average; ` +
      `advice: ${Object.entries(mix.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    section(
      '### Saturation (each connection sends as soon as it has its answer)',
      table(
        [['Server', 'l'], ['Conn.', 'r'], ['req/s', 'r'], ['vs bare Hono', 'r'], ['vs node:http', 'r'], ...PERCENTILE_COLUMNS, ['Errors', 'r'], ['Non-2xx', 'r'], ['Server CPU', 'r'], ['Load-generator CPU', 'r']],
        saturationRows(ingest),
      ),
      'CPU in percent of one core over the run. A load generator near 100 % was itself the limit, so that figure is a floor.',
    ),
    section(
      '### Latency at fixed request rates (25, 50, 75 % of each server’s own saturation)',
      table(
        [['Server', 'l'], ['Conn.', 'r'], ['Rate', 'r'], ['Target req/s', 'r'], ['Achieved req/s', 'r'], ...PERCENTILE_COLUMNS, ['Max ms', 'r'], ['Errors', 'r'], ['Non-2xx', 'r']],
        ratedRows(ingest.targets),
      ),
    ),
    section(
      '### Group commit (the service’s own metrics over each run)',
      table(
        [['Conn.', 'r'], ['Run', 'l'], ['Commits/s', 'r'], ['Reports per commit', 'r'], ['ms per commit', 'r'], ['Wall time in commits', 'r']],
        commitRows(service),
      ),
      'A commit writes on the event loop (better-sqlite3) and is flushed to disk in the thread pool; "ms per commit" runs from the write until the flush ended, when its reports are answered.',
    ),
    section(
      '### Memory and counters',
      table(
        [['Server', 'l'], ['Peak RSS', 'r'], ['Exit code', 'r']],
        ingest.targets.map((t) => [NAMES[t.name]!, mb(t.peakRssBytes), `${t.exitCode}`]),
      ),
      `Counters after the service stopped: ${ingest.counters.counted} reports counted in SQLite, ${ingest.counters.acknowledged} answered 201` +
        `${ingest.counters.unanswered ? `, ${ingest.counters.unanswered} sent and never answered` : ''}: ` +
        `${ingest.counters.ok && ingest.counters.counted === ingest.counters.acknowledged ? 'equal.' : '**not equal.**'}`,
    ),
  );
}

function powSection(pow: PowResult | undefined, notMeasured: BenchResults['notMeasured']): string {
  if (!pow) {
    const why = notMeasured.find((n) => n.scenario === 'pow')?.reason ?? 'not run';
    return section('## Ingest with proof of work', `Not measured: ${why}.`);
  }
  const s = pow.saturation;
  const r = pow.rated.run;
  const c = pow.challengeIssue;
  return section(
    '## Ingest with proof of work',
    `The service with proof of work on (rate limit off: all traffic comes from 127.0.0.1), 50 connections. Each report carries its own ` +
      `solved challenge (\`X-Altcha\`), fetched and solved before the run (${pow.prepared.challenges} challenges in ${pow.prepared.seconds.toFixed(1)} s), ` +
      `each sent once. The runs use a trivial difficulty (\`POW_MAX_NUMBER=${pow.benchDifficulty.maxNumber}\`, \`POW_COST=${pow.benchDifficulty.cost}\`): ` +
      'the server checks a solution with two HMACs whatever the difficulty, so the figures hold for the default difficulty; ' +
      'solving thousands of default-difficulty challenges would take the bench hours.',
    table(
      [['Run', 'l'], ['Target req/s', 'r'], ['req/s', 'r'], ['vs ingest core', 'r'], ...PERCENTILE_COLUMNS, ['Errors', 'r'], ['Non-2xx', 'r'], ['Server CPU', 'r']],
      [
        ['saturation', '', int(s.requestsPerSecond), ratio(pow.ratioToCore), ...percentiles(s.latencyMs), failures(s), `${s.non2xx}`, pct(s.serverCpuPercent)],
        [`${pow.rated.fraction * 100} %`, int(r.targetRate ?? Number.NaN), int(r.requestsPerSecond), '', ...percentiles(r.latencyMs), failures(r), `${r.non2xx}`, pct(r.serverCpuPercent)],
      ],
    ),
    `Peak RSS ${mb(pow.peakRssBytes)}. Counters: ${pow.counters.counted} counted, ${pow.counters.acknowledged} answered 201: ` +
      `${pow.counters.ok && pow.counters.counted === pow.counters.acknowledged ? 'equal.' : '**not equal.**'}`,
    `At the default difficulty (\`POW_MAX_NUMBER=${c.maxNumber}\`, \`POW_COST=${c.cost}\`): \`GET /api/v1/challenge\` answers ` +
      `${int(c.run.requestsPerSecond)} req/s at saturation (p99 ${ms(c.run.latencyMs.p99)} ms, server CPU ${pct(c.run.serverCpuPercent)}, ` +
      `non-2xx ${c.run.non2xx}); every report needs one, so one process takes about ` +
      `${int(1 / (1 / c.run.requestsPerSecond + 1 / s.requestsPerSecond))} challenge-and-report pairs a second (1 / (1/challenges + 1/reports), an estimate). A client solving in Node on this machine takes ${ms(pow.clientSolve.msPerAttempt)} ms per attempt, ` +
      `about ${(pow.clientSolve.expectedMs / 1000).toFixed(1)} s per challenge on average (a phone's browser is slower).`,
  );
}

const RETENTION_NAMES = { kept: 'all counters', freezing: 'first start at 30 days', default: '30 days' } as const;

function growthSection(growth: GrowthResult | undefined, notMeasured: BenchResults['notMeasured']): string {
  if (!growth) {
    const why = notMeasured.find((n) => n.scenario === 'growth')?.reason ?? 'not run';
    return section('## Growth', `Not measured: ${why}.`);
  }
  const snapshotRows = growth.snapshots.map((o) => {
    if (!o.ok) {
      const c = o.case;
      return [`${c.municipalities || 212}`, `${c.days}`, '–', '–', '–', '–', '–', `failed: ${o.error}`];
    }
    const t = o.timing;
    return [
      `${t.areas}`,
      `${t.days}`,
      int(t.counterRows),
      t.databaseBytes ? `streamed (${mb(t.databaseBytes)} file)` : 'in memory',
      `${int(t.release.firstMs)} ms`,
      `${int(t.release.bestMs)} ms`,
      mb(t.peakRssBytes),
      '',
    ];
  });
  const accuracyRows = growth.snapshots.flatMap((o) =>
    o.ok && o.timing.accuracy
      ? o.timing.accuracy.map((a) => [
          `${o.timing.areas}`,
          `${o.timing.days}`,
          `${a.level} × ${a.period}`,
          int(a.cells),
          a.meanAbsoluteDeviation.toFixed(2),
          a.meanDeviation.toFixed(2),
          `${a.maxDeviation}`,
        ])
      : [],
  );
  const ingestRows = growth.ingest.map((p) => [
    `${p.municipalities}`,
    int(p.saturation.requestsPerSecond),
    ms(p.saturation.latencyMs.p50),
    ms(p.saturation.latencyMs.p99),
    p.saturation.commit ? p.saturation.commit.reportsPerCommit.toFixed(1) : '–',
    p.saturation.commit ? ms(p.saturation.commit.msPerCommit) : '–',
    `${p.saturation.errors + p.saturation.timeouts + p.saturation.non2xx}`,
    p.counters.ok && p.counters.counted === p.counters.acknowledged ? 'equal' : '**not equal**',
  ]);
  return section(
    '## Growth',
    `Snapshot: \`release()\` (aggregator/release.ts) over synthetic counters, each case in a fresh process: ${int(growth.reportsPerDay)} reports a day ` +
      'nationally, spread by population, each a real report folded as the service folds it. Where marked, the counters are first written to a SQLite file ' +
      'and streamed back with `CountsStore.rows()` into the release, as the service does (the release time then includes the read). The 2,000-municipality pack is synthetic ' +
      '(bench/synthetic-pack.ts); a year of it (about 20 million counter rows) is left out.',
    table(
      [['Municipalities', 'r'], ['Days', 'r'], ['Counter rows', 'r'], ['Counters from', 'r'], ['release() first', 'r'], ['release() best', 'r'], ['Peak RSS', 'r'], ['Note', 'l']],
      snapshotRows,
    ),
    'Accuracy of the published counts: every published (perturbed) count of the snapshot against the true sum of the counters it stands for, ' +
      "per table (today's provisional numbers left out). The perturbation is unbiased for every count but 0; an empty cell is published as 0.34 on average.",
    table(
      [['Municipalities', 'r'], ['Days', 'r'], ['Table', 'l'], ['Cells', 'r'], ['Mean |published − true|', 'r'], ['Mean published − true', 'r'], ['Largest', 'r']],
      accuracyRows,
    ),
    `Ingest at 50 connections with 212 and with ${growth.ingest[1]?.municipalities ?? '–'} municipalities, back to back, fresh databases:`,
    table(
      [['Municipalities', 'r'], ['req/s', 'r'], ['p50 ms', 'r'], ['p99 ms', 'r'], ['Reports per commit', 'r'], ['ms per commit', 'r'], ['Failures', 'r'], ['Counters', 'l']],
      ingestRows,
    ),
    `Ratio: ${ratio(growth.ingestRatio)}. CSV size and time: see the read-path section (downloads from the running service).`,
  );
}

const QUERY_NAMES: Record<ReadQuery, string> = {
  'stats-small': '(a) small JSON, cached',
  'stats-year-regions': '(b) a year of regions, JSON',
  'csv-year-regions': '(c) a year of regions, CSV',
};

function readRunRow(r: ReadRun): string[] {
  const run = r.run;
  return [
    QUERY_NAMES[r.query],
    `${r.connections}`,
    r.ingest ? `${int(r.ingest.targetRate)} req/s` : '–',
    int(run.answered),
    run.requestsPerSecond < 10 ? run.requestsPerSecond.toFixed(2) : int(run.requestsPerSecond),
    ...percentiles(run.latencyMs),
    ms(run.latencyMs.max),
    failures(run),
    `${run.non2xx}`,
    size(r.bytesPerAnswer),
    pct(run.serverCpuPercent),
    pct(run.loadCpuPercent),
  ];
}

function ingestRow(r: ReadRun): string[] {
  const i = r.ingest!;
  return [
    QUERY_NAMES[r.query],
    int(i.targetRate),
    int(i.run.requestsPerSecond),
    int(i.reportsPerSecondDuringReads),
    pct((i.reportsPerSecondDuringReads / i.targetRate) * 100),
    pct(i.overlap * 100),
    ms(i.run.latencyMs.p50),
    ms(i.run.latencyMs.p99),
    ms(i.run.latencyMs.max),
    `${i.run.errors + i.run.timeouts}`,
    `${i.run.non2xx}`,
  ];
}

function csvRow(d: CsvDownload, metricCount: number): string[] {
  const ok = d.status === 200;
  return [
    `${d.municipalities}`,
    `${d.days}`,
    d.subset ? d.subset.join(', ') : `all ${metricCount}`,
    ok ? '200' : `${d.status}: ${d.detail ?? ''}`,
    ok ? int(d.rows) : '–',
    ok ? size(d.bytes) : '–',
    ok && d.rows ? int(d.bytes / d.rows) : '–',
    secs(d.firstByteMs),
    secs(d.totalMs),
    ok ? `${(d.bytes / 1e6 / (d.totalMs / 1000)).toFixed(1)} MB/s` : '–',
  ];
}

/** For each refused query: how large the largest CSV the service does serve would be, from the subset's bytes per row. */
function largestCsv(read: ReadResult): string | undefined {
  return list(
    read.csv.flatMap((d) => {
      if (!d.subset || d.status !== 200 || d.rows === 0) return [];
      const perMetric = d.rows / d.metrics;
      const fit = Math.min(read.metricCount, Math.floor(read.limits.csvRows / perMetric));
      const bytesPerRow = d.bytes / d.rows;
      const msPerRow = d.totalMs / d.rows;
      return [
        `${d.municipalities} municipalities × ${d.days} days: ${int(perMetric)} rows per metric, so all ${read.metricCount} metrics would be ` +
          `${int(perMetric * read.metricCount)} rows; the largest CSV served holds ${fit} metrics, ${int(fit * perMetric)} rows, ` +
          `about ${mb(fit * perMetric * bytesPerRow)} and ${secs(fit * perMetric * msPerRow)} at this download's bytes and time per row (an estimate).`,
      ];
    }),
  );
}

function readSection(r: BenchResults): string {
  const read: ReadResult | undefined = r.read;
  if (!read) {
    const why = r.notMeasured.find((n) => n.scenario === 'read')?.reason ?? 'not run';
    return section('## Read path: `GET /api/v1/stats` and the CSV', `Not measured (nor the CSV sizes): ${why}.`);
  }
  const at = (name: string, connections: number) =>
    r.ingest.targets.find((t) => t.name === name)?.points.find((p) => p.connections === connections)?.saturation.requestsPerSecond ?? Number.NaN;
  const small = read.runs.find((x) => x.query === 'stats-small' && !x.ingest);
  const paths = [...new Map(read.runs.map((x) => [x.query, x.path])).entries()];
  const year = read.starts.find((s) => s.days === read.days && s.retention === 'kept');
  return section(
    '## Read path: `GET /api/v1/stats` and the CSV',
    `The production service on a database pre-filled with ${read.days} closed days (${read.firstDay} to the day before the open day ${read.openDay}, ${read.timeZone}) ` +
      `of synthetic counters, ${int(read.reportsPerDay)} reports a day nationally (bench/synthetic-counts.ts), written with \`openCountsStore\` before the service starts. ` +
      'Proof of work and the rate limit off, every other setting at its default unless said below (a release every 300 s: none falls inside the runs). ' +
      'Every answer comes from the snapshot in memory; JSON answers are cached per snapshot and query, the CSV is streamed anew each time.',
    section(
      '### Time to start',
      table(
        [['Municipalities', 'r'], ['Days', 'r'], ['Retention', 'l'], ['Rows read', 'r'], ['Database file', 'r'], ['Written by the bench in', 'r'], ['Spawn to listening', 'r'], ['First snapshot', 'r'], ['RSS after start', 'r']],
        read.starts.map((s) => [
          `${s.municipalities}`,
          `${s.days}`,
          s.days === 0 ? '–' : RETENTION_NAMES[s.retention],
          int(s.counterRows),
          s.databaseBytes ? mb(s.databaseBytes) : 'empty',
          s.fillSeconds ? `${s.fillSeconds.toFixed(1)} s` : '–',
          secs(s.startMs),
          secs(s.releaseMs),
          mb(s.rssAfterStartBytes),
        ]),
      ),
      'The first snapshot is computed before the service listens: every counter streamed from SQLite (`CountsStore.rows()`) into `release()`, ' +
        'timed by the service itself (`snapshot_release_duration_seconds`). The same work runs on the event loop at every release (`RELEASE_INTERVAL_S`), ' +
        `so every release stalls requests for about as long${year ? ` (${secs(year.releaseMs)} with a year of counters)` : ''}.` +
        ' "All counters" ran with `RETENTION_DAYS=3650`, so the file stays a year of day × municipality counters as written. The same file then started twice at the ' +
        'default retention (30 days): the first start freezes every week older than that (a one-off a service running since launch never meets, since it freezes a week at a time), ' +
        'and the second is the start of a service after a year: 30 days of counters and a year of frozen published values.',
    ),
    section(
      '### Load',
      list(paths.map(([q, p]) => `${QUERY_NAMES[q]}: \`${p}\``)),
      table(
        [['Query', 'l'], ['Conn.', 'r'], ['Concurrent ingest', 'r'], ['Answers', 'r'], ['req/s', 'r'], ...PERCENTILE_COLUMNS, ['Max ms', 'r'], ['Errors', 'r'], ['Non-2xx', 'r'], ['Bytes per answer', 'r'], ['Server CPU', 'r'], ['Load-generator CPU', 'r']],
        read.runs.map(readRunRow),
      ),
      'JSON: saturation (closed loop, a fixed number of requests) after a warm-up. CSV: one download per connection, after the CSV downloads of the next section. ' +
        'Bytes per answer are the bytes on the wire: status line, headers and, for the streamed CSV, the chunked-encoding framing (the CSV sizes below count the body only). ' +
        'The load-generator CPU is the reading process\'s only.' +
        (small
          ? ` The small query alone: ${ratio(small.run.requestsPerSecond / at('bare-hono', small.connections))} the bare Hono baseline and ` +
            `${ratio(small.run.requestsPerSecond / at('bare-http', small.connections))} bare node:http at ${small.connections} connections ` +
            `(ingest section: those parse a report body and answer 201 with ${Buffer.byteLength(ANSWER)} bytes).`
          : ''),
      'Concurrent ingest: a second load process holds `POST /api/v1/reports` at ' +
        `${int(read.ingestRate)} req/s, ${pct(read.ingestFraction * 100)} of the ingest core's saturation at 50 connections` +
        ' (ingest section) from one second before the reads start; reports committed are read from the service\'s /metrics over the read run. ' +
        'The ingest latencies cover the ingest run as a whole (its share overlapping the reads is given); a maximum as long as the read run means reports waited for the reads to end.',
      table(
        [['Reads', 'l'], ['Ingest target req/s', 'r'], ['Ingest achieved req/s', 'r'], ['Reports/s committed during the reads', 'r'], ['Of the target', 'r'], ['Overlap', 'r'], ['Ingest p50 ms', 'r'], ['Ingest p99 ms', 'r'], ['Ingest max ms', 'r'], ['Ingest errors', 'r'], ['Ingest non-2xx', 'r']],
        read.runs.filter((x) => x.ingest).map(ingestRow),
      ),
      `Peak RSS of the year-of-data service over every run and download (the CSV sizes below included): ${mb(read.peakRssBytes)}; exit code ${read.exitCode}.`,
    ),
    section(
      '### CSV size and time',
      `One download each with \`fetch\` from the bench process, nothing else running: the largest CSV the service serves for the ISO weeks within the last 7, 30 and 365 closed days ` +
        `(\`/api/v1/stats.csv?time_type=week&geo_type=municipality&from=…\`: municipalities publish weeks only, ${read.metricCount} metrics). The service refuses more than ${int(read.limits.csvRows)} rows ` +
        `(JSON: ${int(read.limits.jsonRows)}) with 400; then a subset of metrics is downloaded instead (those of query (a)). ` +
        'First byte: the answer is built in full (once per snapshot, then kept) before it is sent. The CSV of query (c), a year of regions, is in the load table.',
      table(
        [['Municipalities', 'r'], ['Days', 'r'], ['Metrics', 'l'], ['Status', 'l'], ['Rows', 'r'], ['Size', 'r'], ['Bytes per row', 'r'], ['First byte', 'r'], ['Total', 'r'], ['Throughput', 'r']],
        read.csv.map((d) => csvRow(d, read.metricCount)),
      ),
      largestCsv(read),
      read.largePackError ? `2,000 municipalities: failed: ${read.largePackError}` : undefined,
    ),
    deliverySection(read),
  );
}

function cachedReadRow(name: string, c: CachedRead): string[] {
  return [name, `\`${c.path}\``, c.acceptEncoding, c.contentEncoding ?? 'none', size(c.bytes), int(c.run.requestsPerSecond), ms(c.run.latencyMs.p50), ms(c.run.latencyMs.p99), failures(c.run)];
}

function deliverySection(read: ReadResult): string {
  const d = read.delivery;
  if (!d) return section('### Cached answers', `Not measured: ${read.deliveryError ?? 'not run'}.`);
  return section(
    '### Cached answers',
    `Saturation at ${d.stats.run.connections} connections after a warm-up of 2,000 requests, on the year-of-data service. The statistics query is run against a bare Hono ` +
      'endpoint (bench/servers/bare-bytes.ts) that sends the very bytes and headers the service sent for it, with the same Accept-Encoding, the bare one first: ' +
      `the service reaches ${ratio(d.stats.ratio)} its rate. The Epidata queries are sent as epidatr sends them (Accept-Encoding: gzip).`,
    table(
      [['Answer', 'l'], ['Path', 'l'], ['Accept-Encoding', 'l'], ['Sent as', 'l'], ['Body', 'r'], ['req/s', 'r'], ['p50 ms', 'r'], ['p99 ms', 'r'], ['Failures', 'r']],
      [
        cachedReadRow('statistics, cached', d.stats),
        ['bare Hono, same bytes', '', d.stats.acceptEncoding, d.stats.contentEncoding ?? 'none', size(d.stats.bytes), int(d.stats.bare.requestsPerSecond), ms(d.stats.bare.latencyMs.p50), ms(d.stats.bare.latencyMs.p99), failures(d.stats.bare)],
        ...d.epidata.map((e) => cachedReadRow('Epidata', e)),
      ],
    ),
    `The municipality CSV of the last 28 days (\`${d.csv.path}\`, its ISO weeks, ${int(d.csv.rows)} rows): ${size(d.csv.bytes.identity)} uncompressed, ` +
      `${size(d.csv.bytes.gzip)} gzip, ${size(d.csv.bytes.br)} brotli, as sent.`,
  );
}

function frontendSection(frontend: FrontendResult): string {
  const rows = frontend.pages.map((p) =>
    p.present
      ? [p.name, `\`${p.file}\``, kb(p.jsGzipBytes), kb(p.cssGzipBytes), kb(p.totalGzipBytes), kb(p.targetBytes), p.totalGzipBytes < p.targetBytes ? STATUS.met : STATUS['not met']]
      : [p.name, `\`${p.file}\``, '–', '–', 'absent', kb(p.targetBytes), STATUS['not measured']],
  );
  const files = frontend.pages
    .filter((p) => p.present)
    .map(
      (p) =>
        `${p.name}: ${p.assets.map((a) => `\`${a.path}\` ${kb(a.gzipBytes)} (${a.kind})`).join(', ')}` +
        (p.lazy.length ? `; on demand, not counted: ${p.lazy.map((a) => `\`${a.path}\` ${kb(a.gzipBytes)}`).join(', ')}` : ''),
    );
  return section(
    '## Front-end weight',
    `Gzip (level 9) of the JS and CSS each page of \`${frontend.webRoot}\` fetches without any action: referenced by its HTML, imported statically, or started as a worker. 1 kB = 1000 bytes.`,
    table([['Page', 'l'], ['HTML', 'l'], ['JS gz', 'r'], ['CSS gz', 'r'], ['Total', 'r'], ['Target', 'r'], ['Status', 'l']], rows),
    list(files),
  );
}

const METHOD = `## Method

- Saturation: each connection sends its next request as soon as it has the answer to the last (closed loop), for a fixed number of requests, so none is in flight at the end and the counters can be compared exactly; a warm-up of 3,000 requests at 50 connections comes first.
- Fixed rates: autocannon's rate limit is a per-connection quota per second, sent back to back (mcollina/autocannon#174); with all connections on one clock, a "25 %" run would be a burst at full speed and then silence. The connections are therefore split into up to 25 groups started at even offsets across the first second, and only answers after the last group started are measured. autocannon's own coordinated-omission correction is off: it assumes 1 ms between requests (\`Math.ceil(1 / rate)\`) and would add a ramp of made-up samples under every answer slower than that. Each latency is one request's, from its write to the last byte of its answer.
- Percentiles come from an HDR histogram (hdr-histogram-js, three significant digits). Peak RSS is the largest of the server's memory samples, taken every 100 ms with pidusage, which also reads its CPU time.
- The machine is whatever ran \`npm run bench\`: compare figures only within one run.`;

/** The service's saturation against both baselines, round by round, and the ratios the targets judge. */
function roundsSection(r: BenchResults): string {
  const rows = r.rounds.points.flatMap((p) =>
    p.requestsPerSecond.service.map((service, i) => [
      `${p.connections}`,
      `${i + 1}`,
      int(service),
      int(p.requestsPerSecond['bare-hono'][i]!),
      int(p.requestsPerSecond['bare-http'][i]!),
      ratio(service / p.requestsPerSecond['bare-hono'][i]!),
      ratio(service / p.requestsPerSecond['bare-http'][i]!),
    ]),
  );
  const medians = r.rounds.points.map((p) => [
    `${p.connections}`,
    `${ratio(p.vsBareHono.median)} (${p.vsBareHono.min.toFixed(2)}–${p.vsBareHono.max.toFixed(2)})`,
    `${ratio(p.vsBareHttp.median)} (${p.vsBareHttp.min.toFixed(2)}–${p.vsBareHttp.max.toFixed(2)})`,
  ]);
  return section(
    '## Ingest, interleaved: the ratios the targets judge',
    `The service and both baselines run side by side, each in its own process; each of ${r.rounds.rounds} rounds measures the saturation of every one in turn ` +
      '(another one first in each round), so a machine that gets busier or quieter moves all three alike. The ratio is taken within each round.',
    table([['Conn.', 'r'], ['Round', 'r'], ['Service req/s', 'r'], ['Bare Hono req/s', 'r'], ['node:http req/s', 'r'], ['vs bare Hono', 'r'], ['vs node:http', 'r']], rows),
    table([['Conn.', 'r'], ['Median vs bare Hono (rounds)', 'r'], ['Median vs node:http (rounds)', 'r']], medians),
  );
}

/** The last runs side by side, so a regression shows at a glance. */
function historySection(recent: readonly RecentRun[]): string {
  const connections = [...new Set(recent.flatMap((run) => run.ratios.map((x) => x.connections)))].sort((a, b) => a - b);
  return section(
    '## Recent runs',
    'The service over bare Hono at each connection count (the median of the interleaved rounds where a run had them), and the targets met, for the last runs recorded in bench/results/.',
    table(
      [['Run', 'l'], ['Commit', 'l'], ...connections.map((c): Column => [`${c} conn.`, 'r']), ['Targets met', 'r']],
      recent.map((run) => [
        run.date.slice(0, 16).replace('T', ' '),
        `\`${run.commit}\``,
        ...connections.map((c) => {
          const x = run.ratios.find((y) => y.connections === c);
          return x ? ratio(x.vsBareHono) : '–';
        }),
        `${run.met} of ${run.measured}`,
      ]),
    ),
  );
}

export function resultsMarkdown(r: BenchResults, jsonName: string, recent: readonly RecentRun[]): string {
  const m = r.machine;
  const document = section(
    '# Benchmark results',
    `Run of ${m.date} on commit \`${m.commit}\`${m.uncommittedChanges ? ` with ${m.uncommittedChanges} uncommitted changes` : ''}, ` +
      `${r.settings.secondsPerRun} s per run, connections ${r.settings.connections.join(', ')}, ${Math.round(r.durationSeconds)} s in all. ` +
      `Every figure: [\`${jsonName}\`](${jsonName}). Produced by \`npm run bench\` (bench/run.ts).`,
    section(
      '## Machine',
      table(
        [['CPU', 'l'], ['Cores', 'r'], ['Memory', 'r'], ['Kernel', 'l'], ['Node', 'l'], ['Load average at start', 'r']],
        [[m.cpuModel, `${m.cores}`, `${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB`, m.kernel, m.node, m.loadAverageAtStart.toFixed(2)]],
      ),
      `Packages: ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    ),
    section(
      '## Targets',
      table([['Target', 'l'], ['Measured', 'r'], ['Status', 'l']], r.targets.map((t) => [t.target, t.measured, STATUS[t.status]])),
    ),
    historySection(recent),
    roundsSection(r),
    ingestSection(r),
    powSection(r.ingestWithPow, r.notMeasured),
    readSection(r),
    growthSection(r.growth, r.notMeasured),
    frontendSection(r.frontend),
    r.profile
      ? section(
          '## Where the ingest time goes (CPU profile)',
          `\`node --cpu-prof\` of the service (its build before bundling, so each function keeps its package's name) at saturation with ${r.profile.connections} connections ` +
            `(${int(r.profile.run.requestsPerSecond)} req/s under the profiler), warm-up included. Native work (SQLite and its fsync, JSON.parse, socket writes) ` +
            'is counted in the JavaScript function that called it.',
          profileMarkdown(r.profile.summary),
        )
      : undefined,
    r.notMeasured.length ? section('## Not measured in this run', list(r.notMeasured.map((n) => `${n.scenario}: ${n.reason}`))) : undefined,
    METHOD,
  );
  return `${document}\n`;
}

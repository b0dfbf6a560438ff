import autocannon from 'autocannon';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { reportBodies } from './bodies.js';
import { LatencyRecorder } from './latency.js';
import type { LoadBody, LoadReply, LoadRequest, LoadResult, LoadSpec } from './load-protocol.js';

/**
 * The load generator: its own process, forked by bench/run.ts, never the servers'. It runs
 * autocannon programmatically, one run per message, and answers with what it measured.
 *
 * How rates are held. autocannon's `overallRate` is a per-connection quota per second:
 * each connection sends its share back to back, then waits for the next second
 * (mcollina/autocannon#174). With every connection on the same clock a "25 %" run is a
 * burst at full speed followed by silence, and its latencies are those of saturation. A
 * rated run is therefore split into groups of connections, each an autocannon instance
 * with its share of the rate (`connectionRate`, the per-connection form of the same
 * limiter), started at even offsets across the first second; only answers after the last
 * group started are measured.
 * autocannon's own coordinated-omission correction is off: it takes the interval between
 * requests to be `Math.ceil(1 / rate)` = 1 ms and adds a ramp of made-up samples below
 * every answer slower than that. Latency is per request, from its write to its last byte.
 */

const DEFAULT_REQUESTS: LoadBody[] = reportBodies(loadAreaPack(process.env.AREA_PACK ?? 'si')).map((body) => ({ body }));
/** Most autocannon instances a rated run is split into. */
const MAX_GROUPS = 25;
/** The least each connection cycles through, so every connection sends a varied mix. */
const MIN_REQUESTS_PER_CONNECTION = 64;

/** What connection `index` of `connections` cycles through. */
function connectionRequests(spec: LoadSpec, all: readonly LoadBody[], index: number): LoadBody[] {
  if (spec.unique) {
    // Disjoint: connection i sends requests i, i + C, i + 2C, ... once each.
    return all.filter((_, j) => j % spec.connections === index);
  }
  const size = Math.min(all.length, Math.max(MIN_REQUESTS_PER_CONNECTION, Math.ceil(all.length / spec.connections)));
  const first = (index * size) % all.length;
  return Array.from({ length: size }, (_, j) => all[(first + j) % all.length]!);
}

interface Tally {
  sent: number;
  answered: number;
  measured: number;
  bytes: number;
  statusCounts: Record<string, number>;
  latencies: LatencyRecorder;
  /** Answers before this instant (performance.now) are not measured. */
  measureFrom: number;
  firstMeasured: number;
  lastAnswer: number;
}

interface Group {
  connections: number;
  /** Requests each connection sends before it closes. */
  perConnection: number;
  /** Requests per second per connection; absent: as fast as answered. */
  connectionRate: number | undefined;
  /** When it starts, in ms after the first group. */
  offset: number;
}

function runGroup(spec: LoadSpec, tally: Tally, all: readonly LoadBody[], nextConnection: () => number, group: Group) {
  return new Promise<{ errors: number; timeouts: number }>((resolve, reject) => {
    autocannon(
      {
        url: spec.url + spec.path,
        method: spec.method ?? 'POST',
        headers: spec.method === 'GET' ? {} : { 'content-type': 'application/json' },
        connections: group.connections,
        amount: group.connections * group.perConnection,
        ...(group.connectionRate ? { connectionRate: group.connectionRate, ignoreCoordinatedOmission: true } : {}),
        pipelining: 1,
        timeout: spec.timeoutSeconds ?? 10,
        sampleInt: 100,
        setupClient(client) {
          const requests = connectionRequests(spec, all, nextConnection()).map((r) => ({ ...r }));
          if (requests.length > 0) client.setRequests(requests);
          // Each request a client writes; not in @types/autocannon, emitted before the first write.
          (client as NodeJS.EventEmitter).on('request', () => void tally.sent++);
          client.on('response', (status: number, bytes: number, ms: number) => {
            const now = performance.now();
            tally.answered++;
            tally.bytes += bytes;
            tally.lastAnswer = now;
            tally.statusCounts[status] = (tally.statusCounts[status] ?? 0) + 1;
            if (now < tally.measureFrom) return;
            if (tally.measured++ === 0) tally.firstMeasured = now - ms;
            tally.latencies.record(ms);
          });
        },
      },
      (error, result) => (error ? reject(error) : resolve({ errors: result.errors, timeouts: result.timeouts })),
    );
  });
}

/**
 * The groups of a run. A rate of R over C connections is R / C per connection, whole
 * numbers: R mod C connections send one more per second than the others (autocannon's
 * `overallRate` splits the same way). Each connection sends `seconds + 1` of its
 * per-second quotas, so every group covers the window from the last group's start on.
 */
function plan(spec: LoadSpec): Group[] {
  const C = spec.connections;
  if (!spec.rate) {
    if (!spec.amount) throw new Error('a run without a rate needs an amount');
    return [{ connections: C, perConnection: Math.max(1, Math.ceil(spec.amount / C)), connectionRate: undefined, offset: 0 }];
  }
  if (!spec.seconds) throw new Error('a rated run needs seconds');
  const base = Math.floor(spec.rate / C);
  const extra = spec.rate % C;
  const count = Math.min(C, MAX_GROUPS);
  const quotas = Math.ceil(spec.seconds) + 1;
  const groups: Group[] = [];
  for (let g = 0; g < count; g++) {
    let faster = 0;
    let slower = 0;
    for (let i = g; i < C; i += count) i < extra ? faster++ : slower++;
    const offset = (g * 1000) / count;
    for (const [connections, rate] of [[faster, base + 1], [slower, base]] as const) {
      if (connections > 0 && rate > 0) groups.push({ connections, perConnection: rate * quotas, connectionRate: rate, offset });
    }
  }
  return groups;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const all = spec.requests ?? (spec.method === 'GET' ? [{}] : DEFAULT_REQUESTS);
  const groups = plan(spec);
  const tally: Tally = {
    sent: 0,
    answered: 0,
    measured: 0,
    bytes: 0,
    statusCounts: {},
    latencies: new LatencyRecorder(),
    measureFrom: 0,
    firstMeasured: 0,
    lastAnswer: 0,
  };
  let connectionIndex = 0;
  const nextConnection = () => connectionIndex++;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  tally.measureFrom = started + Math.max(...groups.map((g) => g.offset));
  const outcomes = await Promise.all(
    groups.map(async (group) => {
      if (group.offset > 0) await new Promise((r) => setTimeout(r, started + group.offset - performance.now()));
      return runGroup(spec, tally, all, nextConnection, group);
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - started;
  const from = spec.rate ? tally.measureFrom : tally.firstMeasured;
  const window = (tally.lastAnswer - from) / 1000;
  const non2xx = Object.entries(tally.statusCounts).reduce((n, [status, count]) => (status.startsWith('2') ? n : n + count), 0);
  return {
    connections: groups.reduce((n, g) => n + g.connections, 0),
    targetRate: spec.rate ?? null,
    groups: new Set(groups.map((g) => g.offset)).size,
    windowSeconds: window,
    requestsPerSecond: window > 0 ? tally.measured / window : 0,
    measured: tally.measured,
    sent: tally.sent,
    answered: tally.answered,
    unanswered: tally.sent - tally.answered,
    statusCounts: tally.statusCounts,
    bytes: tally.bytes,
    non2xx,
    errors: outcomes.reduce((n, o) => n + o.errors, 0),
    timeouts: outcomes.reduce((n, o) => n + o.timeouts, 0),
    latencyMs: tally.latencies.summary(),
    loadCpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
  };
}

process.on('message', (message: LoadRequest) => {
  run(message.spec).then(
    (result) => process.send!({ id: message.id, result } satisfies LoadReply),
    (error: unknown) => process.send!({ id: message.id, error: String(error) } satisfies LoadReply),
  );
});
process.on('disconnect', () => process.exit(0));

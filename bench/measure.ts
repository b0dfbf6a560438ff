import { commitCounters, commitStats, type CommitStats } from './commit-stats.js';
import type { LoadGenerator } from './load-client.js';
import type { LoadResult, LoadSpec } from './load-protocol.js';
import { REPORTS_PATH } from './servers/answer.js';
import type { ServerProcess } from './server-process.js';

/** A run as the load process measured it, with the server's CPU over the same time. */
export interface MeasuredRun extends LoadResult {
  /** Server CPU (user + system) over the run, in percent of one core. */
  serverCpuPercent: number;
  /** The service's group commits over the run (from its /metrics); absent for the baselines. */
  commit?: CommitStats;
  /** Share of the run's wall time the service spent inside commit transactions (event loop blocked). */
  commitShare?: number;
}

/** Runs `spec` and adds the server's CPU and, with `commits`, the service's group-commit figures. */
export async function measured(server: ServerProcess, load: LoadGenerator, spec: LoadSpec, commits = false): Promise<MeasuredRun> {
  const countersBefore = commits ? await commitCounters(server.adminUrl) : undefined;
  const cpuBefore = await server.cpuSeconds();
  const wallBefore = performance.now();
  const result = await load.run(spec);
  const wall = (performance.now() - wallBefore) / 1000;
  const cpu = (await server.cpuSeconds()) - cpuBefore;
  const run: MeasuredRun = { ...result, serverCpuPercent: (cpu / wall) * 100 };
  if (countersBefore) {
    run.commit = commitStats(countersBefore, await commitCounters(server.adminUrl));
    run.commitShare = run.commit.seconds / wall;
  }
  return run;
}

/** One POST before the load, so a refusal (e.g. anti-abuse left on) stops the bench with its reason. */
export async function preflight(server: ServerProcess, body: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(server.url + REPORTS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.status !== 201) {
    throw new Error(`${server.name} answered ${response.status} to a valid report: ${(await response.text()).slice(0, 500)}`);
  }
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadGenerator } from './load-client.js';
import { SERVICE_MODULES } from './ingest.js';
import type { LoadResult } from './load-protocol.js';
import { type ProfileSummary, summarizeProfileFile } from './profile.js';
import { REPORTS_PATH } from './servers/answer.js';
import { withServer } from './server-process.js';
import { ingestCoreEnv } from './service-env.js';

export interface IngestProfile {
  connections: number;
  /** The run under the profiler (slower than without it). */
  run: LoadResult;
  summary: ProfileSummary;
  /** Where the .cpuprofile was written (gone unless --keep). */
  file: string;
}

const CONNECTIONS = 50;

/**
 * Runs the service under `node --cpu-prof` at saturation with 50 connections (the target's
 * setting) on a fresh database, stops it so the profile is written, and summarises it.
 */
export async function profileIngest(load: LoadGenerator, seconds: number, dir: string): Promise<IngestProfile> {
  const profileDir = join(dir, 'cpu-profile');
  const env = ingestCoreEnv(join(dir, 'profile.db'));
  const { value: run } = await withServer(
    { name: 'service-profiled', script: SERVICE_MODULES, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], env, dir },
    async (server) => {
      const url = server.url;
      const warmup = await load.run({ url, path: REPORTS_PATH, connections: CONNECTIONS, amount: 3000 });
      return load.run({
        url,
        path: REPORTS_PATH,
        connections: CONNECTIONS,
        amount: Math.round(warmup.requestsPerSecond * seconds),
      });
    },
  );
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
  return { connections: CONNECTIONS, run, summary: summarizeProfileFile(join(profileDir, file)), file: join(profileDir, file) };
}

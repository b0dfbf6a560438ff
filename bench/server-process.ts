import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProcessMemory, ProcessWatch } from './proc.js';

export interface ServerSpec {
  /** A short name, also the name of its log files in `dir`. */
  name: string;
  /** The script node runs. */
  script: string;
  /** Node flags before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Where its standard output and error go, as `<name>.out.log` and `<name>.err.log`. */
  dir: string;
  /** How long it may take to listen (default 15 s): a service with a large database computes its first snapshot first. */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** The service's admin listener (/metrics); absent for the baselines, which have none. */
  adminUrl: string | undefined;
  memory(): Promise<ProcessMemory>;
  cpuSeconds(): Promise<number>;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const START_TIMEOUT_MS = 15_000;

/** The port of the first log line with this message (`listening`, `admin listening`). */
function loggedPort(log: string, msg: string): number | undefined {
  for (const line of log.split('\n')) {
    if (!line.includes(`"${msg}"`)) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === msg && entry.port) return entry.port;
    } catch {
      // a partial line: read again
    }
  }
  return undefined;
}

/**
 * Starts a server script as its own process on 127.0.0.1 and a free port, read from its
 * `listening` log line (the service's admin port, on another free port, from the line before). Its output goes to files, not to a pipe this process would have to
 * drain while the load runs.
 */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const outPath = join(spec.dir, `${spec.name}.out.log`);
  const errPath = join(spec.dir, `${spec.name}.err.log`);
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ADMIN_PORT: '0', ...spec.env },
      stdio: ['ignore', out, err],
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
  let exitCode: number | null | undefined;
  const exited = once(child, 'exit').then(([code]) => (exitCode = code as number | null));
  const pid = child.pid!;

  const started = Date.now();
  const startTimeoutMs = spec.startTimeoutMs ?? START_TIMEOUT_MS;
  let port: number | undefined;
  while (port === undefined) {
    if (exitCode !== undefined) {
      throw new Error(`${spec.name} exited with ${exitCode} before listening: ${readFileSync(errPath, 'utf8').slice(0, 2000)}`);
    }
    if (Date.now() - started > startTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not listen within ${startTimeoutMs} ms`);
    }
    await sleep(25);
    port = loggedPort(readFileSync(outPath, 'utf8'), 'listening');
  }
  const adminPort = loggedPort(readFileSync(outPath, 'utf8'), 'admin listening');
  const watch = new ProcessWatch(pid);

  return {
    name: spec.name,
    pid,
    url: `http://127.0.0.1:${port}`,
    adminUrl: adminPort === undefined ? undefined : `http://127.0.0.1:${adminPort}`,
    memory: () => watch.memory(),
    cpuSeconds: () => watch.cpuSeconds(),
    async stop() {
      watch.stop();
      if (exitCode === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs `use` against a started server and stops the server whatever happens. */
export async function withServer<T>(
  spec: ServerSpec,
  use: (server: ServerProcess) => Promise<T>,
): Promise<{ value: T; exitCode: number | null }> {
  const server = await startServer(spec);
  let value: T;
  try {
    value = await use(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { value, exitCode: await server.stop() };
}

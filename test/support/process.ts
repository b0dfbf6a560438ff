import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** What `npm start` and the systemd unit run: the built server, bundled into one file. */
export const MAIN = fileURLToPath(new URL('../../dist/server/main.bundle.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to standard output, line by line. */
  stdout: string[];
  exited: Promise<number | null>;
}

/**
 * Runs the built server (or another entry point of it, such as the demonstration) as a child
 * process on a free loopback port; resolves once it listens. As with testConfig, proof of
 * work and the rate limit are off unless `env` turns them on.
 */
export async function spawnServer(env: Record<string, string>, script = MAIN): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ADMIN_PORT: '0', POW_MAX_NUMBER: '0', RATE_LIMIT_WINDOW_S: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // 'close', not 'exit': only then has the last of its output been read.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const stdout: string[] = [];
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      buffered += data.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        stdout.push(line);
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) resolve(entry.port);
      }
    });
    child.stderr!.on('data', (data: Buffer) => reject(new Error(`server wrote to stderr: ${data}`)));
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, stdout, exited };
}

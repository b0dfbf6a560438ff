import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadReply, LoadRequest, LoadResult, LoadSpec } from './load-protocol.js';

const LOAD_SCRIPT = fileURLToPath(new URL('./load.js', import.meta.url));

/** The bench's handle on the load process (bench/load.ts), forked once and reused for every run. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  /** `script`: the built load process, which a test run from the sources names itself. */
  constructor(env: Record<string, string> = {}, script = LOAD_SCRIPT) {
    this.child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: LoadReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if ('result' in reply) waiter.resolve(reply.result);
      else waiter.reject(new Error(`load process: ${reply.error}`));
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load process exited with ${code}`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, spec } satisfies LoadRequest);
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

import { type Config, ConfigError, parseConfig } from './config.js';
import type { RunningService } from './service.js';

/** Ends the process before it starts anything: one line on standard error, exit code 2. */
export function refuseToStart(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The configuration from the environment; a bad value refuses the start, naming the variable. */
export function configFromEnvironment(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.message);
    throw error;
  }
}

/**
 * A clean stop on SIGTERM or SIGINT: the running service closes, then the process exits with
 * 0 (and runs its exit handlers, which the default action on a signal would skip). Before the
 * service runs, a signal just ends the process.
 */
export function stopOnSignal(running: () => RunningService | undefined): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const service = running();
      if (!service) process.exit(0);
      service.logger.info({ signal }, 'stopping');
      void service.close().then(() => process.exit(0));
    });
  }
}

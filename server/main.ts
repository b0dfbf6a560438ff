import { ConfigError, parseConfig } from './config.js';
import { startService } from './service.js';

/** The entry point: configuration from the environment, a clean stop on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const service = await startService({ config });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      service.logger.info({ signal }, 'stopping');
      void service.close().then(() => process.exit(0));
    });
  }
}

await main();

import { configFromEnvironment, stopOnSignal } from './entry.js';
import { startService } from './service.js';

/** The entry point: configuration from the environment, a clean stop on SIGTERM or SIGINT. */
const service = await startService({ config: configFromEnvironment() });
stopOnSignal(() => service);

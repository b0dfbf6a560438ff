import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * The service's logger. Lines carry no request data beyond method, route pattern, status
 * and duration (I2): nothing here serialises requests, and `base` drops pid and hostname
 * so a line holds only what the code passes.
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    { level, base: null, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

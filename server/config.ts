import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every setting of the service, from environment variables, parsed once at start. The
 * defaults run out of the box; README.md and dpia/ document each variable.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/reports.db'),
  AREA_PACK: z.string().min(1).default('si'),
  TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone').default('Europe/Ljubljana'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_SYNCHRONOUS: z.enum(['FULL', 'EXTRA', 'NORMAL']).default('FULL'),
  WAL_TRUNCATE_INTERVAL_S: seconds(10),
  COMMIT_MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(2000),
  SHUTDOWN_TIMEOUT_S: seconds(10),
});

export type Env = z.output<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  areaPack: string;
  timeZone: string;
  logLevel: Env['LOG_LEVEL'];
  synchronous: Env['DB_SYNCHRONOUS'];
  walTruncateIntervalMs: number;
  commitMaxBatch: number;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    areaPack: e.AREA_PACK,
    timeZone: e.TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    synchronous: e.DB_SYNCHRONOUS,
    walTruncateIntervalMs: e.WAL_TRUNCATE_INTERVAL_S * 1000,
    commitMaxBatch: e.COMMIT_MAX_BATCH,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_S * 1000,
  };
}

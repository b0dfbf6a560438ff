import { z } from 'zod';
import { dayIn } from '../aggregator/day.js';
import { invalidParameters } from '../aggregator/perturbation-table.js';
import { DEFAULT_RELEASE_POLICY, OPEN_DAY_EVERY_HOURS, type ReleasePolicy } from '../aggregator/release-policy.js';
import { collectionEndInstant } from './collection-end.js';
import { type Operator, OperatorError, operatorEnvShape, operatorRequired, readOperator } from './operator.js';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
/** `true`/`false` (also 1/0, yes/no, on/off): z.coerce.boolean would read "false" as true. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value));
/** Unset or empty: no end. A bare date, or a date-time with an offset (see collection-end.ts). */
const endDate = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], 'a date (2026-06-30) or a date-time with an offset (2026-06-30T18:00:00+02:00)').optional(),
);
const DAY_S = 86_400;
/** A TCP port (0: any free one), or `off`. */
const portOrOff = (fallback: number) =>
  z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)], 'a port number (0 to 65535) or off')
    .default(fallback)
    .transform((value) => (value === 'off' ? null : value));

function isTimeZone(name: string): boolean {
  try {
    dayIn(name, 0);
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
  COLLECTION_ENDS: endDate,
  /** Proof of work: the secret counter is drawn from [max/2, max]; 0 turns proof of work off. */
  POW_MAX_NUMBER: count(0, 0xffff_ffff, 5000),
  /** PBKDF2-SHA-256 iterations per attempt: the client does about 0.75 × max × cost, the server cost once. */
  POW_COST: count(1, 1_000_000, 1000),
  POW_CHALLENGE_TTL_S: count(10, DAY_S, 600),
  /** Reports per address and window; a window of 0 turns the rate limit off. */
  RATE_LIMIT_MAX: count(1, 1_000_000, 60),
  RATE_LIMIT_WINDOW_S: count(0, DAY_S, 600),
  TRUST_PROXY: flag(false),
  HSTS: flag(false),
  RELEASE_INTERVAL_S: seconds(300),
  RELEASE_MIN_REPORTS: count(1, 1_000_000, DEFAULT_RELEASE_POLICY.minReports),
  PROJECTION_MIN_REPORTS: count(1, 1_000_000, DEFAULT_RELEASE_POLICY.projectionMinReports),
  /** Hours between the open day's publications, counted from midnight; 24: published once closed. */
  RELEASE_OPEN_DAY_EVERY_H: z.coerce
    .number()
    .refine((h) => (OPEN_DAY_EVERY_HOURS as readonly number[]).includes(h), `one of ${OPEN_DAY_EVERY_HOURS.join(', ')} (a whole divisor of a day)`)
    .default(DEFAULT_RELEASE_POLICY.openDayEveryHours),
  /** The cell key method's perturbation table (aggregator/perturbation-table.ts); checked together below. */
  PERTURBATION_MAX_DEVIATION: count(1, 100, DEFAULT_RELEASE_POLICY.perturbation.maxDeviation),
  PERTURBATION_VARIANCE: z.coerce.number().positive().default(DEFAULT_RELEASE_POLICY.perturbation.variance),
  PERTURBATION_SMALLEST_PUBLISHED: count(1, 100, DEFAULT_RELEASE_POLICY.perturbation.smallestPublished),
  PERTURBATION_EMPTY_SHARE: z.coerce.number().min(0).max(1).default(DEFAULT_RELEASE_POLICY.perturbation.emptyPublishedShare),
  /** Day × municipality counters are kept this many days, then only their published values (whole ISO weeks). */
  RETENTION_DAYS: count(7, 3650, 30),
  /** The admin listener (/metrics, /readyz): never the public address; `off` serves neither. */
  ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  ADMIN_PORT: portOrOff(9464),
  /** `production` refuses to start without the operator's identity; anything else runs a demonstration instance without it. */
  NODE_ENV: z.enum(['production', 'development', 'test']).optional(),
  /** A JSON file holding the operator's identity, instead of the OPERATOR_* variables. */
  OPERATOR_FILE: z.string().optional(),
  ...operatorEnvShape,
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
  /** The first instant at which reports are refused with 410; null: no end. */
  collectionEnds: Date | null;
  /** 0: no proof of work (load tests and trusted front ends only; weakens abuse resistance). */
  powMaxNumber: number;
  powCost: number;
  powChallengeTtlMs: number;
  rateLimitMax: number;
  /** 0: no rate limit. */
  rateLimitWindowMs: number;
  /** Take the client address from the last X-Forwarded-For hop instead of the socket. */
  trustProxy: boolean;
  /** Send Strict-Transport-Security (only behind TLS). */
  hsts: boolean;
  /** How often the public snapshot is recomputed. */
  releaseIntervalMs: number;
  releasePolicy: ReleasePolicy;
  /** Counters of a week are replaced by its published values once its Monday is more than this many days old. */
  retentionDays: number;
  adminHost: string;
  /** The admin listener's port; null: no admin listener. */
  adminPort: number | null;
  /** Who runs this instance, as the notices name it; null: a demonstration instance. */
  operator: Operator | null;
  /** NODE_ENV=production: the operator's identity is required, and the demonstration (demo.ts) refuses to run. */
  production: boolean;
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
  const perturbation = {
    maxDeviation: e.PERTURBATION_MAX_DEVIATION,
    variance: e.PERTURBATION_VARIANCE,
    smallestPublished: e.PERTURBATION_SMALLEST_PUBLISHED,
    emptyPublishedShare: e.PERTURBATION_EMPTY_SHARE,
  };
  const badPerturbation = invalidParameters(perturbation);
  if (badPerturbation) throw new ConfigError(`invalid configuration: PERTURBATION_*: ${badPerturbation}`);
  let operator: Operator | null;
  try {
    operator = readOperator(e);
    if (!operator && e.NODE_ENV === 'production') throw operatorRequired();
  } catch (error) {
    if (error instanceof OperatorError) throw new ConfigError(`invalid configuration: ${error.message}`);
    throw error;
  }
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
    collectionEnds: e.COLLECTION_ENDS === undefined ? null : collectionEndInstant(e.COLLECTION_ENDS, e.TIME_ZONE),
    powMaxNumber: e.POW_MAX_NUMBER,
    powCost: e.POW_COST,
    powChallengeTtlMs: e.POW_CHALLENGE_TTL_S * 1000,
    rateLimitMax: e.RATE_LIMIT_MAX,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_S * 1000,
    trustProxy: e.TRUST_PROXY,
    hsts: e.HSTS,
    releaseIntervalMs: e.RELEASE_INTERVAL_S * 1000,
    releasePolicy: {
      minReports: e.RELEASE_MIN_REPORTS,
      projectionMinReports: e.PROJECTION_MIN_REPORTS,
      openDayEveryHours: e.RELEASE_OPEN_DAY_EVERY_H,
      perturbation,
    },
    retentionDays: e.RETENTION_DAYS,
    adminHost: e.ADMIN_HOST,
    adminPort: e.ADMIN_PORT,
    operator,
    production: e.NODE_ENV === 'production',
  };
}

import { envSchema } from '../server/config.js';

/**
 * Variables that switch off the anti-abuse layers in front of the ingest core (proof of
 * work and the rate limit), so the ingest scenario measures the core. Only those
 * the built server's configuration knows are reported as applied.
 */
export const ANTI_ABUSE_OFF: Record<string, string> = {
  /** 0 turns proof of work off (server/config.ts). */
  POW_MAX_NUMBER: '0',
  /** A window of 0 turns the rate limit off (server/config.ts). */
  RATE_LIMIT_WINDOW_S: '0',
};

export interface ServiceEnv {
  env: Record<string, string>;
  /** Anti-abuse variables this build recognises (and so were switched off). */
  antiAbuseOff: string[];
  /** Anti-abuse variables this build does not have yet (nothing to switch off). */
  antiAbuseAbsent: string[];
}

/** The service's environment for the ingest scenario: defaults, a fresh database, anti-abuse off. */
export function ingestCoreEnv(databasePath: string, extra: Record<string, string> = {}): ServiceEnv {
  const known = new Set(Object.keys(envSchema.shape));
  const names = Object.keys(ANTI_ABUSE_OFF);
  return {
    env: { DATABASE_PATH: databasePath, ...ANTI_ABUSE_OFF, ...extra },
    antiAbuseOff: names.filter((n) => known.has(n)),
    antiAbuseAbsent: names.filter((n) => !known.has(n)),
  };
}

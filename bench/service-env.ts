/**
 * Variables that switch off the anti-abuse layers in front of the ingest core (proof of
 * work and the rate limit), so the ingest scenario measures the core.
 */
export const ANTI_ABUSE_OFF: Record<string, string> = {
  /** 0 turns proof of work off (server/config.ts). */
  POW_MAX_NUMBER: '0',
  /** A window of 0 turns the rate limit off (server/config.ts). */
  RATE_LIMIT_WINDOW_S: '0',
};

/** The service's environment for the ingest scenario: defaults, a fresh database, anti-abuse off. */
export function ingestCoreEnv(databasePath: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_PATH: databasePath, ...ANTI_ABUSE_OFF, ...extra };
}

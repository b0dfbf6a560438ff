import { epochDay, isoDate } from '../aggregator/calendar.js';
import { startOfDayIn } from '../aggregator/day.js';

/**
 * The end of collection (COLLECTION_ENDS): the first instant at which reports are refused.
 *
 * - A date-time with an offset (`2026-06-30T18:00:00+02:00`, `…Z`) is that instant.
 * - A bare date (`2026-06-30`) means collection runs through the whole of that day in the
 *   service's time zone: it ends at the first instant of the next day there, the same
 *   boundary the counters' days use.
 * - A date-time without an offset is refused by the configuration schema: it would be
 *   ambiguous around a daylight-saving change.
 */
export function collectionEndInstant(value: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  return new Date(startOfDayIn(timeZone, isoDate(epochDay(value) + 1)));
}

/** Whether reports are still accepted at the clock's current time. */
export function collectionOpen(ends: Date | null, now: () => number = Date.now): () => boolean {
  if (ends === null) return () => true;
  const endMs = ends.getTime();
  return function collecting() {
    return now() < endMs;
  };
}

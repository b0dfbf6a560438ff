import { Temporal } from '@js-temporal/polyfill';

/** The wall clock of `timeZone` at an instant, daylight saving included. */
function wallClock(timeZone: string, epochMs: number): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

/**
 * The arrival day of a report, in the service's time zone: the finest time the service
 * ever keeps (I1).
 */
export function dayIn(timeZone: string, epochMs: number): string {
  return wallClock(timeZone, epochMs).toPlainDate().toString();
}

/** Minutes since local midnight in `timeZone` (0 to 1439). */
export function minuteOfDay(timeZone: string, epochMs: number): number {
  const wall = wallClock(timeZone, epochMs);
  return wall.hour * 60 + wall.minute;
}

/**
 * The first instant of a calendar day (`2026-06-30`) in `timeZone`: local midnight, or the
 * first hour after it where a daylight-saving change skips midnight.
 */
export function startOfDayIn(timeZone: string, date: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;
}

const MINUTE_MS = 60_000;

/**
 * `dayIn` cached for the current minute: every time zone offset is a whole number of
 * minutes, so the day cannot change inside one, and the hot path formats a date at most
 * once a minute.
 */
export function dayClock(timeZone: string, now: () => number = Date.now): () => string {
  let day = '';
  let validFrom = 0;
  let validUntil = 0;
  return function today() {
    const t = now();
    if (t < validFrom || t >= validUntil) {
      validFrom = Math.floor(t / MINUTE_MS) * MINUTE_MS;
      validUntil = validFrom + MINUTE_MS;
      day = dayIn(timeZone, t);
    }
    return day;
  };
}

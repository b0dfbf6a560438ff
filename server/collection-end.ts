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
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return new Date(value);
  const [, year, month, day] = date.map(Number) as [number, number, number, number];
  return new Date(startOfDayIn(timeZone, year, month, day + 1));
}

/** Milliseconds to add to UTC to get the wall-clock time of `timeZone` at `epochMs`. */
function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(epochMs);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant local midnight begins the given calendar day in `timeZone` (month and day may
 * overflow, as with `Date.UTC`). Two rounds settle the offset on either side of a change.
 */
export function startOfDayIn(timeZone: string, year: number, month: number, day: number): number {
  const wallMidnight = Date.UTC(year, month - 1, day);
  let instant = wallMidnight - zoneOffsetMs(timeZone, wallMidnight);
  instant = wallMidnight - zoneOffsetMs(timeZone, instant);
  return instant;
}

/** Whether reports are still accepted at the clock's current time. */
export function collectionOpen(ends: Date | null, now: () => number = Date.now): () => boolean {
  if (ends === null) return () => true;
  const endMs = ends.getTime();
  return function collecting() {
    return now() < endMs;
  };
}

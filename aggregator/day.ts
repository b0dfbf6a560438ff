/**
 * The arrival day of a report, in the service's time zone: the finest time the service
 * ever keeps (I1).
 */
export function dayIn(timeZone: string, epochMs: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
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

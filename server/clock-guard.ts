import { epochDay } from '../aggregator/calendar.js';
import { weekOf } from '../aggregator/retention.js';
import type { Logger } from './logger.js';

/**
 * How many days a report's day may lie before the newest day the store holds: one, so a
 * clock stepped back a little around midnight (an NTP correction) still counts its reports.
 */
export const CLOCK_TOLERANCE_DAYS = 1;

/** A refusal is logged at once, then at most once a minute with the number refused meanwhile. */
const WARN_INTERVAL_MS = 60_000;

type ClockRefusal = 'frozen' | 'behind';

function reason(refusal: ClockRefusal, day: string, newestDay: string | undefined): string {
  return refusal === 'frozen'
    ? `its week ${weekOf(day)} is frozen (retention kept only published values there)`
    : `the database already holds ${newestDay}, more than ${CLOCK_TOLERANCE_DAYS} day later`;
}

export interface ClockGuardOptions {
  /** The newest day the store held at start (an ISO date), if any. */
  newestDay: string | undefined;
  /** The weeks retention had frozen at start (`2026-W40`). */
  frozenWeeks: Iterable<string>;
  logger: Logger;
  now: () => number;
}

export interface ClockGuard {
  /** Whether a report may be counted on `day`; a refusal is logged (see WARN_INTERVAL_MS). */
  accepts(day: string): boolean;
  /** Weeks retention has just frozen. */
  frozen(weeks: Iterable<string>): void;
  /** One line for the start log when the clock says `day` and that is wrong; else undefined. */
  startWarning(day: string): string | undefined;
}

/**
 * Guards the counters against a wrong clock. A report is counted on the day the clock says.
 * Set back into a frozen week, it would add to published values that retention stored in
 * place of counters (aggregator/retention.ts), and later read as such; set back less far, it
 * would change days already closed and published. Such a report is refused, never folded.
 */
export function createClockGuard(options: ClockGuardOptions): ClockGuard {
  const frozenWeeks = new Set(options.frozenWeeks);
  let newestDay = options.newestDay;
  // The day reports are accepted for: checked once, not per report.
  let acceptedDay: string | undefined;
  let refusedSinceWarning = 0;
  let lastWarning = Number.NEGATIVE_INFINITY;

  const refusalOf = (day: string): ClockRefusal | undefined => {
    if (frozenWeeks.has(weekOf(day))) return 'frozen';
    if (newestDay !== undefined && epochDay(newestDay) - epochDay(day) > CLOCK_TOLERANCE_DAYS) return 'behind';
    return undefined;
  };

  return {
    accepts(day) {
      if (day === acceptedDay) return true;
      const refusal = refusalOf(day);
      if (refusal === undefined) {
        acceptedDay = day;
        if (newestDay === undefined || day > newestDay) newestDay = day;
        return true;
      }
      refusedSinceWarning += 1;
      const now = options.now();
      if (now - lastWarning >= WARN_INTERVAL_MS) {
        options.logger.warn(
          { reports: refusedSinceWarning },
          `reports refused: the clock says ${day}, but ${reason(refusal, day, newestDay)}; set the clock right (NTP)`,
        );
        lastWarning = now;
        refusedSinceWarning = 0;
      }
      return false;
    },
    frozen(weeks) {
      for (const week of weeks) frozenWeeks.add(week);
      acceptedDay = undefined;
    },
    startWarning(day) {
      const refusal = refusalOf(day);
      if (refusal !== undefined) return `the clock says ${day}, but ${reason(refusal, day, newestDay)}: reports are refused until the clock is set right (NTP)`;
      if (newestDay !== undefined && day < newestDay) return `the clock says ${day}, behind the newest day the database holds (${newestDay}); reports are counted on ${day}`;
      return undefined;
    },
  };
}

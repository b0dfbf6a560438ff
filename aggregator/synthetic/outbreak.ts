import type { AreaPack } from '../areas/index.js';
import { epochDay, isoDate, mondayOf } from '../calendar.js';
import type { Report } from '../questionnaire.js';
import { poisson, seededRandom } from './random.js';
import { syntheticReport } from './report.js';

export interface OutbreakOptions {
  /** The last day, an ISO date: today, when the demonstration starts. */
  lastDay: string;
  /** How much of the last day has gone, 0 to 1: today holds only the reports of its hours so far. */
  lastDayShare: number;
  /** ISO weeks covered, the last day's among them: whole weeks from the first one's Monday. */
  weeks: number;
  seed: number;
}

/** The reports of one day, in the order they would have come. */
export interface OutbreakDay {
  day: string;
  reports: Report[];
}

/** The model's parameters, chosen for a plausible demonstration rather than fitted to data. */
const MODEL = {
  /** Reports a day per 100,000 people from the worried-well and other ailments, with or without an outbreak. */
  backgroundPer100k: 60,
  /** Of those, the share with a symptom: colds, allergies. */
  backgroundSymptomatic: 0.3,
  /** Reports a day per 100,000 people from the outbreak's ill at its peak, before a region's own height. */
  peakPer100k: 220,
  /** An outbreak rises faster than it falls: the widths, in days, of the two halves of its curve. */
  riseDays: 8,
  fallDays: 13,
  /** Where the peak falls in the covered days; each region's lies up to a week either side. */
  peakAt: 0.55,
  peakSpreadDays: 7,
  /** Reports by weekday, Monday first: people report what the weekend brought, and report less on it. */
  weekday: [1.15, 1.05, 1, 1, 0.95, 0.75, 0.7],
} as const;

/**
 * A synthetic outbreak, day by day: in every municipality of the pack a background of
 * reports, and an epidemic curve that rises then falls, peaking in each region on a day of
 * its own and at a height of its own; fewer reports at weekends; each municipality with its
 * own habit of reporting. Counts are Poisson; the answers follow syntheticReport's mix, with
 * more of the ill as the curve rises. The same options give the same reports.
 */
export function* outbreak(pack: AreaPack, options: OutbreakOptions): Generator<OutbreakDay> {
  const random = seededRandom(options.seed);
  const last = epochDay(options.lastDay);
  const first = mondayOf(last) - 7 * (options.weeks - 1);
  const regions = new Map(
    pack.regions.map((r) => [
      r.code,
      { peak: first + MODEL.peakAt * (last - first) + (2 * random() - 1) * MODEL.peakSpreadDays, height: 0.6 + 0.8 * random() },
    ]),
  );
  const uptake = new Map(pack.municipalities.map((m) => [m.code, 0.7 + 0.6 * random()]));
  for (let d = first; d <= last; d++) {
    const share = MODEL.weekday[d - mondayOf(d)]! * (d === last ? options.lastDayShare : 1);
    const reports: Report[] = [];
    for (const m of pack.municipalities) {
      const region = regions.get(m.region)!;
      const fromPeak = d - region.peak;
      const ill = MODEL.peakPer100k * region.height * Math.exp(-0.5 * (fromPeak / (fromPeak < 0 ? MODEL.riseDays : MODEL.fallDays)) ** 2);
      const perPerson = (ill + MODEL.backgroundPer100k) / 100_000;
      const symptomatic = (ill + MODEL.backgroundPer100k * MODEL.backgroundSymptomatic) / (ill + MODEL.backgroundPer100k);
      const n = poisson(random, m.population * perPerson * uptake.get(m.code)! * share);
      for (let i = 0; i < n; i++) reports.push(syntheticReport(random, pack, m.code, symptomatic));
    }
    yield { day: isoDate(d), reports };
  }
}

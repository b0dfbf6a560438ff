import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { fold, metricNames } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { type CountRow, longRows } from '../aggregator/area-day.js';
import { openCountsStore } from '../aggregator/store.js';
import { fillWithOutbreak } from '../aggregator/synthetic/fill.js';
import { type OutbreakDay, outbreak } from '../aggregator/synthetic/outbreak.js';
import { seededRandom } from '../aggregator/synthetic/random.js';

const pack = loadAreaPack('si');
// A Thursday: eight ISO weeks up to it are seven whole weeks from Monday 5 October, then four days.
const OPTIONS = { weeks: 8, seed: 1, lastDay: '2026-11-26', lastDayShare: 0.5 };
const days = [...outbreak(pack, OPTIONS)];
const regionOf = (area: string) => pack.municipalityByCode.get(area)!.region;

/** Reports in each whole week (Monday to Sunday), oldest first. */
function weekly(of: readonly OutbreakDay[], keep: (area: string) => boolean = () => true): number[] {
  const weeks: number[] = [];
  for (let w = 0; (w + 1) * 7 <= of.length; w++) {
    weeks.push(of.slice(w * 7, w * 7 + 7).reduce((sum, d) => sum + d.reports.filter((r) => keep(r.area)).length, 0));
  }
  return weeks;
}

describe('the synthetic outbreak', () => {
  it('covers the ISO weeks up to the last day, from a Monday', () => {
    expect(days[0]!.day).toBe('2026-10-05');
    expect(days.at(-1)!.day).toBe('2026-11-26');
    expect(days).toHaveLength(7 * 7 + 4);
  });

  it('is the same for the same seed, and another for another', () => {
    expect([...outbreak(pack, OPTIONS)]).toEqual(days);
    expect([...outbreak(pack, { ...OPTIONS, seed: 2 })]).not.toEqual(days);
  });

  it('is made of valid reports from every municipality, every age band and every symptom', () => {
    const schema = reportSchema(new Set(pack.municipalityByCode.keys()));
    const reports = days.flatMap((d) => d.reports);
    for (const report of reports) expect(schema.safeParse(report).error).toBeUndefined();
    expect(new Set(reports.map((r) => r.area))).toEqual(new Set(pack.municipalityByCode.keys()));
    expect(new Set(reports.map((r) => r.ageBand)).size).toBe(8);
    expect(new Set(reports.flatMap((r) => r.symptoms)).size).toBe(11);
    expect(new Set(reports.flatMap((r) => r.warningSigns)).size).toBeGreaterThan(0);
  });

  it('rises, then falls, week by week', () => {
    const weeks = weekly(days);
    const peak = weeks.indexOf(Math.max(...weeks));
    expect(peak, `weekly reports ${weeks}`).toBeGreaterThan(0);
    expect(peak, `weekly reports ${weeks}`).toBeLessThan(weeks.length - 1);
    for (let w = 1; w <= peak; w++) expect(weeks[w]!, `weekly reports ${weeks}`).toBeGreaterThan(weeks[w - 1]!);
    for (let w = peak + 1; w < weeks.length; w++) expect(weeks[w]!, `weekly reports ${weeks}`).toBeLessThan(weeks[w - 1]!);
    expect(weeks[0]! * 2, 'the first week is the background, far below the peak').toBeLessThan(weeks[peak]!);
  });

  it('has more of the ill at the peak than before the outbreak', () => {
    const symptomatic = (week: number) => {
      const reports = days.slice(week * 7, week * 7 + 7).flatMap((d) => d.reports);
      return reports.filter((r) => r.symptoms.length > 0).length / reports.length;
    };
    const weeks = weekly(days);
    expect(symptomatic(weeks.indexOf(Math.max(...weeks)))).toBeGreaterThan(symptomatic(0) + 0.2);
  });

  it('has fewer reports at weekends: every Monday more than the Sunday before', () => {
    for (let i = 7; i < days.length; i += 7) {
      expect(days[i]!.reports.length, `${days[i]!.day} against ${days[i - 1]!.day}`).toBeGreaterThan(days[i - 1]!.reports.length * 1.3);
    }
  });

  it('differs by region: in when it peaks and in how high, per head', () => {
    const peakWeeks = new Set<number>();
    const peakPerHead: number[] = [];
    for (const region of pack.regions) {
      const weeks = weekly(days, (area) => regionOf(area) === region.code);
      const population = pack.municipalities.filter((m) => m.region === region.code).reduce((sum, m) => sum + m.population, 0);
      peakWeeks.add(weeks.indexOf(Math.max(...weeks)));
      peakPerHead.push(Math.max(...weeks) / population);
    }
    expect(peakWeeks.size).toBeGreaterThan(1);
    expect(Math.max(...peakPerHead) / Math.min(...peakPerHead)).toBeGreaterThan(1.3);
  });

  it('holds, on the last day, only the reports of the hours gone', () => {
    const lastDay = (lastDayShare: number) => [...outbreak(pack, { ...OPTIONS, lastDayShare })].at(-1)!.reports.length;
    expect(lastDay(0)).toBe(0);
    expect(lastDay(1)).toBeGreaterThan(lastDay(0.25) * 2);
  });
});

describe('filling a store with the outbreak', () => {
  it('writes exactly what folding each report with its record key gives, one transaction a day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthetic-fill-'));
    const store = openCountsStore({ path: join(dir, 'reports.db'), synchronous: 'FULL' });
    try {
      // A Wednesday: three days of one week.
      const options = { weeks: 1, seed: 3, lastDay: '2026-11-25', lastDayShare: 1 };
      const keys = () => {
        const random = seededRandom(99);
        return () => Math.floor(random() * 2 ** 32);
      };
      let transactions = 0;
      const counted = await fillWithOutbreak({ add: (rows) => (transactions++, store.add(rows)) }, pack, options, keys());

      const expected = new Map<string, CountRow>();
      const key = keys();
      let reports = 0;
      for (const { day, reports: ofDay } of outbreak(pack, options)) {
        for (const report of ofDay) {
          reports++;
          const increments = fold(report, day, guide(report), key());
          for (const metric of metricNames(increments)) {
            const id = `${day} ${report.area} ${metric}`;
            const row = expected.get(id) ?? { day, area: report.area, metric, n: 0, key: 0 };
            expected.set(id, { ...row, n: row.n + 1, key: (row.key + increments.key) % 2 ** 32 });
          }
        }
      }
      expect(counted).toBe(reports);
      expect(reports).toBeGreaterThan(1000);
      expect(transactions).toBe(3);
      const stored = new Map([...store.rows()].flatMap((row) => [...longRows(row)]).map((row) => [`${row.day} ${row.area} ${row.metric}`, row]));
      expect(stored).toEqual(expected);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

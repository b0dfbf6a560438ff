import type { AreaPack } from '../aggregator/areas/index.js';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { fold } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import { METRICS } from '../aggregator/metrics.js';
import type { Report } from '../aggregator/questionnaire.js';
import type { CountRow } from '../aggregator/area-day.js';
import { seededRandom } from '../aggregator/synthetic/random.js';

/**
 * The counters the store would hold after `days` days ending on `lastDay` with about
 * `reportsPerDay` reports a day, spread over the municipalities by population (each
 * area-day between half and one and a half times its share). Each report is one of
 * `bodies`, folded as the service folds it with a random record key, so every partition adds
 * up and every key sum is drawn as in real data.
 */
export function syntheticCounts(pack: AreaPack, bodies: readonly string[], days: number, lastDay: string, reportsPerDay: number, seed = 7): CountRow[] {
  const random = seededRandom(seed);
  // Each body's metrics as indexes: what one report adds, wherever it comes from.
  const templates = bodies.map((body) => {
    const report = JSON.parse(body) as Report;
    return Int32Array.from(fold(report, '', guide(report), 0).metrics);
  });
  const population = pack.municipalities.reduce((sum, m) => sum + m.population, 0);
  const counts = new Int32Array(METRICS.length);
  const keys = new Uint32Array(METRICS.length);
  const rows: CountRow[] = [];
  const last = epochDay(lastDay);
  for (let d = last - days + 1; d <= last; d++) {
    const day = isoDate(d);
    for (const m of pack.municipalities) {
      const n = Math.round(((reportsPerDay * m.population) / population) * (0.5 + random()));
      if (n === 0) continue;
      counts.fill(0);
      keys.fill(0);
      for (let i = 0; i < n; i++) {
        // Each report's record key, summed into its counters as the fold does.
        const key = Math.floor(random() * 2 ** 32);
        for (const k of templates[Math.floor(random() * templates.length)]!) {
          counts[k]!++;
          keys[k] = (keys[k]! + key) >>> 0;
        }
      }
      for (let k = 0; k < counts.length; k++) if (counts[k]! > 0) rows.push({ day, area: m.code, metric: METRICS[k]!.name, n: counts[k]!, key: keys[k]! });
    }
  }
  return rows;
}

import { cellKeys } from '../../aggregator/cell-key.js';
import { fold, metricNames } from '../../aggregator/fold.js';
import { guide } from '../../aggregator/guidance.js';
import { perturbationTable, type PerturbationTable } from '../../aggregator/perturbation-table.js';
import { HEADLINE_METRICS } from '../../aggregator/publication.js';
import { FIELDS, type Report } from '../../aggregator/questionnaire.js';
import { release } from '../../aggregator/release.js';
import { DEFAULT_RELEASE_POLICY } from '../../aggregator/release-policy.js';
import { rows } from '../../aggregator/released-rows.js';
import { syntheticReport } from '../../aggregator/synthetic/report.js';
import { seededRandom } from '../../aggregator/synthetic/random.js';
import { storedCounters } from './observe-after.js';
import { ATTACK_PACK, INSIDER_DAY, INSIDER_REPORTS, TIME_ZONE, type TimedReport, VICTIM_AREA, WEEK, WEEK_LABEL } from './scenario.js';

/**
 * How well an insider guesses a lone victim's answers. The insider posts nine reports into a
 * municipality-week where one other person, the victim, reports; its published numbers
 * (reports and the indicators, by week) then differ from the insider's own only by the victim's
 * report and the perturbation. The insider knows the perturbation table and how people answer
 * (the national shares), and takes the most likely answer given what was published (Bayes).
 * Compared with the guess from the national shares alone, the gain is what the publication
 * gives away.
 */

/** One answer of a report: a choice field's value, or whether a set field holds one value. */
export interface Answer {
  readonly name: string;
  readonly of: (r: Report) => string;
}

export const ANSWERS: readonly Answer[] = Object.entries(FIELDS).flatMap(([name, field]): Answer[] => {
  if (field.kind === 'choice') return [{ name, of: (r) => String(r[name as keyof Report] ?? 'none') }];
  if (field.kind === 'set') {
    const list = (r: Report) => r[name as keyof Report] as string[];
    return [
      { name: `${name}: any`, of: (r) => (list(r).length > 0 ? 'yes' : 'no') },
      ...field.values.map((value) => ({ name: `${name}: ${value}`, of: (r: Report) => (list(r).includes(value) ? 'yes' : 'no') })),
    ];
  }
  return [];
});

/** Which indicators (HEADLINE_METRICS but reports) a report is counted in, as a number whose bit i is indicator i. */
function pattern(r: Report): number {
  const counted = metricNames(fold(r, WEEK[0]!, guide(r), 0));
  return HEADLINE_METRICS.slice(1).reduce((bits, m, i) => (counted.includes(m) ? bits | (1 << i) : bits), 0);
}

function probability(pt: PerturbationTable, count: number, value: number): number {
  const last = pt.rows.length - 1;
  const row = pt.rows[Math.min(count, last)]!;
  const shift = count > last ? count - last : 0;
  const i = row.values.indexOf(value - shift);
  return i < 0 ? 0 : row.probabilities[i]!;
}

export interface Guessed {
  readonly answer: string;
  /** How often the insider's best guess was right. */
  readonly right: number;
  /** How often a guess from the national shares alone was right. */
  readonly fromShares: number;
}

/** The insider's success over `trials` victims drawn as people answer, each week with new keys and a new secret. */
export function insiderGuesses(trials: number, seed: number): Guessed[] {
  const random = seededRandom(seed);
  const pt = perturbationTable(DEFAULT_RELEASE_POLICY.perturbation);
  const indicators = HEADLINE_METRICS.slice(1);
  // The national shares: how often each pattern occurs, and each answer within it.
  const patterns = 1 << indicators.length;
  const prior = new Float64Array(patterns);
  const within = ANSWERS.map(() => Array.from({ length: patterns }, () => new Map<string, number>()));
  const overall = ANSWERS.map(() => new Map<string, number>());
  for (let i = 0; i < 50_000; i++) {
    const r = syntheticReport(random, ATTACK_PACK, VICTIM_AREA);
    const h = pattern(r);
    prior[h]!++;
    ANSWERS.forEach((a, j) => {
      const v = a.of(r);
      within[j]![h]!.set(v, (within[j]![h]!.get(v) ?? 0) + 1);
      overall[j]!.set(v, (overall[j]!.get(v) ?? 0) + 1);
    });
  }
  const mode = (m: Map<string, number>) => [...m].reduce((best, e) => (e[1] > best[1] ? e : best))[0];
  const own: Report = { area: VICTIM_AREA, ageBand: '35-44', symptoms: [], warningSigns: [], contact: 'no', test: 'not_tested', consent: true };
  const ownCounts = indicators.map((m) => (metricNames(fold(own, INSIDER_DAY, guide(own), 0)).includes(m) ? INSIDER_REPORTS : 0));
  const right = ANSWERS.map(() => 0);
  const fromShares = ANSWERS.map(() => 0);
  for (let t = 0; t < trials; t++) {
    const victim = syntheticReport(random, ATTACK_PACK, VICTIM_AREA);
    const key = () => Math.floor(random() * 2 ** 32);
    const week: TimedReport[] = [victim, ...Array.from({ length: INSIDER_REPORTS }, () => own)].map((report) => ({
      day: INSIDER_DAY,
      minute: 0,
      report,
      recordKey: key(),
      insider: report === own,
      victim: report === victim,
    }));
    const secret = Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256));
    const s = release({ counts: storedCounters(week), pack: ATTACK_PACK, now: Date.parse(`${WEEK[6]}T23:00:00Z`) + 12 * 3_600_000, timeZone: TIME_ZONE, keys: cellKeys(secret) });
    const published = new Map([...rows(s, { level: 'municipality', areas: [VICTIM_AREA], timeType: 'week' })].filter((r) => r.time_value === WEEK_LABEL).map((r) => [r.metric, r.value]));
    // The week is withheld when its published reports fall below the minimum: then nothing is learnt.
    const values = indicators.map((m) => published.get(m) ?? null);
    const posterior = Array.from(prior, (p, h) =>
      values.every((v) => v !== null) ? p * indicators.reduce((l, _, i) => l * probability(pt, ownCounts[i]! + ((h >> i) & 1), values[i]!), 1) : p,
    );
    ANSWERS.forEach((a, j) => {
      const score = new Map<string, number>();
      posterior.forEach((p, h) => {
        const count = prior[h]!;
        if (p > 0 && count > 0) for (const [v, n] of within[j]![h]!) score.set(v, (score.get(v) ?? 0) + (p * n) / count);
      });
      const truth = a.of(victim);
      if (mode(score) === truth) right[j]!++;
      if (mode(overall[j]!) === truth) fromShares[j]!++;
    });
  }
  return ANSWERS.map((a, j) => ({ answer: a.name, right: right[j]! / trials, fromShares: fromShares[j]! / trials }));
}

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../aggregator/metrics.js';
import { perturbationTable } from '../aggregator/perturbation-table.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { rows } from '../aggregator/released-rows.js';
import { seededRandom } from '../aggregator/synthetic/random.js';
import { attackProgramme, type Cell, cell, columns, partUnits, pins, sumOf, unitsOf, type World, world } from './attack/attacker.js';
import { insiderGuesses } from './attack/insider.js';
import { integerRange, type Programme } from './attack/lp.js';
import { BEFORE, beforeReleaseMinutes, beforeReports, observeBefore } from './attack/observe-before.js';
import { observeAfter, openDayMinutes, releasesOf } from './attack/observe-after.js';
import { cachedRelations } from './attack/relations-cache.js';
import type { Relations } from './attack/relations.js';
import { ATTACK_PACK, attackScenario, VICTIM_AREA, WEEK, WEEK_LABEL } from './attack/scenario.js';

/**
 * The release against an attacker who reads everything it publishes (every level, days and
 * the week, every publication of the open day, across a restart), knows the area pack, the
 * questionnaire, the policy and the perturbation table, derives every relation the
 * questionnaire implies by folding every possible report, and asks a linear-programming
 * solver (HiGHS) for the least and greatest value of every count. It must break the release
 * that came before (a fixture of what that release published), and find nothing here.
 *
 * The seed of the scenario is printed and can be given in ATTACK_SEED to replay a run.
 */

const SEED = Number(process.env.ATTACK_SEED ?? 47);
const METRIC_NAMES = METRICS.map((m) => m.name);
const LONG = 300_000;

let relations: Relations;
beforeAll(() => {
  console.info(`release attack: seed ${SEED} (ATTACK_SEED replays it)`);
  relations = cachedRelations(METRIC_NAMES);
}, LONG);

const areas = [ATTACK_PACK.country.code, ...ATTACK_PACK.regions.map((r) => r.code), ...ATTACK_PACK.municipalities.map((m) => m.code)];

/** Every count of the week at every level, and each region's counts between two open-day publications. */
function everyCount(w: World, openMinutes: readonly number[]): Cell[] {
  const cells: Cell[] = [];
  for (const period of [...WEEK, WEEK_LABEL]) {
    const days = period === WEEK_LABEL ? WEEK : [period];
    for (const area of areas) METRIC_NAMES.forEach((m, k) => cells.push(cell(`${period} ${area} ${m}`, k, unitsOf(w, area, days))));
  }
  const cuts = [0, ...openMinutes, 1440];
  for (const r of ATTACK_PACK.regions) {
    for (let i = 0; i + 1 < cuts.length; i++) {
      const units = partUnits(w, r.code, cuts[i]!, cuts[i + 1]!);
      METRIC_NAMES.forEach((m, k) => cells.push(cell(`${WEEK[6]} ${cuts[i]}–${cuts[i + 1]} min ${r.code} ${m}`, k, units)));
    }
  }
  return cells;
}

/** What others than the insider are counted in a cell: the attacker's unknowns. */
const others = (w: World, c: Cell) => sumOf(w.truth, w, c) - sumOf(w.own, w, c);

/** Small counts (1 to 4) and small groups (1 to 9 reports), the cells the release must not let out. */
function small(w: World, cells: readonly Cell[]): Cell[] {
  return cells.filter((c) => {
    const v = others(w, c);
    return c.units.length > 0 && v >= 1 && v <= (w.metrics[c.metric] === 'reports' ? 9 : 4);
  });
}

/** The metrics of the victim pinned by the insider, each with its least and greatest value. */
function victimPins(p: Programme, w: World): { metric: string; value: number; truth: number }[] {
  const units = unitsOf(w, VICTIM_AREA, WEEK);
  return METRIC_NAMES.flatMap((metric, k) => {
    const c = cell(`victim ${metric}`, k, units);
    const r = integerRange(p.range(columns(w, c))!);
    return r.min === r.max ? [{ metric, value: r.min, truth: others(w, c) }] : [];
  });
}

describe('the relations the attacker derives by folding every report', () => {
  it('include what the questionnaire implies, found without the production catalogue', () => {
    const k = (name: string) => relations.metrics.indexOf(name);
    const implies = (a: string, b: string) => relations.implications.some(([x, y]) => x === k(a) && y === k(b));
    expect(relations.reports, 'every combination of answers').toBe(15_722_496);
    expect(implies('cli', 'symptom:fever')).toBe(true);
    expect(implies('warning:chest_pain', 'guidance:emergency')).toBe(true);
    expect(relations.covers).toContainEqual({ lhs: k('cli'), rhs: [k('symptom:cough'), k('symptom:shortness_of_breath')].sort((a, b) => a - b) });
    expect(relations.partitions).toContainEqual({ total: k('symptomatic'), parts: ['today', '1-3d', '4-7d', '8-14d', 'over-14d'].map((o) => k(`onset:${o}`)) });
    expect(relations.conjunctions.some((c) => c.lhs === k('cli') && [c.a, c.b].sort().join() === [k('symptom:fever'), k('symptom:cough')].sort().join())).toBe(true);
  });
});

describe('the release before perturbation, as it published the scenario (a fixture)', () => {
  let w: World;
  let p: Programme;
  beforeAll(async () => {
    w = world(ATTACK_PACK, BEFORE.metrics, beforeReports(), WEEK, beforeReleaseMinutes());
    const published = observeBefore(w);
    p = await attackProgramme(w, relations, published.observations, [{ units: unitsOf(w, VICTIM_AREA, WEEK), reports: 1 }]);
  }, LONG);

  it('loses small counts to an attacker who combines every published number', () => {
    // The first day's counts at every level: enough to show the attacker breaking this release.
    const cells = small(w, everyCount(w, []).filter((c) => c.label.startsWith(WEEK[0]!)));
    const found = pins(p, w, cells);
    console.info(`release before perturbation: ${found.length} of the first day's ${cells.length} small counts pinned`);
    expect(found.length).toBeGreaterThanOrEqual(10);
    for (const pin of found) expect(pin.value, pin.cell.label).toBe(others(w, pin.cell));
  }, LONG);

  it("gives an insider with nine reports beside one victim the victim's whole report", () => {
    const pinned = victimPins(p, w);
    expect(pinned.map((x) => x.metric)).toEqual(METRIC_NAMES);
    for (const x of pinned) expect(x.value, x.metric).toBe(x.truth);
  }, LONG);
});

describe('this release, by the cell key method', () => {
  const scenario = attackScenario(SEED);
  const secret = Uint8Array.from({ length: 32 }, ((random) => () => Math.floor(random() * 256))(seededRandom(SEED)));
  const snapshots = releasesOf(scenario.reports, secret);
  const openMinutes = openDayMinutes(snapshots);
  let w: World;
  let p: Programme;
  beforeAll(async () => {
    w = world(ATTACK_PACK, METRIC_NAMES, scenario.reports, WEEK, openMinutes);
    p = await attackProgramme(w, relations, observeAfter(w, snapshots), [{ units: unitsOf(w, VICTIM_AREA, WEEK), reports: 1 }]);
  }, LONG);

  it('publishes the open day at its fixed times only, once more after the restart', () => {
    // 06:00, 12:00, the restart at 14:30 (the 12:00 publication again, for cells whose reports changed), 18:00.
    expect(openMinutes).toEqual([360, 720, 870, 1080]);
  });

  it('publishes no 1s and 2s, and no count further from the truth than the largest deviation', () => {
    const D = DEFAULT_RELEASE_POLICY.perturbation.maxDeviation;
    const truth = world(ATTACK_PACK, METRIC_NAMES, scenario.reports, WEEK, openMinutes);
    const published = snapshots.flatMap((s) => [...rows(s)]);
    for (const r of published) expect([1, 2], `${r.time_value} ${r.geo_value} ${r.metric}`).not.toContain(r.value);
    const final = published.filter((r) => r.value !== null && !r.provisional && (r.time_value === WEEK_LABEL || WEEK.includes(r.time_value)));
    expect(final.length).toBeGreaterThan(1000);
    for (const r of final) {
      if (r.value === null) continue;
      const c = cell('', METRIC_NAMES.indexOf(r.metric), unitsOf(truth, r.geo_value, r.time_type === 'week' ? WEEK : [r.time_value]));
      const n = sumOf(truth.truth, truth, c);
      // An empty cell may be published as up to D + 1, like a cell of one.
      expect(Math.abs(r.value - n), `${r.time_value} ${r.geo_value} ${r.metric}: ${r.value} for ${n}`).toBeLessThanOrEqual(n === 0 ? D + 1 : D);
    }
  });

  it('lets the attacker pin no count from 1 to 4 and isolate no group of fewer than 10 reports', () => {
    const cells = small(w, everyCount(w, openMinutes));
    expect(cells.length, 'the scenario holds many small counts').toBeGreaterThan(1000);
    const found = pins(p, w, cells).filter((pin) => pin.cell.label !== `${WEEK_LABEL} ${VICTIM_AREA} reports`);
    expect(found.map((pin) => `${pin.cell.label} = ${pin.value}`)).toEqual([]);
  }, LONG);

  it('lets an insider with nine reports beside one victim pin none of the victim’s answers', () => {
    // The insider's own assumption, that one other person reported, is the only thing fixed.
    expect(victimPins(p, w).map((x) => x.metric)).toEqual(['reports']);
  }, LONG);

  it("gives the insider's best guess of each answer the success dpia/assessment.md states", () => {
    const guessed = insiderGuesses(1000, SEED);
    const stated = new Map(
      [...readFileSync('dpia/assessment.md', 'utf8').matchAll(/^\| `([^`]+)` \| (\d+)% \| (\d+)% \|$/gm)].map((m) => [m[1]!, [Number(m[2]), Number(m[3])]]),
    );
    console.info(guessed.map((g) => `${g.answer}: ${Math.round(g.right * 100)}% (shares alone ${Math.round(g.fromShares * 100)}%)`).join('; '));
    for (const g of guessed) {
      const [right, fromShares] = stated.get(g.answer) ?? [NaN, NaN];
      expect(Math.abs(right! - g.right * 100), `${g.answer}: dpia/assessment.md states the insider's success`).toBeLessThanOrEqual(2);
      expect(Math.abs(fromShares! - g.fromShares * 100), `${g.answer}: and the success from the national shares alone`).toBeLessThanOrEqual(2);
    }
    // What the publication gives away: a few points over the national shares at most.
    for (const g of guessed) expect(g.right - g.fromShares, g.answer).toBeLessThan(0.15);
  }, LONG);
});

describe('the perturbation table', () => {
  const t = perturbationTable(DEFAULT_RELEASE_POLICY.perturbation);

  it('is unbiased for every count but 0, with the configured variance where nothing constrains it', () => {
    for (const row of t.rows.slice(1)) {
      const mean = row.values.reduce((s, v, i) => s + v * row.probabilities[i]!, 0);
      expect(mean, `row ${row.count}`).toBeCloseTo(row.count, 9);
    }
    const last = t.rows.at(-1)!;
    const variance = last.values.reduce((s, v, i) => s + (v - last.count) ** 2 * last.probabilities[i]!, 0);
    expect(variance).toBeCloseTo(DEFAULT_RELEASE_POLICY.perturbation.variance, 9);
  });

  it('lets an empty cell and a cell of one person publish exactly the same values', () => {
    expect(t.rows[0]!.values).toEqual(t.rows[1]!.values);
  });
});

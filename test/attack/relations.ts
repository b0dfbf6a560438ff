import { fold, metricNames } from '../../aggregator/fold.js';
import { guide } from '../../aggregator/guidance.js';
import { FIELDS, type Report } from '../../aggregator/questionnaire.js';

/**
 * The linear relations every table of counts obeys, found the way an outsider would find them:
 * by folding every possible report (every combination of answers the questionnaire accepts)
 * and reading off which metrics always, never or only together occur. Nothing is taken from
 * the production catalogue of relations, so a relation it forgets cannot hide from the attacker.
 *
 * Each relation holds for one report, and is linear and homogeneous, so it holds for any sum of
 * reports: any municipality, day or part of a day.
 */

/** x[lhs] ≤ Σ x[rhs]: `lhs` is counted only in reports counted in one of `rhs`. */
export interface Cover {
  readonly lhs: number;
  readonly rhs: readonly number[];
}

/** Σ x[parts] = x[total]: each report counted in `total` is counted in exactly one part. */
export interface Partition {
  readonly total: number;
  readonly parts: readonly number[];
}

/** x[lhs] ≥ x[a] + x[b] − x[within]: a report counted in both `a` and `b` is counted in `lhs`. */
export interface Conjunction {
  readonly lhs: number;
  readonly a: number;
  readonly b: number;
  readonly within: number;
}

export interface Relations {
  readonly metrics: readonly string[];
  /** How many distinct reports were folded. */
  readonly reports: number;
  /** x[a] ≤ x[b] for every pair here (b ≠ a). */
  readonly implications: readonly (readonly [number, number])[];
  readonly partitions: readonly Partition[];
  readonly covers: readonly Cover[];
  readonly conjunctions: readonly Conjunction[];
}

type Answer = string | string[];

/**
 * Calls `visit` with every report the questionnaire accepts, area and consent aside: every
 * combination of answers, each set field as every subset of its values, and a field asked only
 * with symptoms present exactly when there are symptoms. Each report is a new object built in
 * one field order, so the fold sees the shape real reports have.
 */
function forEveryReport(visit: (report: Report) => void): void {
  const fields = Object.entries(FIELDS).flatMap(([name, field]): { name: string; values: Answer[]; onlyWhenSymptomatic: boolean }[] => {
    if (field.kind === 'choice') return [{ name, values: [...field.values], onlyWhenSymptomatic: 'onlyWhenSymptomatic' in field }];
    if (field.kind === 'set') {
      const values = field.values;
      return [{ name, values: Array.from({ length: 2 ** values.length }, (_, bits) => values.filter((_, i) => (bits >> i) & 1)), onlyWhenSymptomatic: false }];
    }
    return [];
  });
  const chosen: (Answer | undefined)[] = new Array(fields.length);
  const walk = (i: number) => {
    if (i === fields.length) {
      const report: Record<string, unknown> = { area: 'any' };
      fields.forEach((field, j) => {
        if (chosen[j] !== undefined) report[field.name] = chosen[j];
      });
      report.consent = true;
      visit(report as Report);
      return;
    }
    const field = fields[i]!;
    if (field.onlyWhenSymptomatic) {
      const symptomatic = (chosen[fields.findIndex((f) => f.name === 'symptoms')] as string[]).length > 0;
      if (!symptomatic) {
        chosen[i] = undefined;
        walk(i + 1);
        return;
      }
    }
    for (const value of field.values) {
      chosen[i] = value;
      walk(i + 1);
    }
  };
  walk(0);
}

/** One bit column per metric over all folded reports, what each metric implies and meets, and counts. */
interface Folded {
  readonly n: number;
  readonly words: number;
  readonly columns: Uint32Array[];
  readonly count: Float64Array;
  /**
   * Counts of each pair among every SAMPLE_STRIDE-th report: only used to prune searches with
   * inequalities that hold on any set of reports, never to decide that a relation holds.
   */
  readonly pair: Float64Array;
  readonly implied: Uint8Array;
  readonly together: Uint8Array;
}

const SAMPLE_STRIDE = 8;

function foldEveryReport(metrics: readonly string[]): Folded {
  const M = metrics.length;
  const W = Math.ceil(M / 32);
  const index = new Map(metrics.map((m, i) => [m, i]));
  const upper = Object.values(FIELDS).reduce(
    (n, field) => n * (field.kind === 'choice' ? field.values.length + 1 : field.kind === 'set' ? 2 ** field.values.length : 1),
    1,
  );
  const words = Math.ceil(upper / 32);
  const columns = metrics.map(() => new Uint32Array(words));
  const count = new Float64Array(M);
  const pair = new Float64Array(M * M);
  const impliedMask = new Uint32Array(M * W).fill(0xffffffff);
  const togetherMask = new Uint32Array(M * W);
  const mask = new Uint32Array(W);
  const members = new Int32Array(M);
  let r = 0;
  forEveryReport((report) => {
    let size = 0;
    mask.fill(0);
    for (const name of metricNames(fold(report, '2026-01-01', guide(report), 0))) {
      const k = index.get(name);
      if (k === undefined) continue;
      members[size++] = k;
      mask[k >>> 5]! |= 1 << (k & 31);
    }
    const word = r >>> 5;
    const bit = 1 << (r & 31);
    const sampled = r % SAMPLE_STRIDE === 0;
    for (let i = 0; i < size; i++) {
      const a = members[i]!;
      columns[a]![word]! |= bit;
      count[a]!++;
      for (let w = 0; w < W; w++) {
        impliedMask[a * W + w]! &= mask[w]!;
        togetherMask[a * W + w]! |= mask[w]!;
      }
      if (sampled) for (let j = 0; j < size; j++) pair[a * M + members[j]!]!++;
    }
    r++;
  });
  const unpack = (masks: Uint32Array) => {
    const out = new Uint8Array(M * M);
    for (let a = 0; a < M; a++) for (let b = 0; b < M; b++) out[a * M + b] = (masks[a * W + (b >>> 5)]! >>> (b & 31)) & 1;
    return out;
  };
  return { n: r, words: Math.ceil(r / 32), columns, count, pair, implied: unpack(impliedMask), together: unpack(togetherMask) };
}

/** The words of a column that hold any report, so sparse metrics are scanned quickly. */
function occupied(column: Uint32Array): Int32Array {
  const words: number[] = [];
  for (let w = 0; w < column.length; w++) if (column[w] !== 0) words.push(w);
  return Int32Array.from(words);
}

/**
 * True when no folded report is counted in every metric of `all` and in none of `none`; `where`
 * lists the words where the first of `all` has reports.
 */
function never(f: Folded, where: Int32Array, all: readonly number[], none: readonly number[]): boolean {
  for (let i = 0; i < where.length; i++) {
    const w = where[i]!;
    let bits = 0xffffffff;
    for (const a of all) bits &= f.columns[a]![w]!;
    for (const b of none) bits &= ~f.columns[b]![w]!;
    if (bits !== 0) return false;
  }
  return true;
}

/** Maximal sets of mutually exclusive metrics among `candidates` (Bron–Kerbosch with pivot). */
function exclusiveSets(candidates: readonly number[], exclusive: (a: number, b: number) => boolean): number[][] {
  const out: number[][] = [];
  const expand = (r: number[], p: number[], x: number[]) => {
    if (p.length === 0 && x.length === 0) {
      out.push(r);
      return;
    }
    const pivot = [...p, ...x].reduce((best, u) => {
      const score = p.filter((v) => exclusive(u, v)).length;
      return score > best.score ? { u, score } : best;
    }, { u: -1, score: -1 }).u;
    for (const v of p.filter((v) => !exclusive(pivot, v))) {
      expand([...r, v], p.filter((u) => exclusive(u, v)), x.filter((u) => exclusive(u, v)));
      p = p.filter((u) => u !== v);
      x = [...x, v];
    }
  };
  expand([], [...candidates], []);
  return out;
}

/** The largest disjunctions searched for: `a ⇒ b ∨ c ∨ d ∨ e`. */
const MAX_COVER = 4;

/**
 * Derives the relations among `metrics` (the published metric names) by folding every report.
 * Takes some seconds: about sixteen million reports.
 */
export function deriveRelations(metrics: readonly string[]): Relations {
  const f = foldEveryReport(metrics);
  const M = metrics.length;
  const all = Array.from({ length: M }, (_, i) => i);
  const implies = (a: number, b: number) => a !== b && f.count[a]! > 0 && f.implied[a * M + b] === 1;
  const exclusive = (a: number, b: number) => a !== b && f.together[a * M + b] === 0;

  const implications: [number, number][] = [];
  for (const a of all) for (const b of all) if (implies(a, b) && !implies(b, a)) implications.push([a, b]);
  // Metrics counted in exactly the same reports are one unknown: tie them both ways.
  for (const a of all) for (const b of all) if (a < b && implies(a, b) && implies(b, a)) implications.push([a, b], [b, a]);

  // A set of mutually exclusive metrics within a total is a partition when its counts add up
  // to the total's over every report (then every report of the total is in one of them).
  const partitions: Partition[] = [];
  for (const total of all) {
    const within = all.filter((a) => implies(a, total));
    for (const parts of exclusiveSets(within, exclusive)) {
      const sum = parts.reduce((s, p) => s + f.count[p]!, 0);
      if (parts.length > 1 && sum === f.count[total]) partitions.push({ total, parts: parts.sort((a, b) => a - b) });
    }
  }
  const inPartition = new Set(partitions.flatMap((p) => p.parts));

  // Disjunctions: a ⇒ b ∨ c ∨ ...; candidates are the metrics found with `a` that it does not
  // imply and that no partition holds (a partition's parts already add up to their total).
  const covers: Cover[] = [];
  const conjunctions: Conjunction[] = [];
  const where = f.columns.map(occupied);
  for (const a of all) {
    if (f.count[a] === 0) continue;
    const pool = all.filter((b) => b !== a && !implies(a, b) && !exclusive(a, b) && !inPartition.has(b));
    // On the sample, as on all reports, a report counted in `a` is counted in some part of a cover.
    const sampleCount = f.pair[a * M + a]!;
    const found: number[][] = [];
    const chosen: number[] = [];
    const search = (from: number, covered: number) => {
      if (chosen.length > 0 && covered >= sampleCount && never(f, where[a]!, [a], chosen)) {
        found.push([...chosen]);
        return;
      }
      if (chosen.length === MAX_COVER) return;
      for (let i = from; i < pool.length; i++) {
        const b = pool[i]!;
        chosen.push(b);
        // Only minimal covers: none that holds one already found.
        if (!found.some((s) => s.every((x) => chosen.includes(x)))) search(i + 1, covered + f.pair[a * M + b]!);
        chosen.pop();
      }
    };
    search(0, 0);
    for (const rhs of found) covers.push({ lhs: a, rhs });

    // Conjunctions b ∧ c ⇒ a where neither b nor c alone implies a, within their smallest
    // common superset.
    const sources = all.filter((b) => b !== a && !implies(b, a) && !exclusive(a, b) && !inPartition.has(b));
    for (let i = 0; i < sources.length; i++) {
      for (let j = i + 1; j < sources.length; j++) {
        const b = sources[i]!;
        const c = sources[j]!;
        const both = f.pair[b * M + c]!;
        if (both === 0 || f.pair[a * M + b]! < both || f.pair[a * M + c]! < both) continue;
        const rarer = f.count[b]! < f.count[c]! ? b : c;
        if (!never(f, where[rarer]!, [b, c], [a])) continue;
        const supersets = all.filter((t) => (t === b || implies(b, t)) && (t === c || implies(c, t)));
        if (supersets.length === 0) continue;
        const within = supersets.reduce((s, t) => (f.count[t]! < f.count[s]! ? t : s));
        conjunctions.push({ lhs: a, a: b, b: c, within });
      }
    }
  }
  return reduce({ metrics, reports: f.n, implications, partitions, covers, conjunctions });
}

/**
 * Drops the relations the others already imply, so the programme stays small: an implication
 * that follows from two others (a ⇒ c ⇒ b), a part's implication of its partition's total, and
 * a cover that holds a smaller cover of the same metric or of a metric it implies.
 */
function reduce(r: Relations): Relations {
  const implied = new Set(r.implications.map(([a, b]) => `${a} ${b}`));
  const implies = (a: number, b: number) => implied.has(`${a} ${b}`);
  const inTotal = new Set(r.partitions.flatMap((p) => p.parts.map((part) => `${part} ${p.total}`)));
  const metrics = r.metrics.map((_, i) => i);
  const implications = r.implications.filter(
    ([a, b]) => implies(b, a) || (!inTotal.has(`${a} ${b}`) && !metrics.some((c) => c !== a && c !== b && implies(a, c) && implies(c, b) && !implies(c, a) && !implies(b, c))),
  );
  const within = (small: readonly number[], large: readonly number[]) => small.every((x) => large.includes(x));
  const smaller = (d: Cover, c: Cover) =>
    d.lhs === c.lhs
      ? d.rhs.length < c.rhs.length
      : implies(c.lhs, d.lhs) && (!implies(d.lhs, c.lhs) || d.rhs.length < c.rhs.length || (d.rhs.length === c.rhs.length && d.lhs < c.lhs));
  const covers = r.covers.filter((c) => !r.covers.some((d) => d !== c && within(d.rhs, c.rhs) && smaller(d, c)));
  return { ...r, implications, covers };
}

import { CASE_DEFINITIONS } from './case-definitions.js';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from './guidance.js';
import { FIELDS, type ChoiceField, type SetField } from './questionnaire.js';

/**
 * The counter names, derived from the questionnaire. They are part of the public API
 * (JSON, CSV, data dictionary), so they change only with a new questionnaire version.
 */
export interface MetricInfo {
  readonly name: string;
  readonly description: string;
}

/** An additive relation the release policy protects: the parts sum to the total. */
export interface Partition {
  readonly total: string;
  readonly parts: readonly string[];
}

export const REPORTS = 'reports';
export const SYMPTOMATIC = 'symptomatic';
/** Metrics broken down by age band as well (`age:<band>:<metric>`). */
export const BY_AGE = [SYMPTOMATIC, 'cli'] as const;
const GUIDANCE = 'guidance';

type AnsweredField = (ChoiceField | SetField) & { readonly name: string };

/** The questionnaire fields that feed a counter per answer value. */
export const COUNTED_FIELDS: readonly AnsweredField[] = Object.entries(FIELDS).flatMap(([name, field]) =>
  field.kind === 'choice' || field.kind === 'set' ? [{ ...field, name }] : [],
);

const ageField = FIELDS.ageBand;

export function answerMetric(field: { readonly metric: string }, value: string): string {
  return `${field.metric}:${value}`;
}
export function ageMetric(band: string, metric: (typeof BY_AGE)[number]): string {
  return `${ageField.metric}:${band}:${metric}`;
}
export function guidanceMetric(outcome: string): string {
  return `${GUIDANCE}:${outcome}`;
}

function fieldDescription(field: AnsweredField, value: string): string {
  const among = field.kind === 'choice' && field.onlyWhenSymptomatic ? 'symptomatic reports' : 'reports';
  return `Number of ${among} answering "${value}" to: ${field.description}`;
}

export const METRICS: readonly MetricInfo[] = [
  { name: REPORTS, description: 'Number of reports received.' },
  { name: SYMPTOMATIC, description: 'Number of reports with at least one symptom.' },
  ...CASE_DEFINITIONS.map((d) => ({
    name: d.metric,
    description: `Number of reports meeting the case definition "${d.name}" (${d.rule}; ${d.source}; version ${d.version}).`,
  })),
  ...COUNTED_FIELDS.flatMap((field) =>
    field.values.map((value) => ({ name: answerMetric(field, value), description: fieldDescription(field, value) })),
  ),
  ...ageField.values.flatMap((band) =>
    BY_AGE.map((metric) => ({
      name: ageMetric(band, metric),
      description: `Number of reports in age band ${band} counted in "${metric}".`,
    })),
  ),
  ...GUIDANCE_OUTCOMES.map((outcome) => ({
    name: guidanceMetric(outcome),
    description: `Number of reports whose self-guidance outcome was "${outcome}".`,
  })),
];

export const METRIC_NAMES: ReadonlySet<string> = new Set(METRICS.map((m) => m.name));

/**
 * Every partition of the reports (or of a subset) that is published, so complementary
 * suppression can protect each. Set-valued answers (symptoms, warning signs) overlap and
 * are not partitions.
 */
export const PARTITIONS: readonly Partition[] = [
  ...COUNTED_FIELDS.filter((f) => f.kind === 'choice').map((field) => ({
    total: field.kind === 'choice' && field.onlyWhenSymptomatic ? SYMPTOMATIC : REPORTS,
    parts: field.values.map((value) => answerMetric(field, value)),
  })),
  ...BY_AGE.map((metric) => ({ total: metric, parts: ageField.values.map((band) => ageMetric(band, metric)) })),
  { total: REPORTS, parts: GUIDANCE_OUTCOMES.map(guidanceMetric) },
];

/**
 * A metric that counts a subset of the reports another published metric counts. The public can
 * derive its complement (superset − metric) when both are published, so the release treats each
 * as a partition of the superset into the metric and a virtual, never-published complement
 * cell: a complement from 1 to minCount − 1 must not be derivable (suppression.ts).
 */
export interface Subset {
  readonly superset: string;
  readonly metric: string;
}

/** Guidance outcomes the decision table gives only to reports with a symptom. */
export const SYMPTOMATIC_OUTCOMES = ['call_doctor', 'stay_home_and_monitor'] as const satisfies readonly GuidanceOutcome[];

/** The metrics that are a condition on the reported symptom set, with that condition. */
const symptomField = FIELDS.symptoms;
const SYMPTOM_CONDITIONS: readonly { readonly metric: string; readonly matches: (s: readonly string[]) => boolean }[] = [
  ...symptomField.values.map((v) => ({ metric: answerMetric(symptomField, v), matches: (s: readonly string[]) => s.includes(v) })),
  ...CASE_DEFINITIONS.map((d) => ({ metric: d.metric, matches: d.matches as (s: readonly string[]) => boolean })),
];

/** Containments among the symptom conditions (cli ⊂ covid_criteria, cli ⊂ symptom:fever, ...),
 * found by trying every symptom set, and of each in `symptomatic` when the empty set fails it. */
function symptomContainments(): [string, string][] {
  const n = symptomField.values.length;
  const truth = SYMPTOM_CONDITIONS.map((c) =>
    Array.from({ length: 2 ** n }, (_, set) => c.matches(symptomField.values.filter((_, i) => (set >> i) & 1))),
  );
  const edges: [string, string][] = [];
  SYMPTOM_CONDITIONS.forEach((a, i) => {
    if (!truth[i]![0]) edges.push([a.metric, SYMPTOMATIC]);
    SYMPTOM_CONDITIONS.forEach((b, j) => {
      const within = truth[i]!.every((t, set) => !t || truth[j]![set]);
      const equal = within && truth[j]!.every((t, set) => !t || truth[i]![set]);
      if (i !== j && within && !equal) edges.push([a.metric, b.metric]);
    });
  });
  return edges;
}

/**
 * Every subset relation between published metrics that no declared partition already protects:
 * the direct ones (symptomatic ⊂ reports; the symptom conditions as above; warning signs ⊂
 * reports; per age band, each BY_AGE metric ⊂ the band, and within the band as the metrics
 * themselves nest), and, transitively, every chain through them and through the partitions (a
 * part ⊂ its total), since a suppressed middle leaves both ends published. A part within its own
 * partition's total is left out: the partition rule protects that complement.
 */
function subsets(): Subset[] {
  const base: [string, string][] = [[SYMPTOMATIC, REPORTS], ...symptomContainments()];
  const warnings = FIELDS.warningSigns;
  base.push(...warnings.values.map((v): [string, string] => [answerMetric(warnings, v), REPORTS]));
  // What the guidance table implies (checked by test/guidance.test.ts): any warning sign
  // gives `emergency`, and these outcomes are given only with a symptom.
  base.push(...warnings.values.map((v): [string, string] => [answerMetric(warnings, v), guidanceMetric('emergency')]));
  base.push(...SYMPTOMATIC_OUTCOMES.map((o): [string, string] => [guidanceMetric(o), SYMPTOMATIC]));
  const nested = (a: string, b: string) => base.some(([m, s]) => m === a && s === b);
  for (const band of ageField.values) {
    const bandMetric = answerMetric(ageField, band);
    for (const m of BY_AGE) {
      base.push([ageMetric(band, m), bandMetric]);
      for (const s of BY_AGE) if (nested(m, s)) base.push([ageMetric(band, m), ageMetric(band, s)]);
    }
  }
  const partitionEdges = new Set(PARTITIONS.flatMap((p) => p.parts.map((part) => `${part} ${p.total}`)));
  const up = new Map<string, string[]>();
  const edge = (m: string, s: string) => up.set(m, [...(up.get(m) ?? []), s]);
  for (const [m, s] of base) edge(m, s);
  for (const p of PARTITIONS) for (const part of p.parts) edge(part, p.total);
  const out: Subset[] = [];
  for (const metric of METRICS.map((m) => m.name)) {
    const seen = new Set<string>();
    const stack = [...(up.get(metric) ?? [])];
    while (stack.length > 0) {
      const superset = stack.pop()!;
      if (seen.has(superset)) continue;
      seen.add(superset);
      stack.push(...(up.get(superset) ?? []));
      if (!partitionEdges.has(`${metric} ${superset}`)) out.push({ superset, metric });
    }
  }
  return out;
}

export const SUBSETS: readonly Subset[] = subsets();

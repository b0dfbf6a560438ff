import type { AreaPack } from '../aggregator/areas/index.js';
import { guide } from '../aggregator/guidance.js';
import type { Report } from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { seededRandom, weighted } from '../aggregator/synthetic/random.js';
import { syntheticReport } from '../aggregator/synthetic/report.js';

export const BODY_COUNT = 4096;
export const BODY_SEED = 20_200_301;

export interface BodyMix {
  bodies: number;
  seed: number;
  municipalities: number;
  ageBands: number;
  symptomaticShare: number;
  symptomCombinations: number;
  outcomes: Record<string, number>;
  meanBytes: number;
}

/**
 * Pre-generated valid report bodies: every municipality of the pack once, then areas as
 * likely as their population; age bands as the national population. Each body is checked
 * against the service's own schema, so a questionnaire change cannot silently send 400s.
 */
export function reportBodies(pack: AreaPack, count = BODY_COUNT, seed = BODY_SEED): string[] {
  const random = seededRandom(seed);
  const codes = pack.municipalities.map((m) => m.code);
  const populations = pack.municipalities.map((m) => m.population);
  const schema = reportSchema(new Set(codes));
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const area = i < codes.length ? codes[i]! : weighted(random, codes, populations);
    const r = syntheticReport(random, pack, area);
    const checked = schema.safeParse(r);
    if (!checked.success) throw new Error(`generated an invalid report: ${JSON.stringify(r)}: ${checked.error.message}`);
    bodies.push(JSON.stringify(r));
  }
  // Shuffle (Fisher-Yates), so the first requests are not one per municipality in code order.
  for (let i = bodies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [bodies[i], bodies[j]] = [bodies[j]!, bodies[i]!];
  }
  return bodies;
}

/** What the bodies cover, for the results. */
export function describeMix(bodies: readonly string[], seed = BODY_SEED): BodyMix {
  const reports = bodies.map((b) => JSON.parse(b) as Report);
  const outcomes: Record<string, number> = {};
  for (const r of reports) {
    const outcome = guide(r);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return {
    bodies: bodies.length,
    seed,
    municipalities: new Set(reports.map((r) => r.area)).size,
    ageBands: new Set(reports.map((r) => r.ageBand)).size,
    symptomaticShare: reports.filter((r) => r.symptoms.length > 0).length / reports.length,
    symptomCombinations: new Set(reports.map((r) => r.symptoms.join('+'))).size,
    outcomes,
    meanBytes: Math.round(bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / bodies.length),
  };
}

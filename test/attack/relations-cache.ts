import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveRelations, type Relations } from './relations.js';

/**
 * Folding every report takes about a minute, so the derived relations are kept in
 * node_modules/.cache under a hash of every source file the fold and the derivation read: a
 * change to any of them derives them again, and a fresh checkout (CI) always derives them.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCES = [
  'aggregator/questionnaire.ts',
  'aggregator/case-definitions.ts',
  'aggregator/guidance.ts',
  'aggregator/metrics.ts',
  'aggregator/fold.ts',
  'test/attack/relations.ts',
];

export function cachedRelations(metrics: readonly string[]): Relations {
  const hash = createHash('sha256').update(metrics.join('\n'));
  for (const source of SOURCES) hash.update(readFileSync(join(ROOT, source)));
  const file = join(ROOT, 'node_modules', '.cache', 'symptom-self-report', `attack-relations-${hash.digest('hex').slice(0, 16)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Relations;
  const relations = deriveRelations(metrics);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(relations));
  return relations;
}

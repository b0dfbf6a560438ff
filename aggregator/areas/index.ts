import { readFileSync } from 'node:fs';
import { type AreaPack, type AreaPackInput, buildAreaPack } from './pack.js';
import siFile from './si.json' with { type: 'json' };

/**
 * Slovenia: the 12 statistical regions (NUTS-3) and 212 municipalities (ISO 3166-2:SI codes).
 * Built in as a pack file like any other country's, so the one format is the one that is tested.
 */
export const si: AreaPackInput = siFile;

export const BUILT_IN_AREA_PACKS = { si } as const;

/**
 * A built-in pack by its id, or a pack file by its path (anything ending in `.json`), so
 * another country needs a data file and nothing else.
 */
export function loadAreaPack(nameOrPath: string): AreaPack {
  if (nameOrPath.endsWith('.json')) return buildAreaPack(JSON.parse(readFileSync(nameOrPath, 'utf8')));
  const input = BUILT_IN_AREA_PACKS[nameOrPath as keyof typeof BUILT_IN_AREA_PACKS];
  if (!input) {
    throw new Error(`unknown area pack "${nameOrPath}" (built in: ${Object.keys(BUILT_IN_AREA_PACKS).join(', ')})`);
  }
  return buildAreaPack(input);
}

export type { AreaPack, Municipality, Region } from './pack.js';

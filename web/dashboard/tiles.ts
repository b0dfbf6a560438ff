/**
 * Where each region sits on the schematic tile map: a column and a row on a small grid that
 * keeps neighbours next to each other, as in the country (west to east, north to south), and
 * the lines its name is broken into on a tile: a line ending in a soft hyphen (U+00AD) or a
 * hyphen continues the same word, so the name read out is the whole name. Regions of another area pack without a place
 * here are laid out in rows of four, in the pack's order.
 */
export interface Tile {
  col: number;
  row: number;
  lines: readonly string[];
}

const SI: Record<string, Tile> = {
  SI042: { col: 1, row: 0, lines: ['Gorenjska'] },
  SI033: { col: 2, row: 0, lines: ['Koroška'] },
  SI032: { col: 3, row: 0, lines: ['Podravska'] },
  SI031: { col: 4, row: 0, lines: ['Pomurska'] },
  SI043: { col: 0, row: 1, lines: ['Goriška'] },
  SI041: { col: 1, row: 1, lines: ['Osrednje\u00ad', 'slovenska'] },
  SI035: { col: 2, row: 1, lines: ['Zasavska'] },
  SI034: { col: 3, row: 1, lines: ['Savinjska'] },
  SI044: { col: 0, row: 2, lines: ['Obalno-', 'kraška'] },
  SI038: { col: 1, row: 2, lines: ['Primorsko-', 'notranjska'] },
  SI037: { col: 2, row: 2, lines: ['Jugo\u00ad', 'vzhodna', 'Slovenija'] },
  SI036: { col: 3, row: 2, lines: ['Posavska'] },
};

/**
 * The tiles of the regions. `packed`: each row moved to start at the left edge, for a narrow
 * screen: fewer columns, so larger tiles and names that stay readable, at the cost of a little
 * geography.
 */
export function tilesFor(regions: readonly { code: string; name: string }[], packed = false): Map<string, Tile> {
  const known = regions.every((r) => r.code in SI);
  const tiles = regions.map((r, i): [string, Tile] => [r.code, known ? SI[r.code]! : { col: i % 4, row: Math.floor(i / 4), lines: [r.name] }]);
  if (!packed) return new Map(tiles);
  const firstCol = new Map<number, number>();
  for (const [, tile] of tiles) firstCol.set(tile.row, Math.min(firstCol.get(tile.row) ?? tile.col, tile.col));
  return new Map(tiles.map(([code, tile]) => [code, { ...tile, col: tile.col - firstCol.get(tile.row)! }]));
}

/** Codes in reading order, row by row and left to right: the order of the tab key. */
export function readingOrder(tiles: ReadonlyMap<string, Tile>): string[] {
  return [...tiles].sort(([, a], [, b]) => a.row - b.row || a.col - b.col).map(([code]) => code);
}

/** Four classes of equal width from zero to a round number at or above the largest value. */
export function classBreaks(values: readonly number[], classes = 4): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return Array.from({ length: classes + 1 }, (_, i) => i);
  const raw = max / classes;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s * classes >= max && s >= raw)!;
  return Array.from({ length: classes + 1 }, (_, i) => i * step);
}

/** The class of a value: 0 for the lowest, classes − 1 for the highest. */
export function classOf(value: number, breaks: readonly number[]): number {
  const classes = breaks.length - 1;
  for (let i = 1; i < classes; i++) if (value < breaks[i]!) return i - 1;
  return classes - 1;
}

/**
 * A sequential blue scale (ColorBrewer Blues), light to dark, with the text colour that keeps
 * at least 4.5:1 contrast on each.
 */
export const CLASS_FILLS = ['#deebf7', '#9ecae1', '#4292c6', '#08519c'] as const;
export const CLASS_TEXT = ['#17212b', '#17212b', '#17212b', '#ffffff'] as const;
export const MISSING_FILL = '#f4f6f8';

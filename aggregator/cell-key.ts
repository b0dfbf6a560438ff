import { createHmac } from 'node:crypto';

/**
 * Cell keys for the cell key method. Each report draws a record key at its fold, uniform on
 * [0, 2³²); each counter keeps, beside its count, the sum of its reports' keys modulo 2³².
 *
 * A published cell's key is the sum over the reports it counts, plus a keyed hash of its metric
 * under the service's secret. So the same reports counted in the same metric give the same key
 * wherever they are counted (a municipality alone in its region, a week with one active day),
 * and therefore the same published value: asking again, or another way, shows nothing new. Two
 * metrics counting the same reports get unrelated keys, so equal values never tell that two
 * answers come from the same people.
 *
 * A cell that counts no report has no record keys; its key is a keyed hash of the cell's own
 * name instead, so empty cells get deviations an outsider cannot predict (a predictable one
 * would tell an empty cell from a cell of one person).
 */

/** Keys are uint32; sums wrap around. */
export const addKeys = (a: number, b: number): number => (a + b) >>> 0;

/** The length of the service's secret, in bytes. */
export const SECRET_BYTES = 32;

export interface CellKeys {
  /** The key of a cell of a final period (a closed day, a complete week), named `cell`. */
  final(count: number, keySum: number, metric: string, cell: string): number;
  /**
   * The key of a cell of the open day as published at `publication` (the day and the number of
   * its publication time). Every publication gets new deviations, so a value that moved says
   * nothing about which reports arrived; each one is the same draw however often it is
   * computed, so a restart republishes what was out for the cells whose reports are the same.
   */
  open(count: number, keySum: number, metric: string, cell: string, publication: string): number;
}

export function cellKeys(secret: Uint8Array): CellKeys {
  if (secret.length !== SECRET_BYTES) throw new Error(`the release secret must be ${SECRET_BYTES} bytes`);
  const hash = (text: string) => createHmac('sha256', secret).update(text).digest().readUInt32BE(0);
  const salts = new Map<string, number>();
  const salt = (text: string) => {
    let value = salts.get(text);
    if (value === undefined) {
      // Few distinct salts (metrics × open-day publications), so the cache stays small.
      if (salts.size > 10_000) salts.clear();
      salts.set(text, (value = hash(text)));
    }
    return value;
  };
  return {
    final: (count, keySum, metric, cell) => (count > 0 ? addKeys(keySum, salt(`metric ${metric}`)) : hash(`empty ${cell}`)),
    open: (count, keySum, metric, cell, publication) =>
      count > 0 ? addKeys(keySum, salt(`open ${publication} metric ${metric}`)) : hash(`open ${publication} empty ${cell}`),
  };
}

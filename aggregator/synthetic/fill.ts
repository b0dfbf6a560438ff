import type { AreaPack } from '../areas/index.js';
import { fold } from '../fold.js';
import { GroupCommit } from '../group-commit.js';
import { guide } from '../guidance.js';
import type { CountsStore } from '../store.js';
import { outbreak, type OutbreakOptions } from './outbreak.js';

/**
 * Counts a synthetic outbreak into a store the way the service counts a valid report (the
 * tests check each one against the service's schema): guided, folded for its day with a
 * record key of its own, the increments merged and written by the group commit, one
 * transaction a day (a few thousand reports, one upsert per counter). Resolves to the number
 * of reports.
 */
export async function fillWithOutbreak(
  store: Pick<CountsStore, 'add'>,
  pack: AreaPack,
  options: OutbreakOptions,
  recordKey: () => number,
): Promise<number> {
  const groupCommit = new GroupCommit({ commit: store.add, maxBatch: Number.POSITIVE_INFINITY });
  let counted = 0;
  for (const { day, reports } of outbreak(pack, options)) {
    let committed = Promise.resolve();
    for (const report of reports) committed = groupCommit.submit(fold(report, day, guide(report), recordKey()));
    groupCommit.commitNow();
    await committed;
    counted += reports.length;
  }
  return counted;
}

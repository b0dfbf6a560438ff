import { describe, expect, it } from 'vitest';
import { createHistory, type PublicationHistory } from '../aggregator/history.js';
import { tableIndex } from '../aggregator/publication.js';
import { release } from '../aggregator/release.js';
import { type ReleasedSnapshot, tableOf } from '../aggregator/snapshot.js';
import { openCountsStore, type PublishedRow } from '../aggregator/store.js';
import { type Group, PACK, storedCounters, TEST_KEYS } from './support/release-fixtures.js';

const TIME_ZONE = 'Europe/Ljubljana';
/** An hour of a November 2026 day in Ljubljana (UTC+1). */
const at = (day: number, hour: number) => Date.UTC(2026, 10, day, hour - 1);
const COUGH = { symptoms: ['cough' as const], onset: '1-3d' as const };

/** Monday 23 November: M1 has 30 reports, M4 4 (too few), and some come in on the 24th. */
const groups = (more: number): Group[] => [
  { day: '2026-11-23', area: 'M1', n: 30 },
  { day: '2026-11-23', area: 'M1', n: 12, answers: COUGH },
  { day: '2026-11-23', area: 'M4', n: 4 },
  { day: '2026-11-24', area: 'M2', n: 20 + more },
];

const snapshot = (more: number, now: number, previous?: ReleasedSnapshot) =>
  release({ counts: storedCounters(groups(more)), pack: PACK, now, timeZone: TIME_ZONE, keys: TEST_KEYS, ...(previous ? { previous } : {}) });

/** Records a snapshot as the service does: the rows stored, then the versions added. */
function record(history: PublicationHistory, s: ReleasedSnapshot, stored: PublishedRow[]): PublishedRow[] {
  const changes = history.changes(s);
  stored.push(...changes.rows);
  history.commit(changes);
  return [...changes.rows];
}

const dayTable = (level: 'country' | 'region') => tableIndex(level, 'day');
const weekTable = tableIndex('municipality', 'week');

describe('the publication history', () => {
  it('records each closed period once, only the cells that are not zero, and an area below the minimum as one marker', () => {
    const history = createHistory(PACK);
    const stored: PublishedRow[] = [];
    const s = snapshot(0, at(24, 7));
    const first = record(history, s, stored);
    const monday = first.filter((r) => r.period === '2026-11-23');
    // R2 (M4's 4 reports) is below the minimum: one row, its reports marked.
    expect(monday.filter((r) => r.area === 'R2')).toEqual([{ issued: at(24, 7), period: '2026-11-23', area: 'R2', metric: 'reports', value: -2 }]);
    expect(monday.filter((r) => r.value === 0)).toEqual([]);
    const r1 = tableOf(s, 'region', 'day')!;
    const published = history.at(dayTable('region'), '2026-11-23', at(24, 7))!;
    expect(published.value).toEqual(r1.value.subarray(0, r1.areaCount * r1.metrics.length));
    expect(published.status).toEqual(r1.status.subarray(0, r1.areaCount * r1.metrics.length));
    // The same snapshot again, and a later one that changes no closed period: nothing more.
    expect(history.changes(s).rows).toEqual([]);
    expect(record(history, snapshot(0, at(24, 9), s), stored)).toEqual([]);
  });

  it("records today's publications, each cell only when it differs from the last recorded", () => {
    const history = createHistory(PACK);
    const stored: PublishedRow[] = [];
    const seven = snapshot(0, at(24, 7));
    record(history, seven, stored);
    const thirteen = snapshot(15, at(24, 13), seven);
    const rows = record(history, thirteen, stored);
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['2026-11-24']));
    const before = history.at(dayTable('country'), '2026-11-24', at(24, 7))!;
    const after = history.at(dayTable('country'), '2026-11-24', at(24, 13))!;
    expect(after.issued).toBe(at(24, 13));
    const shape = history.tables[dayTable('country')]!;
    for (const row of rows.filter((r) => r.area === 'XX')) {
      const i = shape.metricIndex.get(row.metric)!;
      expect(after.value[i]).toBe(row.value);
      expect(after.value[i]).not.toBe(before.value[i]);
      expect(after.since[i]).toBe(at(24, 13));
    }
    // A cell that did not change keeps the issue of its first publication.
    const unchanged = shape.metrics.findIndex((_, i) => after.value[i] === before.value[i]);
    expect(unchanged).toBeGreaterThanOrEqual(0);
    expect(after.since[unchanged]).toBe(at(24, 7));
    // The version before is still there, for as_of.
    expect(history.at(dayTable('country'), '2026-11-24', at(24, 12))).toBe(before);
    expect(history.at(dayTable('country'), '2026-11-24', at(24, 6))).toBeUndefined();
  });

  it('reads back from its stored rows exactly what it recorded, a restart later', () => {
    const history = createHistory(PACK);
    const stored: PublishedRow[] = [];
    let s = snapshot(0, at(24, 7));
    record(history, s, stored);
    for (const [more, hour] of [[10, 13], [25, 19]] as const) record(history, (s = snapshot(more, at(24, hour), s)), stored);
    // The week closes on Sunday the 29th; the release after it publishes the week and the days' finals.
    record(history, snapshot(25, at(30, 1), s), stored);
    // Stored as the service stores them, in one transaction per release, and read back packed.
    const store = openCountsStore({ path: ':memory:', synchronous: 'NORMAL' });
    for (const issued of new Set(stored.map((r) => r.issued))) store.addHistory(stored.filter((r) => r.issued === issued));
    const replayed = createHistory(PACK, store.history());
    store.close();
    for (const [table, period] of [
      [dayTable('country'), '2026-11-24'],
      [dayTable('region'), '2026-11-23'],
      [dayTable('region'), '2026-11-24'],
      [weekTable, '2026-W48'],
    ] as const) {
      expect(history.versions(table, period).length, `${table} ${period}`).toBeGreaterThan(0);
      expect(replayed.versions(table, period), `${table} ${period}`).toEqual(history.versions(table, period));
    }
    expect(history.versions(dayTable('country'), '2026-11-24').map((v) => v.issued)).toEqual(expect.arrayContaining([at(24, 7), at(24, 13), at(24, 19)]));
    // Issues only increase, even for a release in the same millisecond as the last.
    const again = replayed.changes(snapshot(40, at(30, 1), s));
    expect(again.rows.length).toBeGreaterThan(0);
    expect(new Set(again.rows.map((r) => r.issued))).toEqual(new Set([at(30, 1) + 1]));
  });
});

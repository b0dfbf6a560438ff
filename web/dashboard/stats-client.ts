import type { GeoType } from '../../aggregator/publication.js';
import type { ReleasedRow } from '../../aggregator/released-rows.js';
import type { SnapshotInfo } from '../../server/snapshot-info.js';
import { getJson, OWN_ORIGIN } from '../get-json.js';
import type { AreasDocument } from '../../server/areas.routes.js';

/**
 * The dashboard's only source: the public API (`/api/v1/areas`, `/api/v1/snapshot`,
 * `/api/v1/stats`), read the way anyone may read it. Nothing is sent but the filters; nothing
 * is kept.
 */

export type StatsRow = ReleasedRow;
export type { SnapshotInfo };
export type Level = GeoType;

export interface StatsAnswer {
  snapshot: SnapshotInfo;
  rows: StatsRow[];
}

/** The filters of `/api/v1/stats` and `/api/v1/stats.csv`; each one left out selects everything. */
export interface StatsQuery {
  level?: Level;
  areas?: readonly string[];
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  period?: 'day' | 'week';
  metrics?: readonly string[];
}

/** The area tree with populations, from `GET /api/v1/areas`, as the server's schema gives it. */
export type Areas = AreasDocument;
export type Region = Areas['regions'][number];
export type Municipality = Areas['municipalities'][number];

/** The query string, in a fixed order and with readable commas, so links are stable and legible. */
export function statsSearch(q: StatsQuery): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) parts.push(`${name}=${value}`);
  };
  const list = (items: readonly string[] | undefined) => items?.map(encodeURIComponent).join(',');
  add('geo_type', q.level);
  add('geo_value', list(q.areas));
  add('from', q.from);
  add('to', q.to);
  add('time_type', q.period);
  add('metric', list(q.metrics));
  return parts.join('&');
}

/** The address of the rows a query selects, as JSON or as CSV. */
export function statsHref(q: StatsQuery, format: 'json' | 'csv'): string {
  return `/api/v1/stats${format === 'csv' ? '.csv' : ''}?${statsSearch(q)}`;
}

/** The Frictionless Data Package that describes every column of the CSV. */
export const DATA_PACKAGE_HREF = '/api/v1/datapackage.json';

export function fetchStats(q: StatsQuery, signal: AbortSignal): Promise<StatsAnswer> {
  // Revalidated every time (the ETag makes that cheap): after a new snapshot, an answer the
  // browser still holds as fresh would show the old numbers.
  return getJson<StatsAnswer>(statsHref(q, 'json'), { signal, cache: 'no-cache' });
}

export function fetchAreas(signal: AbortSignal): Promise<Areas> {
  return getJson<Areas>('/api/v1/areas', { signal, cache: 'no-cache' });
}

export interface SnapshotAnswer {
  info: SnapshotInfo;
  /** The answer's ETag: the next check sends it, and the service answers 304 while the snapshot is the same. */
  etag: string | null;
}

const SNAPSHOT_PATH = '/api/v1/snapshot';

/**
 * The current snapshot's time, open day and policy, which every view needs before it can name
 * its dates; null when the snapshot is still the one `etag` was given for. The request is
 * conditional by hand, past the browser's cache, so a 304 reaches this code as a 304.
 */
export async function fetchSnapshot(etag: string | null, signal: AbortSignal): Promise<SnapshotAnswer | null> {
  const response = await fetch(SNAPSHOT_PATH, { ...OWN_ORIGIN, signal, cache: 'no-store', headers: etag ? { 'if-none-match': etag } : {} });
  if (response.status === 304) return null;
  if (!response.ok) throw new Error(`${SNAPSHOT_PATH}: ${response.status}`);
  return { info: (await response.json()) as SnapshotInfo, etag: response.headers.get('etag') };
}

/**
 * What the published numbers depend on besides the query: the open day, its latest
 * publication and the policy. Closed days and complete weeks never change, so while this stays
 * the same a new snapshot publishes the same numbers, and the views need not ask again.
 */
export function numbersKey(info: SnapshotInfo): string {
  return JSON.stringify([info.openDay, info.openDayPublishedAt, info.policy]);
}

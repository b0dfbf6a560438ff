import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import type { GeoType } from '../../aggregator/publication.js';
import type { ReleasedRow } from '../../aggregator/released-rows.js';

/**
 * The dashboard's only source: the public API (`/api/v1/areas`, `/api/v1/stats`), read the
 * way anyone may read it. Nothing is sent but the filters; nothing is kept.
 */

export type StatsRow = ReleasedRow;
export type Level = GeoType;

/** The snapshot an answer was read from. */
export interface SnapshotInfo {
  /** When it was released (ISO 8601 date-time). */
  time: string;
  /** Today in the service's time zone: published for the country and regions only. */
  openDay: string;
  timeZone: string;
  policy: ReleasePolicy;
}

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

export interface Region {
  code: string;
  name: string;
  population: number;
}

export interface Municipality extends Region {
  /** The code of its region. */
  region: string;
}

/** The area tree with populations, from `GET /api/v1/areas`. */
export interface Areas {
  country: { code: string; name: string };
  regions: Region[];
  municipalities: Municipality[];
}

// Our own origin only, nothing to remember: no credentials, no referrer.
const PUBLIC: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer' };

/** The query string, in a fixed order and with readable commas, so links are stable and legible. */
export function statsSearch(q: StatsQuery): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) parts.push(`${name}=${value}`);
  };
  const list = (items: readonly string[] | undefined) => items?.map(encodeURIComponent).join(',');
  add('level', q.level);
  add('area', list(q.areas));
  add('from', q.from);
  add('to', q.to);
  add('period', q.period);
  add('metrics', list(q.metrics));
  return parts.join('&');
}

/** The address of the rows a query selects, as JSON or as CSV. */
export function statsHref(q: StatsQuery, format: 'json' | 'csv'): string {
  return `/api/v1/stats${format === 'csv' ? '.csv' : ''}?${statsSearch(q)}`;
}

/**
 * Keeps the same object for equal queries, so a Task whose argument is a query runs again
 * only when the filters change, not on every render.
 */
export function stableQuery(): (q: StatsQuery | undefined) => StatsQuery | undefined {
  let key = '';
  let last: StatsQuery | undefined;
  return (q) => {
    const next = q === undefined ? '' : JSON.stringify(q);
    if (next !== key) {
      key = next;
      last = q;
    }
    return last;
  };
}

/** The Frictionless Data Package that describes every column of the CSV. */
export const DATA_PACKAGE_HREF = '/api/v1/datapackage.json';

async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { ...PUBLIC, signal });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export function fetchStats(q: StatsQuery, signal: AbortSignal): Promise<StatsAnswer> {
  return getJson<StatsAnswer>(statsHref(q, 'json'), signal);
}

export function fetchAreas(signal: AbortSignal): Promise<Areas> {
  return getJson<Areas>('/api/v1/areas', signal);
}

/**
 * The current snapshot's time, open day and policy, which every view needs before it can
 * name its dates: asked with a query that selects no rows (one day long ago).
 */
export async function fetchSnapshotInfo(signal: AbortSignal): Promise<SnapshotInfo> {
  const answer = await fetchStats({ level: 'country', from: '2000-01-01', to: '2000-01-01', period: 'day', metrics: ['reports'] }, signal);
  return answer.snapshot;
}

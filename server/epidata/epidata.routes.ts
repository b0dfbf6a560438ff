import { z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AreaPack } from '../../aggregator/areas/index.js';
import type { PublicationHistory } from '../../aggregator/history.js';
import { SIGNAL_SOURCES } from '../../aggregator/signals.js';
import type { ReleasedSnapshot } from '../../aggregator/snapshot.js';
import { AnswerCache, type Coding, send } from '../answers.js';
import { ProblemError } from '../problem.js';
import { parseQuery, type QueryRead, readQuery } from '../query-params.js';
import { MAX_ROWS, SYNTHETIC_HEADER } from '../stats.contract.js';
import { cacheHeaders, entityTag, rawQuery } from '../stats.routes.js';
import { META_FIELDS, metaRow } from './epidata-meta.js';
import { EPIDATA_ALIASES, epidataQuerySchema, fieldList } from './epidata-query.js';
import { epidataRows, type RowsContext } from './epidata-rows.js';

/** Where the Epidata endpoints are: a client's base URL is this, with a trailing slash. */
export const EPIDATA_BASE = '/api/epidata';
const ROWS_PER_TURN = 2000;

const metaQuerySchema = z.strictObject({ format: z.enum(['classic', 'json']).optional(), fields: fieldList(META_FIELDS).optional() });

export interface EpidataParts {
  areaPack: AreaPack;
  /** The current released snapshot: its days, weeks, open day and policy. */
  snapshot: () => ReleasedSnapshot;
  /** Every published value with the release that published it. */
  history: PublicationHistory;
  /** Hears of each compression of an answer. */
  onCompress?: (coding: Coding) => void;
}

/** A bad query as a problem document that Delphi's clients read too: `result` −1 and the `message`. */
function parseOrRefuse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    throw new ProblemError(error.status, { ...error.init, extensions: { result: -1, message: error.init.detail, epidata: [] } });
  }
}

/** Only the fields asked for, or all but those named with a leading -. */
function keep<T extends object>(row: T, fields: readonly string[] | undefined): Partial<T> {
  if (!fields) return row;
  const leaveOut = fields[0]!.startsWith('-');
  const named = new Set(fields.map((f) => f.replace(/^-/, '')));
  return Object.fromEntries(Object.entries(row).filter(([name]) => named.has(name) !== leaveOut)) as Partial<T>;
}

/** Delphi's envelope: 1 success, 2 truncated at the row limit, −2 no results. */
function envelope(rows: readonly object[], truncated: boolean, format: 'classic' | 'json'): string {
  if (format === 'json') return JSON.stringify(rows);
  const [result, message] = truncated ? [2, 'too many results, data truncated'] : rows.length > 0 ? [1, 'success'] : [-2, 'no results'];
  return JSON.stringify({ result, epidata: rows, message });
}

/**
 * Delphi's Epidata API for the signals (aggregator/signals.ts): `covidcast/` and
 * `covidcast_meta/`, wire-compatible for what applies, so epidatr and epidatpy work with only
 * their base URL changed. Read from the publication history in memory, never the database;
 * answers are kept per snapshot and query string with their compressed forms. On a
 * demonstration (`synthetic`) every answer carries the header that says so, as the CSV does.
 */
export function epidataRoutes(parts: EpidataParts, synthetic = false): Hono {
  const schema = epidataQuerySchema(parts.areaPack);
  const cache = new AnswerCache(parts.onCompress);
  const context = (s: ReleasedSnapshot): RowsContext => ({
    history: parts.history,
    policy: s.policy,
    standardPopulation: s.standardPopulation,
    timeZone: s.timeZone,
    days: s.days,
    weeks: s.weeks,
    openDay: s.openDay.day,
  });

  // Both give the event loop back every ROWS_PER_TURN rows or every signal, so that a year of
  // values does not hold back reports.
  async function covidcast(s: ReleasedSnapshot, read: QueryRead): Promise<string> {
    const q = parseOrRefuse(() => parseQuery(schema, read));
    const rows: object[] = [];
    let truncated = false;
    for (const row of epidataRows(context(s), q)) {
      if (rows.length === MAX_ROWS) {
        truncated = true;
        break;
      }
      rows.push(keep(row, q.fields));
      if (rows.length % ROWS_PER_TURN === 0) await nextTurn();
    }
    return envelope(rows, truncated, q.format);
  }

  async function meta(s: ReleasedSnapshot, read: QueryRead): Promise<string> {
    const q = parseOrRefuse(() => parseQuery(metaQuerySchema, read));
    const rows: object[] = [];
    for (const source of SIGNAL_SOURCES) {
      rows.push(keep(metaRow(context(s), source), q.fields));
      await nextTurn();
    }
    return envelope(rows, false, q.format ?? 'classic');
  }

  const answer = (endpoint: 'covidcast' | 'covidcast_meta', build: (s: ReleasedSnapshot, read: QueryRead) => Promise<string>) =>
    function epidata(c: Context) {
      const s = parts.snapshot();
      const key = `${endpoint}?${rawQuery(c.req.url)}`;
      const found = cache.obtain(s, key, async () => {
        const read = parseOrRefuse(() => readQuery(c.req.url, endpoint === 'covidcast' ? EPIDATA_ALIASES : {}));
        const headers = { 'content-type': 'application/json; charset=utf-8', ...(synthetic ? { [SYNTHETIC_HEADER]: 'true' } : {}), ...cacheHeaders(s) };
        return cache.answer(Buffer.from(await build(s, read)), headers, entityTag(s, key));
      });
      return send(c, found);
    };

  const app = new Hono();
  for (const path of [`${EPIDATA_BASE}/covidcast/`, `${EPIDATA_BASE}/covidcast`]) app.get(path, answer('covidcast', covidcast));
  for (const path of [`${EPIDATA_BASE}/covidcast_meta/`, `${EPIDATA_BASE}/covidcast_meta`]) app.get(path, answer('covidcast_meta', meta));
  return app;
}

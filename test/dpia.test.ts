import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_DEFINITIONS } from '../aggregator/case-definitions.js';
import { COLUMNS } from '../aggregator/dictionary.js';
import { GUIDANCE_RULES } from '../aggregator/guidance.js';
import { METRICS } from '../aggregator/metrics.js';
import { PUBLISHED_TABLES } from '../aggregator/publication.js';
import { FIELDS, QUESTIONNAIRE_ID, QUESTIONNAIRE_VERSION } from '../aggregator/questionnaire.js';
import { SIGNAL_SOURCES, SIGNALS } from '../aggregator/signals.js';
import { openCountsStore } from '../aggregator/store.js';
import { MAX_RATE_LIMIT_SUBJECTS, MAX_SPENT_SOLUTIONS } from '../server/abuse/abuse-guard.js';
import { envSchema } from '../server/config.js';
import { outline, section as sectionOf, tableRows, tables } from './support/markdown.js';

/**
 * The DPIA's data inventory, the operator guide, the notices and the design document, held
 * against the code: a field, answer value, metric, partition, case definition, guidance
 * rule, database column, configuration variable, published column or in-memory cap that
 * changes in the code without changing in dpia/ (or, for variables and invariants, in
 * docs/design.md) fails here, naming what is missing or left over.
 */

const ASSESSMENT = 'dpia/assessment.md';
const OPERATOR = 'dpia/operator.md';
const DESIGN = 'docs/design.md';
const MORE = '<!-- more -->';

function readDoc(path: string): string {
  return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
}

/** The section of `doc` under the first level-`level` heading matching `title`; fails the test when there is none. */
function section(doc: string, level: number, title: RegExp, docName: string): string {
  const text = sectionOf(doc, level, title);
  expect(text, `${docName} has no level-${level} heading matching ${title}`).toBeDefined();
  return text!;
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** Rows keyed by the single backticked identifier of their first cell. */
function rowsByKey(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const cells of tableRows(text)) {
    const key = /^`([^`]+)`$/.exec(cells[0] ?? '');
    if (key) rows.set(key[1]!, cells);
  }
  return rows;
}

function difference<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  const other = new Set(b);
  return [...a].filter((x) => !other.has(x));
}

describe(`${ASSESSMENT}: the data inventory against the code`, () => {
  const assessment = readDoc(ASSESSMENT);
  const inventory = section(assessment, 2, /Data inventory/, ASSESSMENT);
  const sub = (title: RegExp) => section(inventory, 3, title, `${ASSESSMENT} section "Data inventory"`);

  it('names the questionnaire and version it describes', () => {
    expect(assessment, `${ASSESSMENT} does not name questionnaire \`${QUESTIONNAIRE_ID}\`, version ${QUESTIONNAIRE_VERSION}`).toMatch(
      new RegExp(`\`${QUESTIONNAIRE_ID}\`, version ${QUESTIONNAIRE_VERSION}\\b`),
    );
  });

  it('lists every questionnaire field, and no other, with its kind and every answer value', () => {
    const rows = rowsByKey(sub(/Questionnaire fields/));
    const fieldNames = Object.keys(FIELDS);
    expect(difference(fieldNames, rows.keys()), `questionnaire fields missing from ${ASSESSMENT} 9.1`).toEqual([]);
    expect(difference(rows.keys(), fieldNames), `fields in ${ASSESSMENT} 9.1 that the questionnaire does not have`).toEqual([]);
    for (const [name, field] of Object.entries(FIELDS)) {
      const row = rows.get(name)!;
      expect(row[1], `kind of field "${name}" in ${ASSESSMENT} 9.1`).toBe(field.kind);
      if (field.kind === 'choice' || field.kind === 'set') {
        const listed = backticked(row.join(' | '));
        expect(difference(field.values, listed), `answer values of field "${name}" missing from its row in ${ASSESSMENT} 9.1`).toEqual([]);
        expect(row.join(' | '), `counter prefix of field "${name}" in ${ASSESSMENT} 9.1`).toContain(`\`${field.metric}:<value>\``);
      }
    }
  });

  it("quotes each field's question and necessity as the questionnaire words them", () => {
    const rows = rowsByKey(sub(/Questionnaire fields/));
    for (const [name, field] of Object.entries(FIELDS)) {
      const row = rows.get(name)?.join(' | ') ?? '';
      expect(row, `question of field "${name}" in ${ASSESSMENT} 9.1 differs from aggregator/questionnaire.ts`).toContain(field.description);
      expect(row, `necessity of field "${name}" in ${ASSESSMENT} 9.1 differs from aggregator/questionnaire.ts`).toContain(field.necessity);
    }
  });

  it('lists every stored metric, and no other', () => {
    const listed = [...sub(/Stored metrics/).matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]!);
    const names = METRICS.map((m) => m.name);
    expect(difference(names, listed), `metrics in METRICS missing from ${ASSESSMENT} 9.3`).toEqual([]);
    expect(difference(listed, names), `metrics in ${ASSESSMENT} 9.3 that METRICS does not have`).toEqual([]);
    expect(listed.length, `a metric is listed twice in ${ASSESSMENT} 9.3`).toBe(new Set(listed).size);
  });

  it('describes every case definition with its rule and version', () => {
    const rows = rowsByKey(sub(/Case definitions/));
    expect(difference(rows.keys(), CASE_DEFINITIONS.map((d) => d.metric)), `case definitions in ${ASSESSMENT} 9.2 not in the code`).toEqual([]);
    for (const d of CASE_DEFINITIONS) {
      const row = rows.get(d.metric);
      expect(row, `case definition "${d.metric}" missing from ${ASSESSMENT} 9.2`).toBeDefined();
      expect(row!.join(' | '), `rule of "${d.metric}" in ${ASSESSMENT} 9.2`).toContain(d.rule);
      expect(row!.join(' | '), `version of "${d.metric}" in ${ASSESSMENT} 9.2`).toContain(`\`${d.version}\``);
    }
  });

  it('gives the guidance decision table in the order of the code', () => {
    const documented = tableRows(sub(/Guidance decision table/)).map((cells) => `${cells[1]} → ${cells[2]}`);
    const code = GUIDANCE_RULES.map((r) => `${r.when} → \`${r.outcome}\``);
    expect(documented, `guidance rules in ${ASSESSMENT} 9.4 differ from GUIDANCE_RULES (aggregator/guidance.ts)`).toEqual(code);
  });

  it('lists every published table with its metrics and its purpose, as the code publishes them', () => {
    // `symptom:*` and `age:*` stand for every symptom and every age band with its breakdowns.
    const expand = (cell: string) =>
      cell === 'every metric'
        ? METRICS.map((m) => m.name)
        : backticked(cell).flatMap((name) =>
            name.endsWith(':*') ? METRICS.map((m) => m.name).filter((m) => m.startsWith(name.slice(0, -1))) : [name],
          );
    const documented = tableRows(sub(/Published tables/)).map((cells) => ({
      table: `${cells[0]} × ${cells[1]}`,
      metrics: [...expand(cells[2] ?? '')].sort(),
      purpose: cells[3],
    }));
    const code = PUBLISHED_TABLES.map((t) => ({ table: `${t.level} × ${t.period}`, metrics: [...t.metrics].sort(), purpose: t.purpose }));
    expect(documented, `tables in ${ASSESSMENT} 9.5 differ from PUBLISHED_TABLES (aggregator/publication.ts)`).toEqual(code);
  });

  describe('the database schema, read from a real SQLite file', () => {
    /** The tables, in the order section 9.6 describes them; the view `counts` comes after. */
    const TABLES = ['counters', 'frozen', 'metrics', 'release_secret', 'history'];
    let dir: string;
    let objects: { type: string; name: string; sql: string | null }[];
    let columns: Map<string, { name: string; type: string; notnull: number; pk: number }[]>;
    let userVersion: number;
    const schema = sub(/Database schema/);

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'dpia-schema-'));
      const path = join(dir, 'reports.db');
      openCountsStore({ path, synchronous: 'FULL' }).close();
      const db = new Database(path, { readonly: true });
      try {
        objects = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as typeof objects;
        columns = new Map(TABLES.map((t) => [t, db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string; notnull: number; pk: number }[]]));
        userVersion = db.pragma('user_version', { simple: true }) as number;
      } finally {
        db.close();
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('holds the tables and the view it describes, and no other object', () => {
      const names = objects.filter((o) => !o.name.startsWith('sqlite_autoindex')).map((o) => `${o.type} ${o.name}`);
      expect(names, `database objects differ from those ${ASSESSMENT} 9.6 describes`).toEqual([...TABLES.map((t) => `table ${t}`), 'view counts'].sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!)));
    });

    it('describes every column of every table, and no other, with its declared type', () => {
      const documented = tables(schema);
      TABLES.forEach((table, i) => {
        const rows = new Map((documented[i] ?? []).map((cells) => [backticked(cells[0] ?? '')[0] ?? '', cells]));
        const real = columns.get(table)!;
        const names = real.map((c) => c.name);
        expect(difference(names, rows.keys()), `columns of ${table} missing from ${ASSESSMENT} 9.6`).toEqual([]);
        expect(difference(rows.keys(), names), `columns in ${ASSESSMENT} 9.6 that ${table} does not have`).toEqual([]);
        for (const c of real) {
          const declared = `\`${c.type}${c.notnull ? ' NOT NULL' : ''}\``;
          expect(rows.get(c.name)![1], `declared type of column "${c.name}" of ${table} in ${ASSESSMENT} 9.6`).toBe(declared);
        }
      });
    });

    it('gives the exact CREATE statements, primary keys, WITHOUT ROWID and schema version', () => {
      const normalise = (sql: string) => sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
      const blocks = [...schema.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => normalise(m[1]!));
      const real = [...TABLES, 'counts'].map((name) => normalise(objects.find((o) => o.name === name)!.sql!));
      expect(blocks, `CREATE statements in ${ASSESSMENT} 9.6 differ from the database's`).toEqual(real);
      for (const table of ['counters', 'frozen', 'history']) {
        const pk = columns.get(table)!.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        expect(schema, `primary key of ${table} missing from ${ASSESSMENT} 9.6`).toContain(`\`PRIMARY KEY (${pk.join(', ')})\``);
      }
      expect(schema, `WITHOUT ROWID missing from ${ASSESSMENT} 9.6`).toContain('`WITHOUT ROWID`');

      const documented = /`PRAGMA user_version`\): `(\d+)`/.exec(schema);
      expect(documented, `schema version (PRAGMA user_version) missing from ${ASSESSMENT} 9.6`).not.toBeNull();
      expect(Number(documented![1]), `schema version in ${ASSESSMENT} 9.6`).toBe(userVersion);
    });
  });

  it('documents every configuration variable of server/config.ts, and no other, with its default', () => {
    const rows = rowsByKey(sub(/Configuration variables in the code/));
    const names = Object.keys(envSchema.shape);
    expect(difference(names, rows.keys()), `variables of envSchema missing from ${ASSESSMENT} 9.7`).toEqual([]);
    expect(
      difference(rows.keys(), names),
      `variables in ${ASSESSMENT} 9.7 that envSchema does not have (planned ones belong in 9.8)`,
    ).toEqual([]);
    for (const name of names) expect(rows.get(name)![1], `default of ${name} in ${ASSESSMENT} 9.7`).toBe(documentedDefault(name));
  });

  it('states how many variables envSchema has', () => {
    const stated = /\((\d+) variables\)/.exec(sub(/Configuration variables in the code/));
    expect(stated, `${ASSESSMENT} 9.7 does not say how many variables there are ("(N variables)")`).not.toBeNull();
    expect(Number(stated![1]), `number of variables stated in ${ASSESSMENT} 9.7`).toBe(Object.keys(envSchema.shape).length);
  });

  it('keeps planned variables apart from those in the code', () => {
    const planned = backticked(sub(/Configuration variables planned/)).filter((t) => /^[A-Z][A-Z0-9_]+$/.test(t));
    const inCode = new Set(Object.keys(envSchema.shape));
    expect(
      planned.filter((name) => inCode.has(name)),
      `variables now in envSchema but still listed as planned in ${ASSESSMENT} 9.8: move them to 9.7 and describe what the code does`,
    ).toEqual([]);
  });

  it('lists every published column, and no other, in the order of the CSV, with its type', () => {
    const rows = tableRows(sub(/Published columns/));
    const documented = rows.map((cells) => /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1] ?? cells[0]);
    const names = COLUMNS.map((c) => c.name as string);
    expect(difference(names, documented), `columns of COLUMNS (aggregator/dictionary.ts) missing from ${ASSESSMENT} 9.10`).toEqual([]);
    expect(difference(documented, names), `columns in ${ASSESSMENT} 9.10 that are not published`).toEqual([]);
    expect(documented, `order of the columns in ${ASSESSMENT} 9.10 (it must be the CSV's)`).toEqual(names);
    for (const [i, column] of COLUMNS.entries()) {
      expect(rows[i]![1], `type of column "${column.name}" in ${ASSESSMENT} 9.10`).toBe(column.type);
    }
    for (const name of names) {
      expect(assessment, `published column "${name}" is not named in ${ASSESSMENT}`).toContain(`\`${name}\``);
    }
  });

  it('lists every Epidata signal, and no other, where aggregator/signals.ts serves it', () => {
    const documented = tableRows(sub(/Epidata signals/)).map((cells) => [cells[0], cells[1]]);
    const code = SIGNALS.map((signal) => [
      `\`${signal.name}\``,
      SIGNAL_SOURCES.filter((s) => s.signal === signal)
        .map((s) => `${s.geoType} by ${s.timeType}${s.weeks ? ` (${s.weeks === 'iso' ? 'ISO weeks' : 'epiweeks'})` : ''}`)
        .join(', '),
    ]);
    expect(documented, `signals in ${ASSESSMENT} 9.11 differ from SIGNAL_SOURCES (aggregator/signals.ts)`).toEqual(code);
  });

  it('states the caps of the in-memory abuse state as in server/abuse/abuse-guard.ts', () => {
    const memory = sub(/State held in memory only/);
    const row = (what: RegExp) => tableRows(memory).find((cells) => what.test(cells[0] ?? ''))?.join(' | ') ?? '';
    const number = (n: number) => n.toLocaleString('en-US');
    expect(row(/Replay set/), `cap of the replay set (MAX_SPENT_SOLUTIONS) in ${ASSESSMENT} 9.9`).toContain(number(MAX_SPENT_SOLUTIONS));
    expect(row(/Rate-limit map/), `cap of the rate-limit map (MAX_RATE_LIMIT_SUBJECTS) in ${ASSESSMENT} 9.9`).toContain(
      number(MAX_RATE_LIMIT_SUBJECTS),
    );
  });
});

describe(`${OPERATOR}: configuration`, () => {
  it('tells the operator about every configuration variable of server/config.ts', () => {
    const listed = new Set(backticked(readDoc(OPERATOR)));
    const missing = Object.keys(envSchema.shape).filter((name) => !listed.has(name));
    expect(missing, `variables of envSchema not mentioned in ${OPERATOR}`).toEqual([]);
  });
});

/** The default of an envSchema variable as the documents write it: `value`, or unset. */
function documentedDefault(name: string): string {
  const fallback = (envSchema.shape[name as keyof typeof envSchema.shape] as { parse(v: unknown): unknown }).parse(undefined);
  return fallback === undefined ? 'unset' : `\`${String(fallback)}\``;
}

describe(`${DESIGN}: configuration variables and invariants`, () => {
  const design = readDoc(DESIGN);
  const configuration = section(design, 2, /^Configuration$/, DESIGN);
  const invariants = section(design, 2, /^Privacy invariants$/, DESIGN);
  const names = Object.keys(envSchema.shape);

  it('names every configuration variable of server/config.ts, and no other, with its default', () => {
    const listed = new Map([...configuration.matchAll(/`([A-Z][A-Z0-9_]*)`\s+\((`[^`]*`|unset)/g)].map((m) => [m[1]!, m[2]!]));
    expect(difference(names, listed.keys()), `variables of envSchema missing from the configuration section of ${DESIGN}`).toEqual([]);
    expect(difference(listed.keys(), names), `variables in ${DESIGN} that envSchema does not have`).toEqual([]);
    for (const [name, documented] of listed) expect(documented, `default of ${name} in ${DESIGN}`).toBe(documentedDefault(name));
  });

  it('names no variable anywhere that the code does not read', () => {
    const variables = backticked(design).filter((t) => /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(t));
    expect(variables.length, `${DESIGN} names no configuration variable`).toBeGreaterThan(0);
    expect(difference(variables, names), `variables named in ${DESIGN} that envSchema does not have`).toEqual([]);
  });

  it('defines the invariants I1, I2, … in order, each once', () => {
    const defined = [...invariants.matchAll(/^- \*\*(I\d+)\*\* /gm)].map((m) => m[1]!);
    expect(defined.length, `${DESIGN} defines no invariant`).toBeGreaterThan(0);
    expect(defined, `invariants of ${DESIGN}`).toEqual(defined.map((_, i) => `I${i + 1}`));
  });

  it('names, for each invariant, tests that exist', () => {
    for (const entry of invariants.split(/\n(?=- \*\*I\d+\*\*)/).filter((e) => e.startsWith('- **I'))) {
      const id = /I\d+/.exec(entry)![0];
      const tests = backticked(entry).filter((t) => t.startsWith('test/'));
      expect(tests.length, `${DESIGN}: ${id} names no test that guards it`).toBeGreaterThan(0);
      for (const test of tests) expect(existsSync(new URL(`../${test}`, import.meta.url)), `${DESIGN}: ${id} names ${test}, which does not exist`).toBe(true);
    }
  });

  it('defines every invariant that the README, dpia/ and the code cite', () => {
    const defined = new Set([...invariants.matchAll(/^- \*\*(I\d+)\*\* /gm)].map((m) => m[1]!));
    const cited = new Map<string, string>();
    const read = (folder: string, keep: (name: string) => boolean) =>
      readdirSync(new URL(`../${folder}/`, import.meta.url), { recursive: true, encoding: 'utf8' })
        .filter(keep)
        .map((name) => `${folder}/${name}`);
    const paths = [
      'README.md',
      ...read('dpia', (n) => n.endsWith('.md')),
      ...['aggregator', 'server', 'web', 'test', 'bench'].flatMap((folder) => read(folder, (n) => n.endsWith('.ts'))),
    ];
    for (const path of paths) for (const m of readDoc(path).matchAll(/\b(I\d+)\b/g)) cited.set(m[1]!, path);
    expect(cited.size, 'no invariant is cited anywhere').toBeGreaterThan(0);
    const undefinedIds = [...cited].filter(([id]) => !defined.has(id)).map(([id, path]) => `${id} (${path})`);
    expect(undefinedIds, `invariants cited but not defined in ${DESIGN}`).toEqual([]);
  });
});

describe('the Art. 13 notices', () => {
  const notices = { sl: 'dpia/notice.sl.md', en: 'dpia/notice.en.md' } as const;
  const text = Object.fromEntries(Object.entries(notices).map(([lang, path]) => [lang, readDoc(path)])) as Record<
    keyof typeof notices,
    string
  >;
  const parts = (lang: keyof typeof notices) => {
    const lines = text[lang].split('\n');
    const at = lines.flatMap((line, i) => (line === MORE ? [i] : []));
    expect(at, `${notices[lang]} must have exactly one line "${MORE}" ending the first layer`).toHaveLength(1);
    return { short: lines.slice(0, at[0]).join('\n'), full: lines.slice(at[0]! + 1).join('\n') };
  };
  const h2 = (md: string) => outline(md).sections;
  const items = (md: string) => outline(md).items;

  it('split into the first layer, a list above the questions, and the sections of the full notice', () => {
    for (const lang of ['sl', 'en'] as const) {
      const { short, full } = parts(lang);
      expect(items(short), `${notices[lang]} has no list before "${MORE}"`).toBeGreaterThan(0);
      expect(h2(short), `${notices[lang]}: the first layer is one list, without sections`).toBe(0);
      expect(h2(full), `${notices[lang]} has no level-2 heading after "${MORE}"`).toBeGreaterThan(0);
    }
  });

  it('have the same structure in both languages', () => {
    const sl = parts('sl');
    const en = parts('en');
    expect(items(sl.short), `items of the first layer: ${notices.sl} vs ${notices.en}`).toBe(items(en.short));
    expect(h2(sl.full), `level-2 headings after "${MORE}": ${notices.sl} vs ${notices.en}`).toBe(h2(en.full));
    const placeholders = (md: string) => [...md.matchAll(/\{[^}]+\}/g)].map((m) => m[0]);
    expect(placeholders(text.sl), `placeholders: ${notices.sl} vs ${notices.en}`).toEqual(placeholders(text.en));
  });

  it('leave no bracketed placeholder for anyone to fill in by hand', () => {
    for (const lang of ['sl', 'en'] as const) expect(text[lang], notices[lang]).not.toMatch(/\[[^\]]*\]/);
  });

  it('name the supervisory authority in the first layer', () => {
    for (const lang of ['sl', 'en'] as const) {
      expect(parts(lang).short, `${notices[lang]}: the first layer must name the supervisory authority`).toContain(
        'Informacijski pooblaščenec',
      );
    }
  });

  it('state the questionnaire version they describe', () => {
    expect(text.sl, `${notices.sl}: questionnaire version`).toContain(`Različica vprašalnika: ${QUESTIONNAIRE_VERSION}.`);
    expect(text.en, `${notices.en}: questionnaire version`).toContain(`Version of the questionnaire: ${QUESTIONNAIRE_VERSION}.`);
  });
});

import { z } from '@hono/zod-openapi';
import { type FieldError, jsonPointer, ProblemError } from './problem.js';

/**
 * Query strings read strictly, for every public read: each parameter given at most once and
 * never empty, an old name (an alias) not beside its new one, and every error named by a JSON
 * Pointer into the parameters read as an object (`/geo_value/1`: the second code of
 * `geo_value`), as the name the client used.
 */

export interface QueryRead {
  /** The parameters under their current names. */
  readonly params: Record<string, string>;
  /** The name each current name was given as (an alias, or itself). */
  readonly givenAs: ReadonlyMap<string, string>;
}

function fail(errors: FieldError[]): never {
  throw new ProblemError(400, { detail: `invalid query: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, errors });
}

const error = (field: string, detail: string, path: readonly PropertyKey[] = []): FieldError => ({ field, pointer: jsonPointer([field, ...path]), detail });

/** The query of `url`, each parameter once and not empty, aliases (old name → new name) mapped. */
export function readQuery(url: string, aliases: Readonly<Record<string, string>> = {}): QueryRead {
  const query = url.indexOf('?');
  const search = new URLSearchParams(query < 0 ? '' : url.slice(query + 1));
  const params: Record<string, string> = {};
  const givenAs = new Map<string, string>();
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [given, value] of search) {
    const name = aliases[given] ?? given;
    if (seen.has(given)) {
      errors.push(error(given, 'given more than once: give it once, with a comma-separated list where a list is allowed'));
      continue;
    }
    seen.add(given);
    if (givenAs.has(name)) {
      errors.push(error(given, `the same parameter as ${givenAs.get(name)}: give one of them (${name})`));
      continue;
    }
    if (value === '') errors.push(error(given, 'empty: give a value or leave the parameter out'));
    params[name] = value;
    givenAs.set(name, given);
  }
  if (errors.length > 0) fail(errors);
  return { params, givenAs };
}

/** One of `values`; the error says which, or that the parameter is required. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? `required: ${values.join(' or ')}` : `one of ${values.join(', ')}`) });

/** Parses the parameters with a zod schema; a failure is a 400 problem naming each parameter by pointer. */
export function parseQuery<S extends z.ZodType>(schema: S, read: QueryRead): z.output<S> {
  const result = schema.safeParse(read.params);
  if (result.success) return result.data;
  fail(
    result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => error(read.givenAs.get(key) ?? key, 'unknown parameter'));
      const [name, ...path] = issue.path;
      if (name === undefined) return [{ field: '(query)', pointer: '', detail: issue.message }];
      return [error(read.givenAs.get(String(name)) ?? String(name), issue.message, path)];
    }),
  );
}

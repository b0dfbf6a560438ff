import { z } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { STATUS_CODES } from 'node:http';
import type { Logger } from './logger.js';

/** One offending field of a request, as an RFC 9457 extension member. */
export interface FieldError {
  /** The field's name (its top-level key), the query parameter's, or `(body)`. */
  field: string;
  /** JSON Pointer into the request body, or into the query parameters read as an object. */
  pointer: string;
  detail: string;
}

/** The problem document as the OpenAPI description gives it. */
export const problemContent = {
  'application/problem+json': {
    schema: z
      .object({
        type: z.string(),
        title: z.string(),
        status: z.number().int(),
        detail: z.string(),
        errors: z.array(z.object({ field: z.string(), pointer: z.string(), detail: z.string() })).optional(),
      })
      .openapi('Problem'),
  },
};

/** A JSON Pointer (RFC 6901) to the member at `path`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/**
 * A schema's objections, one per offending field: its top-level name, a JSON Pointer to it,
 * and what is wrong (an unknown key is named as such).
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return keys.map((path) => ({
      field: path.length > 0 ? String(path[0]) : '(body)',
      pointer: jsonPointer(path),
      detail: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    }));
  });
}

export interface ProblemInit {
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** More members of the problem document (RFC 9457, 3.2), e.g. what a client of another API reads. */
  extensions?: Record<string, unknown>;
}

/**
 * The one error a caller may see: thrown anywhere, answered by the app's error handler
 * as `application/problem+json`.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly init: ProblemInit,
  ) {
    super(init.detail);
    this.name = 'ProblemError';
  }
}

export function problemResponse(c: Context, status: ContentfulStatusCode, init: ProblemInit): Response {
  const body = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: init.detail,
    ...(init.errors ? { errors: init.errors } : {}),
    ...init.extensions,
  };
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json',
    ...init.headers,
  });
}

/** Answers 405 with `Allow` for every known path asked with a method it does not serve. */
function refuseOtherMethods(app: Hono): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { path, method } of app.routes) {
    if (method === 'ALL') continue;
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(', ');
    app.all(path, function methodNotAllowed() {
      throw new ProblemError(405, { detail: `this resource answers ${allow}`, headers: { allow } });
    });
  }
}

/**
 * Every error an app answers, as a problem document: 405 for another method on a known
 * path, 404 for an unknown one, the status of a ProblemError or HTTPException, else 500.
 * Called after the app's last route.
 */
export function answerProblems(app: Hono, logger: Logger): void {
  refuseOtherMethods(app);
  app.notFound((c) => problemResponse(c, 404, { detail: 'no such resource' }));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.status, error.init);
    if (error instanceof HTTPException) return problemResponse(c, error.status, { detail: error.message });
    // The name only: messages of unexpected errors may quote request content (I2).
    logger.error({ error: error.name }, 'unexpected error');
    return problemResponse(c, 500, { detail: 'internal error' });
  });
}

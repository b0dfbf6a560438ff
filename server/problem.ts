import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { STATUS_CODES } from 'node:http';

/** One offending field of a request, as an RFC 9457 extension member. */
export interface FieldError {
  /** The field's name (its top-level key) or `(body)`. */
  field: string;
  /** JSON Pointer into the request body. */
  pointer: string;
  detail: string;
}

export interface ProblemInit {
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
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
  };
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json',
    ...init.headers,
  });
}

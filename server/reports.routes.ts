import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import type { AreaPack } from '../aggregator/areas/index.js';
import { fold, type Increments } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import { QUESTIONNAIRE_VERSION, type Report } from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { type FieldError, ProblemError } from './problem.js';

export const MAX_REPORT_BYTES = 4096;

export interface ReportsParts {
  areaPack: AreaPack;
  /** The arrival day in the service's time zone. */
  today: () => string;
  /** Settles once the increments are committed (or the commit failed). */
  submit: (increments: Increments) => Promise<void>;
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return keys.map((path) => ({
      field: path.length > 0 ? String(path[0]) : '(body)',
      pointer: '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/'),
      detail: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    }));
  });
}

function tooLarge(): ProblemError {
  return new ProblemError(413, { detail: `a report is at most ${MAX_REPORT_BYTES} bytes` });
}

/**
 * Reads the body, refusing more than MAX_REPORT_BYTES before parsing anything. hono's
 * bodyLimit does the same but always builds a full Request object, which costs the hot
 * path a fifth of its throughput: a declared length is checked from the header instead
 * (Node refuses a body longer than its Content-Length), and only a body without one is
 * counted as it streams in.
 */
async function readLimited(c: Context): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(declared) > MAX_REPORT_BYTES) throw tooLarge();
    return c.req.text();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > MAX_REPORT_BYTES) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * `POST /api/v1/reports`: the hot path. Checks the type, limits the body before parsing,
 * validates, computes the advice, folds, and answers 201 only after the commit (I6). The
 * report is a local of this handler and is gone when it returns (I3).
 */
export function reportsRoutes(parts: ReportsParts): Hono {
  const schema = reportSchema(new Set(parts.areaPack.municipalityByCode.keys()));
  const app = new Hono();

  app.post(
    '/api/v1/reports',
    async function requireJson(c, next) {
      if (!isJson(c.req.header('content-type'))) {
        throw new ProblemError(415, { detail: 'send the report as application/json' });
      }
      await next();
    },
    async function submitReport(c) {
      const text = await readLimited(c);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ProblemError(400, {
          detail: 'the body is not valid JSON',
          errors: [{ field: '(body)', pointer: '', detail: 'not valid JSON' }],
        });
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        throw new ProblemError(400, { detail: `invalid report: ${errors.map((e) => e.field).join(', ')}`, errors });
      }
      const report: Report = parsed.data;
      const outcome = guide(report);
      try {
        await parts.submit(fold(report, parts.today(), outcome));
      } catch {
        throw new ProblemError(503, {
          detail: 'the report could not be stored; please send it again',
          headers: { 'retry-after': '5' },
        });
      }
      return c.json({ outcome, questionnaireVersion: QUESTIONNAIRE_VERSION }, 201);
    },
  );
  return app;
}

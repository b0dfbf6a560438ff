import { type Context, Hono } from 'hono';
import type { AreaPack } from '../aggregator/areas/index.js';
import { fold, type Increments } from '../aggregator/fold.js';
import { GUIDANCE_OUTCOMES, guide } from '../aggregator/guidance.js';
import { QUESTIONNAIRE_VERSION, type Report } from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { POW_HEADER, type PowRefusal, type ProofOfWork } from './abuse/proof-of-work.js';
import { enforceBudget } from './abuse/abuse-guard.js';
import type { RateVerdict } from './abuse/rate-limit.js';
import { fieldErrors, ProblemError } from './problem.js';

export const MAX_REPORT_BYTES = 4096;

export interface ReportsParts {
  areaPack: AreaPack;
  /** The arrival day in the service's time zone. */
  today: () => string;
  /** Settles once the increments are committed (or the commit failed). */
  submit: (increments: Increments) => Promise<void>;
  /** Draws each report's record key (record-key.ts). */
  recordKey: () => number;
  /** Whether reports are still accepted (COLLECTION_ENDS); absent: always. */
  collecting?: (() => boolean) | undefined;
  /** Whether a report may be counted on this day (clock-guard.ts); absent: any day. */
  acceptsDay?: ((day: string) => boolean) | undefined;
  /** Counts a request against its sender's budget; absent: no rate limit. */
  rateLimit?: ((c: Context) => RateVerdict) | undefined;
  /** Absent: reports need no proof of work (POW_MAX_NUMBER=0). */
  proofOfWork?: ProofOfWork | undefined;
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

const POW_REFUSALS: Record<PowRefusal, string> = {
  missing: `send a solved challenge (GET /api/v1/challenge) in the ${POW_HEADER} header`,
  malformed: `the ${POW_HEADER} header is not an ALTCHA payload; solve a new challenge`,
  invalid: `the proof of work in ${POW_HEADER} is not valid; solve a new challenge`,
  expired: 'the proof-of-work challenge has expired; solve a new challenge',
  replayed: 'this proof of work was already used by a report that was counted; solve a new challenge to send another',
  full: 'too many reports are arriving; please send it again shortly',
};

type Settle = (counted: boolean) => void;

/**
 * Verifies and spends the request's proof of work: 400 when missing, malformed, invalid or
 * expired, 409 when a report it carried was counted, 503 when the set of spent solutions is
 * full. While another request with the same solution is still being checked or committed,
 * it waits for that one's outcome, so a retry learns the truth instead of a guess. Gives
 * the function that settles the solution once this report's fate is known (a promise of it
 * only in that rare wait, to keep the hot path free of one).
 */
function spendProofOfWork(c: Context, proofOfWork: ProofOfWork | undefined): Settle | undefined | Promise<Settle | undefined> {
  if (!proofOfWork) return undefined;
  const verdict = proofOfWork.verify(c.req.header(POW_HEADER));
  if (verdict.ok) return verdict.settle;
  if (verdict.reason === 'pending') return verdict.settled.then(() => spendProofOfWork(c, proofOfWork));
  const detail = POW_REFUSALS[verdict.reason];
  if (verdict.reason === 'replayed') throw new ProblemError(409, { detail });
  if (verdict.reason === 'full') throw new ProblemError(503, { detail, headers: { 'retry-after': String(verdict.retryAfterS ?? 1) } });
  throw new ProblemError(400, { detail });
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * `POST /api/v1/reports`: the hot path, cheapest refusal first. 410 after the end of
 * collection, 503 when the clock is set back behind the counters, 415 for another type, 429
 * past the sender's budget, 413 past the size limit (before parsing anything), then the
 * proof of work (400/409), then the schema (400). It computes the advice, folds, and answers
 * 201 only after the commit (I6). The report is a local of this handler and is gone when it
 * returns (I3).
 */
export function reportsRoutes(parts: ReportsParts): Hono {
  const schema = reportSchema(new Set(parts.areaPack.municipalityByCode.keys()));
  const app = new Hono();

  // Six possible answers: serialised once, not per report.
  const answers = new Map(
    GUIDANCE_OUTCOMES.map((outcome) => [outcome, JSON.stringify({ outcome, questionnaireVersion: QUESTIONNAIRE_VERSION })]),
  );

  // One handler rather than a middleware chain: each hop of hono's compose costs the hot
  // path a promise, and these checks are a few lines each.
  app.post('/api/v1/reports', async function submitReport(c) {
    if (parts.collecting && !parts.collecting()) {
      throw new ProblemError(410, { detail: 'collection has ended; no more reports are accepted' });
    }
    const day = parts.today();
    if (parts.acceptsDay && !parts.acceptsDay(day)) {
      throw new ProblemError(503, {
        detail: "the service's clock is wrong, so the report cannot be counted; please send it again later",
        headers: { 'retry-after': '60' },
      });
    }
    if (!isJson(c.req.header('content-type'))) {
      throw new ProblemError(415, { detail: 'send the report as application/json' });
    }
    enforceBudget(parts.rateLimit, c, 'too many reports from this network; please send it again later');
    const text = await readLimited(c);
    const spent = spendProofOfWork(c, parts.proofOfWork);
    const settleProofOfWork = spent instanceof Promise ? await spent : spent;
    let counted = false;
    try {
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
        await parts.submit(fold(report, day, outcome, parts.recordKey()));
      } catch {
        throw new ProblemError(503, {
          detail: 'the report could not be stored; please send it again',
          headers: { 'retry-after': '5' },
        });
      }
      counted = true;
      return c.body(answers.get(outcome)!, 201, { 'content-type': 'application/json' });
    } finally {
      // A report that was refused or not stored gives its solution back for another try.
      settleProofOfWork?.(counted);
    }
  });
  return app;
}

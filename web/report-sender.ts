import type { Report } from '../aggregator/questionnaire.js';
import { fetchChallenge, fetchStatus, type PostAnswer, postReport } from './api-client.js';
import { solveProofOfWork } from './proof-of-work.js';

/** How long a report may take before the page says it does not know what became of it. */
export const SEND_TIMEOUT_MS = 15_000;

/**
 * What became of a report, as the person is told:
 * - counted, or already counted by an earlier attempt (the service answered 409);
 * - unknown: no answer came, and a retry can tell (it carries the same proof of work);
 * - unknown-final: no answer came and no retry can tell without risking a second count;
 * - not counted, and why: closed, limited, unavailable, offline (never left), invalid.
 */
export type SendOutcome =
  | 'counted'
  | 'already-counted'
  | 'unknown'
  | 'unknown-final'
  | 'closed'
  | 'limited'
  | 'unavailable'
  | 'offline'
  | 'invalid';

/** Outcomes after which sending again is offered. */
export const RETRIABLE: ReadonlySet<string> = new Set<SendOutcome>(['unknown', 'limited', 'unavailable', 'offline']);

/** What sending needs, prepared while the person reads the advice: nothing here carries an answer. */
interface Readiness {
  collecting: boolean;
  /** The X-Altcha header value, when the service asks for proof of work; single use. */
  proof?: string;
}

async function getReady(): Promise<Readiness> {
  const status = await fetchStatus();
  if (!status.collecting) return { collecting: false };
  if (!status.proofOfWork) return { collecting: true };
  return { collecting: true, proof: await solveProofOfWork(await fetchChallenge()) };
}

/** An attempt whose fate is unknown: a retry sends exactly it again. */
interface Unsettled {
  body: string;
  proof: string;
}

/** What a refused report's answer means when nothing was counted. */
function notCounted(answer: PostAnswer): SendOutcome {
  if (answer.status === 410) return 'closed';
  if (answer.status === 429) return 'limited';
  if (answer.status >= 500) return 'unavailable';
  return 'invalid';
}

/**
 * Sends one person's report, and counts it once. `prepare()` starts, as soon as the person
 * agrees, what a report needs (is collection open, a solved proof of work). The proof of
 * work is single use, so the service answers 409 to a second report that carries it only
 * when the first was counted: a report whose attempt got no answer is sent again with the
 * same body and the same proof, and the answer settles it either way. A proof is replaced
 * only when the service refused it and nothing can have been counted with it.
 */
export class ReportSender {
  private _ready: Promise<Readiness> | undefined;
  private _unsettled: Unsettled | undefined;

  /** Starts getting ready to send, if not already. */
  prepare(): void {
    if (this._ready) return;
    const ready = getReady();
    this._ready = ready;
    ready.catch(() => {
      if (this._ready === ready) this._ready = undefined;
    });
  }

  /** Whether an earlier attempt's fate is unknown, so that sending resends it unchanged. */
  get unsettled(): boolean {
    return this._unsettled !== undefined;
  }

  async send(report: Report): Promise<SendOutcome> {
    if (this._unsettled) return this._retryUnsettled(this._unsettled);
    for (let fresh = 0; ; fresh++) {
      this.prepare();
      let ready: Readiness;
      try {
        ready = await this._ready!;
      } catch {
        return 'offline';
      }
      if (!ready.collecting) return 'closed';
      if (!navigator.onLine) return 'offline';
      const body = JSON.stringify(report);
      const answer = await postReport(body, ready.proof, SEND_TIMEOUT_MS);
      if (!answer) {
        if (!ready.proof) return 'unknown-final';
        this._ready = undefined;
        this._unsettled = { body, proof: ready.proof };
        return 'unknown';
      }
      if (answer.status === 201 || answer.status === 409) return this._settled(answer.status);
      // 400 without field errors: the proof was refused (expired, say) before anything was counted.
      if (ready.proof && answer.status === 400 && answer.fieldErrors.length === 0 && fresh === 0) {
        this._ready = undefined;
        continue;
      }
      return notCounted(answer);
    }
  }

  private async _retryUnsettled(unsettled: Unsettled): Promise<SendOutcome> {
    const answer = await postReport(unsettled.body, unsettled.proof, SEND_TIMEOUT_MS);
    if (!answer) return 'unknown';
    if (answer.status === 201 || answer.status === 409) return this._settled(answer.status);
    // Refused before its proof was looked at (429), or not stored (5xx): still unknown.
    if (answer.status === 429 || answer.status >= 500) return 'unknown';
    this._unsettled = undefined;
    // The same body was refused as invalid, so it was never counted.
    if (answer.fieldErrors.length > 0) return 'invalid';
    // The proof has expired, or collection has ended: the service can no longer tell.
    return 'unknown-final';
  }

  private _settled(status: 201 | 409): SendOutcome {
    this._ready = undefined;
    this._unsettled = undefined;
    return status === 201 ? 'counted' : 'already-counted';
  }
}

import type { Report } from '../aggregator/questionnaire.js';
import { fetchChallenge, fetchStatus, type SendResult, sendReport } from './api-client.js';
import { solveProofOfWork } from './proof-of-work.js';

/** What sending needs, prepared while the person answers: nothing here carries an answer. */
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

/**
 * Sends reports with consent. `prepare()` starts, as soon as the person has agreed, the
 * checks a report needs (is collection open, a solved proof of work), so the answers go out
 * without waiting when the person submits. A proof that has expired or was refused is
 * replaced once.
 */
export class ReportSender {
  private _ready: Promise<Readiness> | undefined;

  /** Starts getting ready to send, if not already. */
  prepare(): void {
    if (this._ready) return;
    const ready = getReady();
    this._ready = ready;
    ready.catch(() => {
      if (this._ready === ready) this._ready = undefined;
    });
  }

  async send(report: Report): Promise<SendResult> {
    for (let attempt = 0; ; attempt++) {
      this.prepare();
      let ready: Readiness;
      try {
        ready = await this._ready!;
      } catch {
        return { ok: false, failure: 'offline', status: 0, fieldErrors: [] };
      } finally {
        this._ready = undefined; // a proof is spent by the attempt that uses it
      }
      if (!ready.collecting) return { ok: false, failure: 'closed', status: 410, fieldErrors: [] };
      const result = await sendReport(report, ready.proof);
      // 400 without field errors or 409: the proof was refused (expired, replayed); not the answers.
      const proofRefused = ready.proof && !result.ok && ((result.status === 400 && result.fieldErrors.length === 0) || result.status === 409);
      if (!proofRefused || attempt > 0) return result;
    }
  }
}

import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { guide, type GuidanceOutcome } from '../aggregator/guidance.js';
import './advice-view.js';
import type { Delivery } from './advice-view.js';
import { adviceFor } from './advice.js';
import { type Draft, toGuidanceInput, toReport } from './draft.js';
import { t } from './messages.js';
import { essentialNotice } from './notices.js';
import './notice-step.js';
import './report-form.js';
import { ReportSender } from './report-sender.js';
import type { ServerError } from './report-form.js';
import './site-footer.js';
import './site-header.js';
import { base } from './styles.js';

type Step = 'notice' | 'questions' | 'advice';

/**
 * The report flow: the notice and consent, the questions, the advice. Answers live in this
 * element's memory only and are dropped once the advice is shown; nothing is stored in
 * the browser. Without consent nothing leaves it: the advice is worked out here.
 */
export class ReportApp extends LitElement {
  static override properties = {
    _step: { state: true },
    _consent: { state: true },
    _draft: { state: true },
    _outcome: { state: true },
    _delivery: { state: true },
    _sending: { state: true },
    _serverErrors: { state: true },
  };
  static override styles = [
    base,
    css`
      main {
        max-width: 44rem;
        margin: 0 auto;
        padding: 1rem 0.75rem 0;
      }
      .card {
        padding: 1.25rem 1rem 1.75rem;
        border-radius: 0.75rem;
        background: var(--surface);
        box-shadow: 0 1px 3px rgb(23 33 43 / 12%);
      }
      @media (min-width: 36rem) {
        main {
          padding: 2rem 1rem 0;
        }
        .card {
          padding: 2rem 2.25rem 2.5rem;
        }
      }
      .step {
        margin: 0 0 0.25rem;
        color: var(--muted);
        font-size: 0.9375rem;
        font-weight: 600;
      }
      h1 {
        margin: 0 0 1.25rem;
        font-size: 1.75rem;
        line-height: 1.2;
      }
      h1.urgent {
        color: var(--danger);
      }
    `,
  ];

  private declare _step: Step;
  private declare _consent: boolean;
  private declare _draft: Draft;
  private declare _outcome: GuidanceOutcome;
  private declare _delivery: Delivery;
  private declare _sending: boolean;
  private declare _serverErrors: readonly ServerError[];
  /** Set when the step changes, so the new step's heading takes the focus (not on load). */
  private _moved = false;
  private readonly _sender = new ReportSender();

  constructor() {
    super();
    this._step = 'notice';
    this._consent = false;
    this._draft = {};
    this._outcome = 'no_symptoms';
    this._delivery = 'local';
    this._sending = false;
    this._serverErrors = [];
    updateWhenLocaleChanges(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('pagehide', this._forget);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this._forget);
  }

  /** Leaving the page forgets the answers, also when the browser keeps the page for Back. */
  private readonly _forget = () => {
    this._step = 'notice';
    this._consent = false;
    this._draft = {};
    this._serverErrors = [];
  };

  protected override updated(changed: PropertyValues) {
    document.title = `${this._title()} – ${t('app.name')}`;
    if (changed.has('_step') && this._moved) {
      this._moved = false;
      window.scrollTo(0, 0);
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    }
  }

  override render() {
    return html`<site-header></site-header>
      <main>
        <div class="card">
          <p class="step">${t(`step.${this._step}`)}</p>
          <h1 tabindex="-1" class=${this._step === 'advice' && this._outcome === 'emergency' ? 'urgent' : ''}>
            ${this._title()}
          </h1>
          ${this._renderStep()}
        </div>
      </main>
      <site-footer></site-footer>`;
  }

  private _title(): string {
    switch (this._step) {
      case 'notice':
        return essentialNotice().title;
      case 'questions':
        return t('questions.title');
      case 'advice':
        return adviceFor(this._outcome).title;
    }
  }

  private _renderStep() {
    switch (this._step) {
      case 'notice':
        return html`<notice-step
          .consent=${this._consent}
          @consent-change=${(e: CustomEvent<boolean>) => (this._consent = e.detail)}
          @continue=${() => this._go('questions')}
        ></notice-step>`;
      case 'questions':
        return html`<report-form
          .draft=${this._draft}
          .contributing=${this._consent}
          .sending=${this._sending}
          .serverErrors=${this._serverErrors}
          @draft-change=${(e: CustomEvent<Draft>) => (this._draft = e.detail)}
          @back=${() => this._go('notice')}
          @complete=${this._onComplete}
        ></report-form>`;
      case 'advice':
        return html`<advice-view
          .outcome=${this._outcome}
          .delivery=${this._delivery}
          .sending=${this._sending}
          @retry=${this._send}
          @restart=${this._onRestart}
        ></advice-view>`;
    }
    return nothing;
  }

  private _go(step: Step) {
    this._moved = true;
    this._step = step;
    // With consent, get ready to send (collection open? proof of work) while the person answers.
    if (step === 'questions' && this._consent) this._sender.prepare();
  }

  private _onComplete() {
    if (this._consent) void this._send();
    else this._showAdvice(guide(toGuidanceInput(this._draft)), 'local');
  }

  /** Sends the answers once; the advice then comes from the server's answer. */
  private async _send() {
    if (this._sending) return;
    this._sending = true;
    this._serverErrors = [];
    const result = await this._sender.send(toReport(this._draft));
    this._sending = false;
    if (result.ok) this._showAdvice(result.outcome, 'sent');
    else if (result.failure === 'invalid' && this._step === 'questions') {
      this._serverErrors = result.fieldErrors.length > 0 ? result.fieldErrors : [{ field: '(body)' }];
    } else this._showAdvice(guide(toGuidanceInput(this._draft)), result.failure);
  }

  private _showAdvice(outcome: GuidanceOutcome, delivery: Delivery) {
    this._outcome = outcome;
    this._delivery = delivery;
    // The answers are needed again only to retry a failed sending.
    if (delivery === 'sent' || delivery === 'local') this._draft = {};
    if (this._step !== 'advice') this._go('advice');
  }

  private _onRestart() {
    this._consent = false;
    this._draft = {};
    this._serverErrors = [];
    this._go('notice');
  }
}

customElements.define('report-app', ReportApp);

declare global {
  interface HTMLElementTagNameMap {
    'report-app': ReportApp;
  }
}

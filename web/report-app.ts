import { css, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { guide, type GuidanceInput } from '../aggregator/guidance.js';
import { adviceFor } from './advice.js';
import './advice-view.js';
import { BaseElement } from './base-element.js';
import { type Delivery, MAY_BE_COUNTED } from './contribution-offer.js';
import { type Draft, toGuidanceInput, toReport, unanswered, withAnswer } from './draft.js';
import { labels } from './labels.js';
import { t } from './messages.js';
import type { AnswerEvent } from './question-element.js';
import './report-form.js';
import type { Choice } from './report-form.js';
import { ReportSender, RETRIABLE } from './report-sender.js';
import './site-footer.js';
import './site-header.js';
import { base } from './styles.js';

type Step = 'questions' | 'advice';

/** The history entry of a step: its name only, never an answer (the browser may keep it on disk). */
interface StepState {
  step: Step;
}

function stepOf(state: unknown): Step {
  return (state as Partial<StepState> | null)?.step === 'advice' ? 'advice' : 'questions';
}

/** Where the focus goes when a step is shown. */
type Focus = 'heading' | 'consent';

/**
 * The report flow: the questions (with the emergency check and the notice first), then the
 * advice, worked out here at once, with the separate offer to send. Each step is an entry
 * in the browser's history, so Back and Forward move between them. Answers live in this
 * element's memory only, for as long as the page is open; nothing is stored in the browser,
 * and nothing leaves it until the person sends.
 */
export class ReportApp extends BaseElement {
  static override styles = [
    base,
    css`
      /* On a phone the card spans the screen: every pixel of width saves lines below. */
      main {
        max-width: 44rem;
        margin: 0 auto;
        padding: 0.5rem 0 0;
      }
      .card {
        padding: 1rem 0.875rem 1.5rem;
        background: var(--surface);
        box-shadow: 0 1px 3px rgb(23 33 43 / 12%);
      }
      @media (min-width: 36rem) {
        main {
          padding: 2rem 1rem 0;
        }
        .card {
          padding: 2rem 2.25rem 2.5rem;
          border-radius: 0.75rem;
        }
      }
      .step {
        margin: 0;
        color: var(--muted);
        font-size: 0.9375rem;
        font-weight: 600;
      }
      h1 {
        margin: 0 0 1rem;
        font-size: 1.5rem;
        line-height: 1.2;
      }
      h1.urgent {
        color: var(--danger);
      }
    `,
  ];

  @state() private _step: Step = 'questions';
  @state() private _draft: Draft = {};
  @state() private _consent = false;
  @state() private _delivery: Delivery = 'idle';
  @state() private _areaError = false;
  /** Set when a step is shown, so that its heading (or the consent box) takes the focus; not on load. */
  private _focus: Focus | undefined;
  private _sender = new ReportSender();

  override connectedCallback() {
    super.connectedCallback();
    // A reload starts afresh: whatever step the history entry names, the answers are gone.
    history.replaceState({ step: 'questions' } satisfies StepState, '');
    window.addEventListener('popstate', this._onPopState);
    window.addEventListener('pagehide', this._forget);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
    window.removeEventListener('pagehide', this._forget);
  }

  /** Leaving the page forgets the answers, also when the browser keeps the page for Back. */
  private readonly _forget = () => this._reset();

  private _reset() {
    this._step = 'questions';
    this._draft = {};
    this._consent = false;
    this._delivery = 'idle';
    this._areaError = false;
    this._sender = new ReportSender();
  }

  private _complete(): boolean {
    return unanswered(this._draft, false).length === 0;
  }

  /** Back and Forward: the step of the entry, if its answers are here (they are not after a reload). */
  private readonly _onPopState = (event: PopStateEvent) => {
    let step = stepOf(event.state);
    if (step === 'advice' && !this._complete()) {
      step = 'questions';
      history.replaceState({ step } satisfies StepState, '');
    }
    this._show(step, 'heading');
  };

  /** Moves forward to a step, as a new history entry. */
  private _go(step: Step, focus: Focus = 'heading') {
    history.pushState({ step } satisfies StepState, '');
    this._show(step, focus);
  }

  private _show(step: Step, focus: Focus) {
    this._focus = focus;
    this._step = step;
    this.requestUpdate();
  }

  protected override updated(_changed: PropertyValues) {
    document.title = `${this._title()} – ${t('app.name')}`;
    const focus = this._focus;
    if (!focus) return;
    this._focus = undefined;
    if (focus === 'consent') {
      void this._offer()?.updateComplete.then(() => this._offer()?.focusConsent());
      return;
    }
    window.scrollTo(0, 0);
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  private _offer() {
    return this.renderRoot.querySelector('contribution-offer');
  }

  private _answers(): GuidanceInput {
    return toGuidanceInput(this._draft);
  }

  private _title(): string {
    return this._step === 'advice' ? adviceFor(guide(this._answers()), this._answers()).title : t('questions.title');
  }

  override render() {
    const urgent = this._step === 'advice' && guide(this._answers()) === 'emergency';
    return html`<site-header></site-header>
      <main>
        <div class="card">
          <p class="step">${t(`step.${this._step}`)}</p>
          <h1 tabindex="-1" class=${urgent ? 'urgent' : ''}>${this._title()}</h1>
          ${this._step === 'advice' ? this._renderAdvice() : this._renderQuestions()}
        </div>
      </main>
      <site-footer></site-footer>`;
  }

  private _choice(): Choice {
    if (MAY_BE_COUNTED.has(this._delivery)) return 'sent';
    const open = this._delivery === 'idle' || RETRIABLE.has(this._delivery);
    return this._consent && open ? 'will-send' : 'undecided';
  }

  private _renderQuestions() {
    return html`<report-form
      .draft=${this._draft}
      .choice=${this._choice()}
      @draft-change=${(e: CustomEvent<Draft>) => (this._draft = e.detail)}
      @complete=${() => this._go('advice')}
      @change-choice=${() => this._go('advice', 'consent')}
    ></report-form>`;
  }

  private _renderAdvice() {
    const answers = this._answers();
    return html`<advice-view
      .outcome=${guide(answers)}
      .answers=${answers}
      @change-answers=${() => history.back()}
      @restart=${this._onRestart}
    >
      <contribution-offer
        slot="offer"
        .consent=${this._consent}
        .area=${this._draft.area}
        .areaError=${this._areaError ? labels().area.required : ''}
        .delivery=${this._delivery}
        @consent-change=${this._onConsent}
        @answer=${this._onArea}
        @send=${this._send}
        @retry=${this._send}
      ></contribution-offer>
    </advice-view>`;
  }

  private _onConsent(event: CustomEvent<boolean>) {
    this._consent = event.detail;
    // Get ready to send (collection open? proof of work) while the person chooses the municipality.
    if (this._consent) this._sender.prepare();
  }

  private _onArea(event: AnswerEvent) {
    event.stopPropagation();
    const { question, answer } = event.detail;
    this._draft = withAnswer(this._draft, question, answer);
    if (answer !== undefined) this._areaError = false;
  }

  private async _send() {
    if (this._delivery === 'sending' || !this._consent) return;
    if (!this._sender.unsettled && this._draft.area === undefined) {
      this._areaError = true;
      await this.updateComplete;
      this._offer()?.focusArea();
      return;
    }
    const sender = this._sender;
    this._delivery = 'sending';
    const outcome = await sender.send(toReport(this._draft));
    // Started again meanwhile: that report's fate belongs to answers no longer on the page.
    if (sender === this._sender) this._delivery = outcome;
  }

  private _onRestart() {
    this._reset();
    this._go('questions');
  }
}

customElements.define('report-app', ReportApp);

declare global {
  interface HTMLElementTagNameMap {
    'report-app': ReportApp;
  }
}

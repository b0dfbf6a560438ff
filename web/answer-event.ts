import type { Answer, QuestionName } from './draft.js';

/** Sent by a question when its answer changes; `undefined` means it has none any more. */
export class AnswerEvent extends Event {
  static readonly type = 'answer';
  constructor(
    readonly question: QuestionName,
    readonly answer: Answer | undefined,
  ) {
    super(AnswerEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    answer: AnswerEvent;
  }
}

import { type GuidanceInput } from '../aggregator/guidance.js';
import { FIELDS, type FieldDefinition, type FieldName, type Report } from '../aggregator/questionnaire.js';

/**
 * The answers while the person fills in the form, in memory only. An unanswered question
 * is absent; a question with several answers holds an array, empty when the person chose
 * "none of these" explicitly.
 */
export type Draft = Partial<Omit<Report, 'consent'>>;
export type QuestionName = keyof Draft;
export type Answer = string | readonly string[];

/** Asked first: any warning sign shows the emergency advice at once. */
export const FIRST_QUESTION = 'warningSigns' satisfies QuestionName;
/** The set of symptoms; questions marked `onlyWhenSymptomatic` follow it. */
const SYMPTOMS = 'symptoms' satisfies QuestionName;

export function isSymptomatic(draft: Draft): boolean {
  return (draft[SYMPTOMS]?.length ?? 0) > 0;
}

function isAsked(field: FieldDefinition, draft: Draft, contributing: boolean): boolean {
  switch (field.kind) {
    case 'consent':
      return false; // asked on its own, in the offer to send beside the advice
    case 'area':
      return contributing; // the advice does not depend on it: asked only for sending
    case 'choice':
      return !field.onlyWhenSymptomatic || isSymptomatic(draft);
    case 'set':
      return true;
  }
}

/** The questions to show, in the questionnaire's order with the warning signs first. */
export function questions(draft: Draft, contributing: boolean): [QuestionName, FieldDefinition][] {
  const all = Object.entries(FIELDS) as [FieldName, FieldDefinition][];
  const ordered = [...all.filter(([name]) => name === FIRST_QUESTION), ...all.filter(([name]) => name !== FIRST_QUESTION)];
  return ordered.filter(([, field]) => isAsked(field, draft, contributing)) as [QuestionName, FieldDefinition][];
}

/** The shown questions still without an answer, in the order they are shown. */
export function unanswered(draft: Draft, contributing: boolean): QuestionName[] {
  return questions(draft, contributing)
    .filter(([name]) => draft[name] === undefined)
    .map(([name]) => name);
}

/** Sets (or clears, with `undefined`) one answer; answers to questions no longer asked are dropped. */
export function withAnswer(draft: Draft, name: QuestionName, answer: Answer | undefined): Draft {
  const next: Record<string, Answer> = { ...draft };
  if (answer === undefined) delete next[name];
  else next[name] = answer;
  return next as Draft;
}

/** The report sent with consent: only the questions shown, as the server's schema wants them. */
export function toReport(draft: Draft): Report {
  const report: Record<string, Answer | true> = { consent: true };
  for (const [name] of questions(draft, true)) {
    const answer = draft[name];
    if (answer === undefined) throw new Error(`question ${name} is not answered`);
    report[name] = answer;
  }
  return report as Report;
}

/** What the advice needs, for working it out in the browser. */
export function toGuidanceInput(draft: Draft): GuidanceInput {
  const input: Record<string, Answer> = {};
  for (const [name] of questions(draft, false)) {
    const answer = draft[name];
    if (answer === undefined) throw new Error(`question ${name} is not answered`);
    input[name] = answer;
  }
  return input as unknown as GuidanceInput;
}

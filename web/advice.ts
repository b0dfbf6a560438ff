import { caseDefinition } from '../aggregator/case-definitions.js';
import type { GuidanceInput, GuidanceOutcome } from '../aggregator/guidance.js';
import written from './advice.json' with { type: 'json' };
import { currentLocale, type Locale } from './localization.js';

/** The self-guidance text of one outcome of the decision table, for one person's answers. */
export interface Advice {
  title: string;
  /** Why this advice, in one sentence. */
  summary: string;
  /** What to do now, in order. */
  steps: readonly string[];
}

const cli = caseDefinition('cli').matches;
const ili = caseDefinition('ili').matches;

/**
 * What the wording may depend on, beyond the outcome: the same outcome is reached from
 * different answers (a positive test, or symptoms that fit), and the text must not claim
 * an answer the person did not give.
 */
const ANSWERS = {
  fitsInfection: (a: GuidanceInput) => cli(a.symptoms) || ili(a.symptoms),
  symptoms: (a: GuidanceInput) => a.symptoms.length > 0,
  contact: (a: GuidanceInput) => a.contact === 'yes',
  contactUnknown: (a: GuidanceInput) => a.contact === 'unknown',
  notTested: (a: GuidanceInput) => a.test === 'not_tested',
  pending: (a: GuidanceInput) => a.test === 'pending',
  positive: (a: GuidanceInput) => a.test === 'positive',
  negative: (a: GuidanceInput) => a.test === 'negative',
} as const;
type Answer = keyof typeof ANSWERS;

/**
 * A sentence in every language, shown only when its answers were given (`if`) and not others
 * (`unless`): the condition is written once, for all the languages.
 */
export type Line = { if?: Answer; unless?: Answer } & Record<Locale, string>;

/** An outcome's text: the first title and summary whose condition holds, and every step whose condition holds. */
export interface AdviceText {
  title: readonly Line[];
  summary: readonly Line[];
  steps: readonly Line[];
}

/**
 * The advice as written, in the JSON that translators edit: its type must fit, so an outcome or
 * a language without its advice is a compile error. JSON types a condition only as a string, so
 * the conditions are checked by name when the module loads.
 */
export const ADVICE: Record<GuidanceOutcome, AdviceText> = withKnownConditions(written);

type WrittenLine = { if?: string; unless?: string } & Record<Locale, string>;

export function withKnownConditions(
  advice: Record<GuidanceOutcome, Record<keyof AdviceText, readonly WrittenLine[]>>,
): Record<GuidanceOutcome, AdviceText> {
  for (const line of Object.values(advice).flatMap((text) => Object.values(text).flat())) {
    for (const answer of [line.if, line.unless]) {
      if (answer !== undefined && !Object.hasOwn(ANSWERS, answer)) throw new Error(`advice.json: unknown condition "${answer}" in "${line.en}"`);
    }
  }
  return advice as Record<GuidanceOutcome, AdviceText>;
}

function applies(line: Line, answers: GuidanceInput): boolean {
  return (!line.if || ANSWERS[line.if](answers)) && (!line.unless || !ANSWERS[line.unless](answers));
}

function first(lines: readonly Line[], answers: GuidanceInput): Line {
  return lines.find((line) => applies(line, answers)) ?? lines.at(-1)!;
}

/** The advice for an outcome, worded for the answers that led to it, in one language. */
export function adviceText(locale: Locale, outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  const text = ADVICE[outcome];
  return {
    title: first(text.title, answers)[locale],
    summary: first(text.summary, answers)[locale],
    steps: text.steps.filter((line) => applies(line, answers)).map((line) => line[locale]),
  };
}

/** The advice in the current interface language. */
export function adviceFor(outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  return adviceText(currentLocale(), outcome, answers);
}

import fc from 'fast-check';
import {
  AGE_BANDS,
  CONTACT_ANSWERS,
  ONSET_BUCKETS,
  type Report,
  SYMPTOMS,
  TEST_ANSWERS,
  WARNING_SIGNS,
} from '../../aggregator/questionnaire.js';

/** A report's answers: everything but the area and the consent. */
export type Answers = Omit<Report, 'area' | 'consent'>;

/**
 * One arbitrary per answer field, each free of the others (onset comes even without a
 * symptom): the fuzz test wraps them in hostile values, `answers` ties them together.
 */
export function answerFields(options: { maxWarningSigns?: number } = {}) {
  return {
    ageBand: fc.constantFrom(...AGE_BANDS),
    symptoms: fc.subarray([...SYMPTOMS]),
    warningSigns: fc.subarray([...WARNING_SIGNS], options.maxWarningSigns === undefined ? {} : { maxLength: options.maxWarningSigns }),
    onset: fc.constantFrom(...ONSET_BUCKETS),
    contact: fc.constantFrom(...CONTACT_ANSWERS),
    test: fc.constantFrom(...TEST_ANSWERS),
  };
}

/** Answers as the form lets a resident give them: an onset exactly when there is a symptom. */
export function answers(options: { maxWarningSigns?: number } = {}): fc.Arbitrary<Answers> {
  return fc.record(answerFields(options)).map(({ onset, ...a }) => (a.symptoms.length > 0 ? { ...a, onset } : a));
}

/** Valid reports from the given municipalities. */
export function reports(areas: readonly string[], options: { maxWarningSigns?: number } = {}): fc.Arbitrary<Report> {
  return fc.tuple(fc.constantFrom(...areas), answers(options)).map(([area, a]) => ({ area, ...a, consent: true }));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUIDANCE_OUTCOMES, GUIDANCE_RULES, type GuidanceInput, guide } from '../aggregator/guidance.js';
import { answerFields } from './support/arbitraries.js';

const healthy: GuidanceInput = { ageBand: '35-44', symptoms: [], warningSigns: [], contact: 'no', test: 'not_tested' };
const covidLike: GuidanceInput = { ...healthy, symptoms: ['fever', 'cough'], onset: '1-3d' };

describe('guidance decision table', () => {
  it('ends with a rule that always applies, and names only known outcomes', () => {
    expect(GUIDANCE_RULES.at(-1)!.applies(healthy)).toBe(true);
    for (const rule of GUIDANCE_RULES) expect(GUIDANCE_OUTCOMES).toContain(rule.outcome);
  });

  it.each<[string, GuidanceInput, string]>([
    ['any warning sign, even without symptoms', { ...healthy, warningSigns: ['chest_pain'] }, 'emergency'],
    ['a warning sign wins over every other rule', { ...covidLike, ageBand: '75+', warningSigns: ['confusion'] }, 'emergency'],
    ['age 65-74 with COVID-like illness', { ...covidLike, ageBand: '65-74' }, 'call_doctor'],
    ['age 75+ with influenza-like illness', { ...healthy, ageBand: '75+', symptoms: ['fever', 'sore_throat'], onset: 'today' }, 'call_doctor'],
    ['shortness of breath for 8-14 days', { ...healthy, symptoms: ['shortness_of_breath'], onset: '8-14d' }, 'call_doctor'],
    ['shortness of breath for over 14 days', { ...healthy, symptoms: ['shortness_of_breath'], onset: 'over-14d' }, 'call_doctor'],
    ['COVID-like illness under 65', covidLike, 'isolate_and_test'],
    ['influenza-like illness under 65', { ...healthy, symptoms: ['fever', 'sore_throat'], onset: 'today' }, 'isolate_and_test'],
    ['a positive test without symptoms', { ...healthy, test: 'positive' }, 'isolate_and_test'],
    ['a positive test with mild symptoms', { ...healthy, symptoms: ['runny_nose'], onset: 'today', test: 'positive' }, 'isolate_and_test'],
    ['shortness of breath for 4-7 days only', { ...healthy, symptoms: ['shortness_of_breath'], onset: '4-7d' }, 'stay_home_and_monitor'],
    ['other symptoms', { ...healthy, symptoms: ['headache', 'runny_nose'], onset: 'today' }, 'stay_home_and_monitor'],
    ['other symptoms after a contact', { ...healthy, symptoms: ['headache'], onset: 'today', contact: 'yes' }, 'stay_home_and_monitor'],
    ['no symptoms after a contact', { ...healthy, contact: 'yes' }, 'quarantine_after_contact'],
    ['no symptoms, unknown contact', { ...healthy, contact: 'unknown' }, 'no_symptoms'],
    ['no symptoms, no contact, negative test', { ...healthy, test: 'negative' }, 'no_symptoms'],
  ])('%s', (_name, answers, outcome) => {
    expect(guide(answers)).toBe(outcome);
  });

  // The decision table as clinicians read it: a warning sign always wins, and calling a doctor or
  // staying home to watch the symptoms needs a symptom.
  it('gives emergency to every report with a warning sign, and the symptomatic outcomes only with a symptom', () => {
    // Onset with or without symptoms: the rules must hold for any answers, not only the form's.
    const answers = fc.record(answerFields());
    fc.assert(
      fc.property(answers, (a) => {
        const outcome = guide(a);
        if (a.warningSigns.length > 0) expect(outcome).toBe('emergency');
        if (outcome === 'call_doctor' || outcome === 'stay_home_and_monitor') expect(a.symptoms.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

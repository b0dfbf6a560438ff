import { describe, expect, it } from 'vitest';
import { type GuidanceInput, guide, GUIDANCE_OUTCOMES } from '../aggregator/guidance.js';
import { ADVICE, adviceText, withKnownConditions } from '../web/advice.js';
import { LOCALES } from '../web/localization.js';

// Literal answer lists, so the test does not lean on the code under test.
const SYMPTOM_SETS = [[], ['headache'], ['fever', 'cough'], ['fever', 'sore_throat'], ['shortness_of_breath']] as const;
const CONTACTS = ['yes', 'no', 'unknown'] as const;
const TESTS = ['not_tested', 'pending', 'positive', 'negative'] as const;

function* everyAnswer(): Generator<GuidanceInput> {
  for (const ageBand of ['25-34', '75+'] as const)
    for (const symptoms of SYMPTOM_SETS)
      for (const contact of CONTACTS)
        for (const test of TESTS)
          for (const warningSigns of [[], ['chest_pain']] as const) {
            const input = { ageBand, symptoms: [...symptoms], warningSigns: [...warningSigns], contact, test };
            yield symptoms.length > 0 ? { ...input, onset: '1-3d' } : input;
          }
}

/** Phrases that state an answer, and the answer each one needs, in the words of each language. */
const CLAIMS: Record<'sl' | 'en', [RegExp, (a: GuidanceInput) => boolean][]> = {
  en: [
    [/positive/i, (a) => a.test === 'positive'],
    [/arrange a test|get tested/i, (a) => a.test === 'not_tested'],
    [/test result/i, (a) => a.test === 'pending'],
    [/negative test/i, (a) => a.test === 'negative'],
    [/close contact|contact with a confirmed/i, (a) => a.contact === 'yes'],
    [/symptoms fit/i, (a) => a.symptoms.length > 0],
  ],
  sl: [
    [/pozitiv/i, (a) => a.test === 'positive'],
    [/dogovorite za test|se testirajte/i, (a) => a.test === 'not_tested'],
    [/izid/i, (a) => a.test === 'pending'],
    [/negativen test/i, (a) => a.test === 'negative'],
    [/tesnem stiku|stiku s potrjeno/i, (a) => a.contact === 'yes'],
    [/simptomi ustrezajo/i, (a) => a.symptoms.length > 0],
  ],
};

describe('the advice, worded for the answers given', () => {
  it('never states an answer the person did not give, in either language', () => {
    let checked = 0;
    for (const answers of everyAnswer()) {
      const outcome = guide(answers);
      for (const locale of LOCALES) {
        const advice = adviceText(locale, outcome, answers);
        const text = [advice.title, advice.summary, ...advice.steps].join(' ');
        for (const [phrase, given] of CLAIMS[locale]) {
          if (phrase.test(text)) expect(given(answers), `${locale} ${outcome} "${phrase}" for ${JSON.stringify(answers)}: ${text}`).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('says what the answers call for: a test for the untested, the result for the waiting, the positive test when there is one', () => {
    const base: GuidanceInput = { ageBand: '25-34', symptoms: ['fever', 'cough'], onset: '1-3d', warningSigns: [], contact: 'no', test: 'not_tested' };
    const en = (answers: GuidanceInput) => {
      const advice = adviceText('en', guide(answers), answers);
      return [advice.title, advice.summary, ...advice.steps].join(' ');
    };
    expect(en(base)).toContain('Phone your family doctor to arrange a test.');
    expect(en({ ...base, test: 'pending' })).toContain('wait for your test result');
    expect(en({ ...base, test: 'positive' })).toContain('your test is positive');
    expect(en({ ...base, symptoms: [], onset: undefined, test: 'positive' })).toContain('Your test is positive.');
    expect(en({ ...base, symptoms: ['headache'], contact: 'yes' })).toContain('ask whether you should be tested');
  });

  it('words every sentence of every outcome in every language', () => {
    for (const outcome of GUIDANCE_OUTCOMES) {
      const text = ADVICE[outcome];
      for (const line of [...text.title, ...text.summary, ...text.steps]) {
        for (const locale of LOCALES) expect(line[locale], `${outcome} (${locale}) beside "${line.sl}"`).toMatch(/\S/);
      }
    }
  });

  it.each(['tested', 'toString'])('refuses advice whose sentence depends on an answer it does not know: %s', (condition) => {
    const misnamed = { ...ADVICE.no_symptoms, steps: [...ADVICE.no_symptoms.steps, { unless: condition, sl: 'Testirani ste.', en: 'You were tested.' }] };
    expect(() => withKnownConditions({ ...ADVICE, no_symptoms: misnamed })).toThrow(`unknown condition "${condition}" in "You were tested."`);
    expect(withKnownConditions(ADVICE)).toBe(ADVICE);
  });
});

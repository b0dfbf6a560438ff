import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { GUIDANCE_OUTCOMES } from '../aggregator/guidance.js';
import { FIELDS } from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { ADVICE } from '../web/advice.js';
import { type Draft, questions, toGuidanceInput, toReport, unanswered } from '../web/draft.js';
import { LABELS } from '../web/labels.js';
import { LOCALES } from '../web/localization.js';

const names = (draft: Draft, contributing: boolean) => questions(draft, contributing).map(([name]) => name);

describe('the questions of the form, from the questionnaire', () => {
  it('asks the warning signs first, then every other field in the questionnaire’s order', () => {
    const all = names({ symptoms: ['cough'] }, true);
    expect(all[0]).toBe('warningSigns');
    const rest = Object.keys(FIELDS).filter((n) => n !== 'warningSigns' && n !== 'consent');
    expect(all.slice(1)).toEqual(rest);
  });

  it('asks the onset only with symptoms, and the municipality only when the answers are sent', () => {
    expect(names({ symptoms: [] }, true)).not.toContain('onset');
    expect(names({}, true)).not.toContain('onset');
    expect(names({ symptoms: ['fever'] }, true)).toContain('onset');
    expect(names({ symptoms: ['fever'] }, false)).not.toContain('area');
  });

  it('counts an explicit "none" as an answer, and a missing answer as none given', () => {
    expect(unanswered({}, false)).toEqual(['warningSigns', 'ageBand', 'symptoms', 'contact', 'test']);
    expect(unanswered({ warningSigns: [], symptoms: [] }, false)).toEqual(['ageBand', 'contact', 'test']);
  });

  it('builds reports the server’s schema accepts, without answers to questions no longer asked', () => {
    const schema = reportSchema(new Set(loadAreaPack('si').municipalityByCode.keys()));
    const base: Draft = { area: 'SI-017', ageBand: '75+', warningSigns: [], contact: 'no', test: 'negative' };
    const symptomatic = toReport({ ...base, symptoms: ['fever', 'cough'], onset: 'today' });
    expect(schema.safeParse(symptomatic).success).toBe(true);
    // Onset answered, then the symptoms taken back: onset is no longer sent.
    const healthy = toReport({ ...base, symptoms: [], onset: 'today' });
    expect(healthy).not.toHaveProperty('onset');
    expect(schema.safeParse(healthy).success).toBe(true);
  });

  it('gives the advice only what it needs: no municipality, no consent', () => {
    const input = toGuidanceInput({ area: 'SI-017', ageBand: '25-34', warningSigns: [], symptoms: [], contact: 'yes', test: 'not_tested' });
    expect(input).toEqual({ ageBand: '25-34', warningSigns: [], symptoms: [], contact: 'yes', test: 'not_tested' });
  });
});

describe('the interface text', () => {
  it('labels every question and every value in every language', () => {
    for (const locale of LOCALES) {
      for (const [name, field] of Object.entries(FIELDS)) {
        const text = LABELS[locale][name as keyof typeof FIELDS] as { question: string; values?: Record<string, string>; none?: string };
        expect(text.question, `${locale} ${name}`).toMatch(/\S/);
        if ('values' in field) {
          for (const value of field.values) expect(text.values?.[value], `${locale} ${name}.${value}`).toMatch(/\S/);
        }
        if (field.kind === 'set') expect(text.none, `${locale} ${name} none`).toMatch(/\S/);
      }
    }
  });

  it('has advice for every outcome of the decision table in every language', () => {
    for (const locale of LOCALES) {
      for (const outcome of GUIDANCE_OUTCOMES) {
        const text = ADVICE[outcome];
        // The last title and summary hold whatever the answers, so there is always one.
        for (const lines of [text.title, text.summary]) expect(lines.at(-1), `${locale} ${outcome}`).toMatchObject({ [locale]: expect.stringMatching(/\S/) });
      }
    }
    for (const outcome of GUIDANCE_OUTCOMES) {
      const text = ADVICE[outcome];
      for (const lines of [text.title, text.summary]) expect(lines.at(-1)?.if ?? lines.at(-1)?.unless, `${outcome}: the last line has no condition`).toBeUndefined();
      expect(text.steps.filter((line) => !line.if && !line.unless).length, `${outcome}: a step for every answer`).toBeGreaterThan(0);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, metricNames } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import { METRIC_NAMES } from '../aggregator/metrics.js';
import type { Report } from '../aggregator/questionnaire.js';
import { reports as someReports } from './support/arbitraries.js';
import { VALID_REPORT } from './support/reports.js';

const reports = someReports(['SI-061']);

describe('fold', () => {
  it('counts a COVID-like report in every metric it belongs to and no other', () => {
    const increments = fold(VALID_REPORT, '2026-11-25', 'isolate_and_test', 77);
    expect(increments.day).toBe('2026-11-25');
    expect(increments.area).toBe('SI-061');
    expect(increments.key).toBe(77);
    expect([...metricNames(increments)].sort()).toEqual(
      [
        'reports',
        'symptomatic',
        'cli',
        'ili',
        'covid_criteria',
        'symptom:fever',
        'symptom:cough',
        'age:25-34',
        'age:25-34:symptomatic',
        'age:25-34:cli',
        'onset:1-3d',
        'contact:no',
        'test:not_tested',
        'guidance:isolate_and_test',
      ].sort(),
    );
  });

  it('counts a report without symptoms only in reports, age, answers and guidance', () => {
    const { onset: _onset, ...rest } = VALID_REPORT;
    const increments = fold({ ...rest, symptoms: [], warningSigns: ['confusion'], contact: 'yes' }, 'd', 'emergency', 0);
    expect([...metricNames(increments)].sort()).toEqual(
      ['reports', 'age:25-34', 'warning:confusion', 'contact:yes', 'test:not_tested', 'guidance:emergency'].sort(),
    );
  });

  it('applies each case definition as written', () => {
    const metricsFor = (symptoms: Report['symptoms']) => metricNames(fold({ ...VALID_REPORT, symptoms }, 'd', 'no_symptoms', 0));
    expect(metricsFor(['fever', 'shortness_of_breath'])).toEqual(expect.arrayContaining(['cli', 'covid_criteria']));
    expect(metricsFor(['fever', 'shortness_of_breath'])).not.toContain('ili');
    expect(metricsFor(['fever', 'sore_throat'])).toEqual(expect.arrayContaining(['ili', 'covid_criteria']));
    expect(metricsFor(['fever', 'sore_throat'])).not.toContain('cli');
    expect(metricsFor(['loss_of_smell_or_taste'])).toContain('covid_criteria');
    expect(metricsFor(['headache', 'fatigue'])).not.toContain('covid_criteria');
  });

  it('emits only catalogued metrics, each once, and exactly one part of every partition of reports', () => {
    fc.assert(
      fc.property(reports, (report) => {
        const metrics = metricNames(fold(report, 'd', guide(report), 0));
        for (const metric of metrics) expect(METRIC_NAMES).toContain(metric);
        expect(new Set(metrics).size).toBe(metrics.length);
        for (const prefix of ['age:', 'contact:', 'test:', 'guidance:']) {
          expect(metrics.filter((m) => m.startsWith(prefix) && m.split(':').length === 2)).toHaveLength(1);
        }
        expect(metrics.filter((m) => m.startsWith('onset:'))).toHaveLength(report.symptoms.length > 0 ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });
});

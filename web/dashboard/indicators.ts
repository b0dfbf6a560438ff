import { ageMetric, answerMetric } from '../../aggregator/metrics.js';
import { AGE_BANDS, FIELDS } from '../../aggregator/questionnaire.js';
import { type MessageId, t } from '../messages.js';

/** The shares the dashboards chart and project: a symptom, COVID-like and influenza-like illness. */
export const SHARE_INDICATORS = ['symptomatic', 'cli', 'ili'] as const;
export type ShareIndicator = (typeof SHARE_INDICATORS)[number];

/** What a comparison can rank areas by: the reports themselves, or a projected share. */
export const COMPARED_INDICATORS = ['reports', ...SHARE_INDICATORS] as const;
export type ComparedIndicator = (typeof COMPARED_INDICATORS)[number];

/** How a comparison puts areas of different sizes side by side. */
export type Measure = 'per100k' | 'absolute';

const NAMES: Record<ComparedIndicator, MessageId> = {
  reports: 'dash.ind.reports',
  symptomatic: 'dash.ind.symptomatic',
  cli: 'dash.ind.cli',
  ili: 'dash.ind.ili',
};

const DEFINITIONS: Record<ShareIndicator, MessageId> = {
  symptomatic: 'dash.ind.symptomatic.def',
  cli: 'dash.ind.cli.def',
  ili: 'dash.ind.ili.def',
};

export function indicatorName(indicator: ComparedIndicator): string {
  return t(NAMES[indicator]);
}

export function indicatorDefinition(indicator: ShareIndicator): string {
  return t(DEFINITIONS[indicator]);
}

/** The metrics behind the age breakdown: reports, symptomatic and CLI reports per age band. */
export function ageMetrics(): { band: string; reports: string; symptomatic: string; cli: string }[] {
  return AGE_BANDS.map((band) => ({
    band,
    reports: answerMetric(FIELDS.ageBand, band),
    symptomatic: ageMetric(band, 'symptomatic'),
    cli: ageMetric(band, 'cli'),
  }));
}

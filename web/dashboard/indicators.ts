import { ageMetric, answerMetric } from '../../aggregator/metrics.js';
import { AGE_BANDS, FIELDS } from '../../aggregator/questionnaire.js';
import { type MessageId, t } from '../messages.js';

/** The shares the dashboards chart and project: a symptom, COVID-like and influenza-like illness. */
export const SHARE_INDICATORS = ['symptomatic', 'cli', 'ili'] as const;
export type ShareIndicator = (typeof SHARE_INDICATORS)[number];

/** What a comparison can rank areas by: the reports themselves, or a share of them. */
export const COMPARED_INDICATORS = ['reports', ...SHARE_INDICATORS] as const;
export type ComparedIndicator = (typeof COMPARED_INDICATORS)[number];

/**
 * How a comparison puts areas side by side, each named for what it shows: reports (a count, or
 * per 100,000 inhabitants), the share of reports, or estimated people (per 100,000 or in all),
 * which assume that those who report are like everyone else.
 */
export type Measure = 'reports' | 'reportsPer100k' | 'share' | 'estimatePer100k' | 'estimatePeople';

/** The measures of an indicator, the first the default. */
export function measuresOf(indicator: ComparedIndicator): readonly Measure[] {
  return indicator === 'reports' ? ['reports', 'reportsPer100k'] : ['share', 'estimatePer100k', 'estimatePeople'];
}

/** Whether a measure is a projection onto the population, which the page must call an estimate. */
export function isEstimate(measure: Measure): boolean {
  return measure === 'estimatePer100k' || measure === 'estimatePeople';
}

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

const MEASURES: Record<Measure, MessageId> = {
  reports: 'dash.measure.reports',
  reportsPer100k: 'dash.measure.reportsPer100k',
  share: 'dash.measure.share',
  estimatePer100k: 'dash.measure.estimatePer100k',
  estimatePeople: 'dash.measure.estimatePeople',
};

export function indicatorName(indicator: ComparedIndicator): string {
  return t(NAMES[indicator]);
}

export function indicatorDefinition(indicator: ShareIndicator): string {
  return t(DEFINITIONS[indicator]);
}

export function measureName(measure: Measure): string {
  return t(MEASURES[measure]);
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

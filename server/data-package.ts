import type { AreaPack } from '../aggregator/areas/index.js';
import { CASE_DEFINITIONS } from '../aggregator/case-definitions.js';
import { COLUMNS } from '../aggregator/dictionary.js';
import { QUESTIONNAIRE_ID, QUESTIONNAIRE_TITLE, QUESTIONNAIRE_VERSION } from '../aggregator/questionnaire.js';
import { DEFAULT_DAYS } from './stats-query.js';

/** What a demonstration's data package says first, in its title and its description. */
const SYNTHETIC_NOTE =
  'Synthetic demonstration data: every number was generated from a fixed seed by `npm run demo`; no one reported them. ';

/**
 * The Frictionless Data Package (v2) describing /api/v1/stats.csv. Its field descriptions and
 * the metric categories are the data dictionary, generated from the questionnaire. On a
 * demonstration (`synthetic`), its name, title and description say the data are synthetic.
 */
export function dataPackage(pack: AreaPack, synthetic = false) {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `symptom-self-reports-${pack.id}${synthetic ? '-synthetic-demo' : ''}`,
    title: `${synthetic ? 'SYNTHETIC DEMONSTRATION DATA. ' : ''}Self-reported symptoms: released aggregates (${pack.country.name})`,
    description:
      (synthetic ? SYNTHETIC_NOTE : '') +
      'Daily and weekly counts of self-reports by country, region and municipality, released under a disclosure-control ' +
      'policy, with shares and projections onto the population. Self-reports are a self-selected sample: projections ' +
      'are estimates, not case counts.',
    version: `${QUESTIONNAIRE_ID}-v${QUESTIONNAIRE_VERSION}`,
    sources: [{ title: `${QUESTIONNAIRE_TITLE}, questionnaire version ${QUESTIONNAIRE_VERSION}` }, { title: pack.source }],
    caseDefinitions: CASE_DEFINITIONS.map(({ metric, name, version, rule, source }) => ({ metric, name, version, rule, source })),
    resources: [
      {
        name: 'stats',
        path: 'stats.csv',
        description: `The rows of /api/v1/stats.csv?time_type=day (or week): the ${DEFAULT_DAYS} days up to today without dates; the filters of /api/v1/stats (geo_type, geo_value, metric, from, to) select other rows, with the same columns.`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true },
        schema: {
          fields: COLUMNS.map((column) => ({
            name: column.name,
            type: column.type,
            description: column.description,
            ...(column.values ? { categories: column.values } : {}),
          })),
          missingValues: [''],
          primaryKey: ['time_type', 'time_value', 'geo_type', 'geo_value', 'metric'],
        },
      },
    ],
  };
}

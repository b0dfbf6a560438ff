import type { Config } from './config.js';
import type { Operator } from './operator.js';

/**
 * What every page is told about the instance it belongs to, in a `<meta name="instance">`
 * of its HTML: the pages fill the notice's placeholders from it without asking the network,
 * and show the demonstration banner when there is no operator or the data are synthetic.
 */
export interface PageInstance {
  /** Null: a demonstration instance; the notice names no controller. */
  operator: Operator | null;
  /** The instant collection ends (ISO 8601), or null. */
  collectionEnds: string | null;
  /** The time zone that dates in the notice are given in. */
  timeZone: string;
  /** The counters are synthetic demonstration data (`npm run demo`), not reports: the pages, the status and the downloads say so. */
  synthetic: boolean;
}

export function pageInstance(config: Pick<Config, 'operator' | 'collectionEnds' | 'timeZone'>, synthetic = false): PageInstance {
  return {
    operator: config.operator,
    collectionEnds: config.collectionEnds?.toISOString() ?? null,
    timeZone: config.timeZone,
    synthetic,
  };
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/**
 * The page's HTML with the instance as JSON in a meta element at the end of its head (or,
 * in a page that leaves its head implicit, at its end: the page looks it up anywhere).
 */
export function withInstance(page: string, instance: PageInstance): string {
  const json = JSON.stringify(instance).replace(/[&"<>]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
  const meta = `<meta name="instance" content="${json}" />`;
  const at = page.indexOf('</head>');
  return at < 0 ? `${page}${meta}` : `${page.slice(0, at)}${meta}\n  ${page.slice(at)}`;
}

/**
 * Requests as Delphi's clients send them, for the tests to replay byte for byte.
 *
 * epidatr 1.2 (R): `pub_covidcast()` builds its parameters in the order data_source, signals,
 * geo_type, time_type, geo_values, time_values, as_of, issues, lag, drops the NULL ones,
 * formats vectors as comma lists, an `epirange()` as `from-to` and a Date as YYYYMMDD
 * (`format_item`), and GETs them with httr, which escapes everything but letters, digits and
 * `-._~` (curl_escape); it sends Accept-Encoding: gzip and the API key as HTTP Basic
 * authentication (user `epidata`, an empty key without one).
 *
 * epidatpy (Python): `pub_covidcast()` sends the same parameters in the same order, formats
 * them with `format_list` (comma lists, `EpiRange` as `from-to`) and GETs them with requests,
 * whose urlencode (quote_plus) escapes the same characters.
 */

export type ClientParams = Record<string, string | number | readonly (string | number)[] | { from: number; to: number } | undefined>;

const ORDER = ['data_source', 'signals', 'geo_type', 'time_type', 'geo_values', 'time_values', 'as_of', 'issues', 'lag'];

const curlEscape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function formatItem(value: string | number | readonly (string | number)[] | { from: number; to: number }): string {
  if (typeof value === 'object' && 'from' in value) return `${value.from}-${value.to}`;
  return Array.isArray(value) ? value.join(',') : String(value);
}

function query(params: ClientParams): string {
  const names = [...ORDER.filter((n) => n in params), ...Object.keys(params).filter((n) => !ORDER.includes(n))];
  return names.flatMap((name) => (params[name] === undefined ? [] : [`${name}=${curlEscape(formatItem(params[name]!))}`])).join('&');
}

/** The URL and headers epidatr sends for `endpoint` under the base URL. */
export function epidatrRequest(base: string, endpoint: string, params: ClientParams): { url: string; headers: Record<string, string> } {
  return {
    url: `${base}/${endpoint}/?${query(params)}`,
    headers: { 'accept-encoding': 'gzip', authorization: `Basic ${Buffer.from('epidata:').toString('base64')}`, 'user-agent': 'epidatr/1.2.1' },
  };
}

/** The URL and headers epidatpy sends for `endpoint` under the base URL. */
export function epidatpyRequest(base: string, endpoint: string, params: ClientParams): { url: string; headers: Record<string, string> } {
  return {
    url: `${base}/${endpoint}/${Object.keys(params).length ? `?${query(params)}` : ''}`,
    headers: { 'accept-encoding': 'gzip, deflate', authorization: `Basic ${Buffer.from('epidata:').toString('base64')}`, 'user-agent': 'epidatpy/0.5.0' },
  };
}

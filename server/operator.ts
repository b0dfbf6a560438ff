import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The languages of the pages (web/localization.ts); a test keeps the two lists equal. */
export const PAGE_LANGUAGES = ['sl', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** A text the notice shows: the same in every language, or one per language. */
export type LocalText = string | Record<PageLanguage, string>;

/** The EU member states, by ISO 3166-1 alpha-2 code: the notice promises processing in the EU. */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

/**
 * Who runs this instance, as the notices name it (the `{name}` placeholders of
 * dpia/notice.*.md). Without it the service is a demonstration instance.
 */
export interface Operator {
  controllerName: LocalText;
  controllerAddress: LocalText;
  controllerEmail: string;
  dpoEmail: string;
  /** Absent: the notice gives the DPO's e-mail only. */
  dpoAddress?: LocalText;
  /** Where the servers are, an EU member state's ISO 3166-1 alpha-2 code. */
  hostingCountry: string;
  /** Absent: the controller runs the service on its own servers, with no processor. */
  hostingProvider?: LocalText;
  /** The member-state law the processing rests on (Art. 6(3), Art. 9(2)(i) GDPR). */
  legalBasis: LocalText;
  /** Absent: the notice does not point to the source code. */
  sourceCode?: string;
  /** The day the notice takes effect, `YYYY-MM-DD`. */
  noticeDate: string;
}

export type OperatorField = keyof Operator;

const text = z
  .string()
  .trim()
  .min(1, 'empty')
  .max(500, 'longer than 500 characters')
  // A copied template would put "[controller name]" on every page: refuse it at start.
  .refine((value) => !/\[[^\]]*\]/.test(value), 'holds a placeholder in square brackets; write the real text');
const email = z.string().trim().pipe(z.email('not an e-mail address'));
const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => (EU_MEMBER_STATES as readonly string[]).includes(code), 'not the ISO 3166-1 code of an EU member state (e.g. SI)');
const https = z.string().trim().pipe(z.url({ protocol: /^https$/, error: 'not an https:// address' }));
const date = z.string().trim().pipe(z.iso.date('not a date (YYYY-MM-DD)'));

/** Each field: its environment variable, its value in one language, whether it may be per language, whether it is needed. */
const FIELDS = {
  controllerName: { env: 'OPERATOR_CONTROLLER_NAME', value: text, local: true, required: true },
  controllerAddress: { env: 'OPERATOR_CONTROLLER_ADDRESS', value: text, local: true, required: true },
  controllerEmail: { env: 'OPERATOR_CONTROLLER_EMAIL', value: email, local: false, required: true },
  dpoEmail: { env: 'OPERATOR_DPO_EMAIL', value: email, local: false, required: true },
  dpoAddress: { env: 'OPERATOR_DPO_ADDRESS', value: text, local: true, required: false },
  hostingCountry: { env: 'OPERATOR_HOSTING_COUNTRY', value: country, local: false, required: true },
  hostingProvider: { env: 'OPERATOR_HOSTING_PROVIDER', value: text, local: true, required: false },
  legalBasis: { env: 'OPERATOR_LEGAL_BASIS', value: text, local: true, required: true },
  sourceCode: { env: 'OPERATOR_SOURCE_CODE', value: https, local: false, required: false },
  noticeDate: { env: 'OPERATOR_NOTICE_DATE', value: date, local: false, required: true },
} as const satisfies Record<OperatorField, { env: string; value: z.ZodType; local: boolean; required: boolean }>;

type EnvName = (typeof FIELDS)[OperatorField]['env'];

const entries = Object.entries(FIELDS) as [OperatorField, (typeof FIELDS)[OperatorField]][];

/** The variables that name the operator, in the order the notice needs them. */
export const OPERATOR_VARIABLES = entries.map(([, field]) => field.env);
const REQUIRED_VARIABLES = entries.filter(([, field]) => field.required).map(([, field]) => field.env);

/** Unset or empty is absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The operator's variables for the environment schema (server/config.ts), each checked as it is read. */
export const operatorEnvShape = Object.fromEntries(entries.map(([, field]) => [field.env, optional(field.value)])) as unknown as Record<
  EnvName,
  z.ZodType<string | undefined, unknown>
>;

const localText = z.union([text, z.strictObject(Object.fromEntries(PAGE_LANGUAGES.map((l) => [l, text])) as Record<PageLanguage, typeof text>)], {
  error: `a text, or an object with a text for each of ${PAGE_LANGUAGES.join(', ')}`,
});

/** The operator file: a JSON object with the fields of `Operator`; texts may be given per language. */
const fileSchema = z.strictObject(
  Object.fromEntries(
    entries.map(([name, field]) => {
      const value = field.local ? localText : field.value;
      return [name, field.required ? value : value.optional()];
    }),
  ) as unknown as Record<OperatorField, z.ZodType>,
);

export class OperatorError extends Error {
  override name = 'OperatorError';
}

function fromFile(path: string): Operator {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new OperatorError(`OPERATOR_FILE: ${path}: ${reason}`);
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : issue.message;
    throw new OperatorError(`OPERATOR_FILE: ${path}: ${where}: ${message}`);
  }
  return result.data as Operator;
}

function fromVariables(values: Partial<Record<EnvName, unknown>>): Operator | null {
  const given = entries.filter(([, field]) => values[field.env] !== undefined);
  if (given.length === 0) return null;
  const missing = REQUIRED_VARIABLES.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new OperatorError(`the operator's identity is incomplete: ${missing.join(', ')} not set`);
  return Object.fromEntries(given.map(([name, field]) => [name, values[field.env]])) as unknown as Operator;
}

/**
 * The operator's identity from the operator file (OPERATOR_FILE) or the OPERATOR_* variables,
 * already checked one by one by the environment schema; null when neither is given. Throws
 * an OperatorError naming what is wrong or missing.
 */
export function readOperator(values: Partial<Record<EnvName, unknown>> & { OPERATOR_FILE?: string | undefined }): Operator | null {
  const file = values.OPERATOR_FILE;
  if (!file) return fromVariables(values);
  const alongside = OPERATOR_VARIABLES.filter((name) => values[name] !== undefined);
  if (alongside.length > 0) throw new OperatorError(`OPERATOR_FILE: give the operator file or ${alongside.join(', ')}, not both`);
  return fromFile(file);
}

/** What production mode asks for when the operator's identity is missing, in one line. */
export function operatorRequired(): OperatorError {
  return new OperatorError(
    `NODE_ENV=production needs the operator's identity: set OPERATOR_FILE, or ${REQUIRED_VARIABLES.join(', ')} (see dpia/operator.md)`,
  );
}

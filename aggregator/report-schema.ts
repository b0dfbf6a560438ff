import { z } from 'zod';
import { FIELDS, type FieldDefinition, type Report } from './questionnaire.js';

function enumOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]]);
}

function fieldSchema(field: FieldDefinition, areaCodes: ReadonlySet<string>): z.ZodType {
  switch (field.kind) {
    case 'area':
      return z.string().refine((code) => areaCodes.has(code), 'unknown municipality code');
    case 'choice':
      return field.onlyWhenSymptomatic ? enumOf(field.values).optional() : enumOf(field.values);
    case 'set':
      return z
        .array(enumOf(field.values))
        .max(field.values.length)
        .refine((values) => new Set(values).size === values.length, 'a value is repeated');
    case 'consent':
      return z.literal(true, 'consent must be the literal true');
  }
}

const conditionalFields = Object.entries(FIELDS).flatMap(([name, field]) =>
  'onlyWhenSymptomatic' in field && field.onlyWhenSymptomatic ? [name] : [],
);

/**
 * The strict schema of a report, derived from the questionnaire: unknown fields, repeated
 * set members and wrong types are refused, and answers that depend on having symptoms are
 * required with symptoms and refused without.
 */
export function reportSchema(areaCodes: ReadonlySet<string>): z.ZodType<Report> {
  const shape = Object.fromEntries(
    Object.entries(FIELDS).map(([name, field]) => [name, fieldSchema(field, areaCodes)]),
  );
  return z.strictObject(shape).superRefine((report, ctx) => {
    const symptomatic = (report.symptoms as unknown[]).length > 0;
    for (const name of conditionalFields) {
      const answered = report[name] !== undefined;
      if (symptomatic && !answered) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when there is a symptom' });
      } else if (!symptomatic && answered) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'only answered when there is a symptom' });
      }
    }
  }) as unknown as z.ZodType<Report>;
}

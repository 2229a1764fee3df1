import type { CustomFieldRow } from '../../db/schema.ts';
import type { ErrorDetail } from '../../platform/errors.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Checks ticket custom-field values against the admin's definitions. Unknown keys, wrong types,
 * options not in a dropdown and malformed dates are all reported at once; null clears a value.
 * `requireAll` enforces required fields (on create); updates may leave them as they were.
 */
export function validateCustomFieldValues(
  definitions: CustomFieldRow[],
  values: Record<string, unknown>,
  options: { requireAll: boolean; existing?: Record<string, unknown> },
): { values: Record<string, unknown>; problems: ErrorDetail[] } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const problems: ErrorDetail[] = [];
  const clean: Record<string, unknown> = { ...(options.existing ?? {}) };
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    const path = `custom_fields.${key}`;
    if (!field || !field.active) {
      problems.push({ path, message: `unknown custom field "${key}"` });
      continue;
    }
    if (value === null) {
      if (field.required) problems.push({ path, message: `${field.label} is required` });
      delete clean[key];
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ path, message: problem });
    else clean[key] = field.type === 'text' ? String(value).trim() : value;
  }
  if (options.requireAll) {
    for (const field of definitions) {
      if (field.active && field.required && (clean[field.key] === undefined || clean[field.key] === '')) {
        problems.push({ path: `custom_fields.${field.key}`, message: `${field.label} is required` });
      }
    }
  }
  return { values: clean, problems };
}

function checkValue(field: CustomFieldRow, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? undefined : 'must be text of at most 10,000 characters';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && validDate(value) ? undefined : 'must be a date as YYYY-MM-DD';
    case 'dropdown':
      return typeof value === 'string' && field.options.includes(value) ? undefined : `must be one of: ${field.options.join(', ')}`;
  }
}

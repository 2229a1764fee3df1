import { Checkbox, NumberInput, Select, TextInput } from '@mantine/core';
import type { CustomField } from './api.ts';

export type FieldValue = string | number | boolean | undefined;

/** One admin-defined ticket field, as the input that fits its type. */
export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string | undefined;
}) {
  const common = { label: field.label, required: field.required, error, size: 'md' as const };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
          allowDecimal
        />
      );
    case 'dropdown':
      return (
        <Select
          {...common}
          data={field.options}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
          placeholder="Choose one"
          searchable={field.options.length > 8}
          clearable={!field.required}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
          size="md"
        />
      );
    default:
      return (
        <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value)} />
      );
  }
}

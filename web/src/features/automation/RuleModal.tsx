import { Alert, Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api.ts';

export interface RuleField {
  key: string;
  label: string;
  description?: string;
  /** JSON fields are edited as text and parsed on save. */
  json?: boolean;
  multiline?: boolean;
}

/**
 * Creates or edits one rule (trigger, automation or macro): name, on/off, and its parts as JSON
 * with an example to start from. The API's field errors are shown as they come.
 */
export function RuleModal({
  title,
  opened,
  onClose,
  initial,
  fields,
  saving,
  onSave,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  initial: Record<string, unknown>;
  fields: RuleField[];
  saving: boolean;
  onSave: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, f.json ? JSON.stringify(initial[f.key] ?? null, null, 2) : String(initial[f.key] ?? '')])),
  );
  const [active, setActive] = useState(initial.active !== false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { active };
    for (const f of fields) {
      const text = values[f.key] ?? '';
      if (!f.json) {
        body[f.key] = text;
        continue;
      }
      try {
        body[f.key] = JSON.parse(text);
      } catch {
        setError(`${f.label}: not valid JSON`);
        return;
      }
    }
    try {
      await onSave(body);
      onClose();
    } catch (failure) {
      const details = isApiError(failure) ? failure.errors.map((e) => `${e.path ?? ''} ${e.message}`.trim()) : [];
      setError([errorMessage(failure), ...details.slice(0, 5)].join('\n'));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {fields.map((f) =>
            f.json || f.multiline ? (
              <Textarea
                key={f.key}
                label={f.label}
                description={f.description}
                value={values[f.key]}
                onChange={(event) => setValues({ ...values, [f.key]: event.currentTarget.value })}
                autosize
                minRows={f.json ? 4 : 3}
                maxRows={14}
                styles={f.json ? { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } } : undefined}
              />
            ) : (
              <TextInput
                key={f.key}
                label={f.label}
                description={f.description}
                value={values[f.key]}
                onChange={(event) => setValues({ ...values, [f.key]: event.currentTarget.value })}
                required={f.key === 'name'}
              />
            ),
          )}
          <Switch label="Active" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} />
          {error && (
            <Alert color="red" variant="light" style={{ whiteSpace: 'pre-line' }}>
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Checkbox, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api.ts';
import { useSaveView } from './api.ts';
import type { SavedView } from './types.ts';

/** Roles that may change the shared views everybody sees (the server checks groups.manage). */
export const canManageSharedViews = (role: string): boolean => role === 'manager' || role === 'head_of_support' || role === 'admin';

interface ViewEditorProps {
  opened: boolean;
  onClose: () => void;
  /** The view to edit; a new view is saved when absent. */
  view?: SavedView | undefined;
  /** The search to save (new views only). */
  query?: string;
  canShare: boolean;
  onSaved?: (view: SavedView) => void;
}

/** Save a search as a view, or rename and change the search of an existing one. */
export function ViewEditor({ opened, onClose, view, query = '', canShare, onSaved }: ViewEditorProps) {
  const save = useSaveView();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [shared, setShared] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; query?: string; form?: string }>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (!opened) return;
    setName(view?.name ?? '');
    setText(view?.query ?? query);
    setShared(false);
    setErrors({});
    save.reset();
  }, [opened, view, query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setErrors({ name: 'Give the view a name' });
      return;
    }
    setErrors({});
    save.mutate(
      { ...(view ? { id: view.id } : {}), name: trimmed, query: text.trim(), ...(!view && shared ? { shared: true } : {}) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: view ? `View “${saved.name}” updated` : `Saved as “${saved.name}”` });
          onSaved?.(saved);
          onClose();
        },
        onError: (error) => {
          // A mistake in the search comes back as invalid_query with the position; show it by the field.
          if (isApiError(error) && (error.code === 'invalid_query' || error.errors.some((e) => e.path?.endsWith('query')))) {
            setErrors({ query: error.detail });
          } else if (isApiError(error) && error.errors.some((e) => e.path?.endsWith('name'))) {
            setErrors({ name: error.detail });
          } else {
            setErrors({ form: errorMessage(error) });
          }
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={view ? 'Edit view' : 'Save as view'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="e.g. Billing escalations"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            maxLength={80}
            required
            data-autofocus
          />
          <Textarea
            label="Search"
            description="The tickets this view shows, in the search language."
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errors.query}
            autosize
            minRows={2}
            maxLength={1000}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            spellCheck={false}
          />
          {!view && canShare && (
            <Checkbox
              label="Share with the team"
              description="Everyone sees shared views in their navigation."
              checked={shared}
              onChange={(event) => setShared(event.currentTarget.checked)}
            />
          )}
          {!view && !canShare && (
            <Text size="xs" c="dimmed">
              Only you will see this view.
            </Text>
          )}
          {errors.form && (
            <Text size="sm" c="red.8" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {view ? 'Save changes' : 'Save view'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconWand } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { type MacroPreview, previewMacro, useApplyMacro, useMacros } from './api.ts';

const changeLabels: Record<string, string> = {
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  group_id: 'Group',
  assignee_id: 'Assignee',
  tier: 'Tier',
  category_id: 'Category',
  add_tags: 'Add tags',
  remove_tags: 'Remove tags',
};

function describeChange(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (field === 'assignee_id') return value === null ? 'nobody' : 'you';
  if (value === null) return 'none';
  return String(value).replace('_', ' ');
}

/**
 * Applies a macro to the ticket in one step: pick one, check (and edit) its reply and the changes it
 * makes, apply. Mounted in the ticket's reply area.
 */
export function MacroPicker({ ticketId, version }: { ticketId: number; version?: number }) {
  const macros = useMacros();
  const apply = useApplyMacro(ticketId);
  const [macroId, setMacroId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPreview(null);
    setError(null);
    if (!macroId) return;
    let cancelled = false;
    previewMacro(ticketId, Number(macroId)).then(
      (next) => {
        if (cancelled) return;
        setPreview(next);
        setReply(next.reply?.body ?? '');
      },
      (failure: unknown) => !cancelled && setError(errorMessage(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [macroId, ticketId]);

  if (!macros.data?.data.length) return null;
  const changes = Object.entries(preview?.changes ?? {}).filter(([, value]) => !(Array.isArray(value) && value.length === 0));

  return (
    <Stack gap="xs" mb="sm">
      <Select
        aria-label="Apply a macro"
        placeholder="Apply a macro…"
        leftSection={<IconWand size={16} />}
        data={macros.data.data.map((m) => ({ value: String(m.id), label: m.name }))}
        value={macroId}
        onChange={setMacroId}
        searchable
        clearable
        size="sm"
        maw={360}
      />
      {(preview || error) && (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          {error ? (
            <Text size="sm" c="red.8">
              {error}
            </Text>
          ) : (
            preview && (
              <Stack gap="xs">
                {changes.length > 0 && (
                  <Group gap={6}>
                    {changes.map(([field, value]) => (
                      <Badge key={field} variant="light" radius="sm" tt="none">
                        {changeLabels[field] ?? field}: {describeChange(field, value)}
                      </Badge>
                    ))}
                  </Group>
                )}
                {preview.reply && (
                  <Textarea
                    aria-label={preview.reply.public ? 'Reply to send' : 'Internal note to add'}
                    label={preview.reply.public ? 'Public reply' : 'Internal note'}
                    value={reply}
                    onChange={(event) => setReply(event.currentTarget.value)}
                    autosize
                    minRows={3}
                    maxRows={10}
                  />
                )}
                <Group gap="sm">
                  <Button
                    size="xs"
                    loading={apply.isPending}
                    disabled={preview.reply !== null && !reply.trim()}
                    onClick={() =>
                      apply.mutate(
                        {
                          macroId: preview.macro_id,
                          ...(version !== undefined ? { version } : {}),
                          ...(preview.reply && reply !== preview.reply.body ? { replyBody: reply } : {}),
                        },
                        {
                          onSuccess: () => {
                            notifications.show({ color: 'teal', message: 'Macro applied' });
                            setMacroId(null);
                          },
                          onError: (failure) => setError(errorMessage(failure)),
                        },
                      )
                    }
                  >
                    Apply macro
                  </Button>
                  <Button size="xs" variant="subtle" color="gray" onClick={() => setMacroId(null)}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            )
          )}
        </Paper>
      )}
    </Stack>
  );
}

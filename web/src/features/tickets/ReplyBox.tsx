import { Alert, Box, Button, Group, Kbd, Paper, SegmentedControl, Select, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconMessage, IconSend } from '@tabler/icons-react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useAddComment } from './api.ts';
import { nextStatuses, statusHints, statusLabels, submitStatuses } from './labels.ts';
import type { Ticket, TicketStatus } from './types.ts';

interface ReplyBoxProps {
  ticket: Ticket;
  /** Agents may write internal notes and pick the status to submit as; customers only reply. */
  agentMode: boolean;
}

function statusChoices(current: TicketStatus): TicketStatus[] {
  return submitStatuses.filter((status) => status === current || nextStatuses[current].includes(status));
}

function defaultStatus(current: TicketStatus): TicketStatus | null {
  const choices = statusChoices(current);
  if (choices.includes(current)) return current;
  return choices.includes('open') ? 'open' : (choices[0] ?? null);
}

export function ReplyBox({ ticket, agentMode }: ReplyBoxProps) {
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<TicketStatus | null>(() => defaultStatus(ticket.status));
  const [error, setError] = useState<string | null>(null);
  const addComment = useAddComment(ticket.id);
  const textareaId = useId();
  const internal = agentMode && mode === 'internal';

  // When the ticket's status changes (here or elsewhere), offer it as the new default.
  useEffect(() => setStatus(defaultStatus(ticket.status)), [ticket.status]);

  const choices = statusChoices(ticket.status);
  const closed = ticket.status === 'closed';

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(internal ? 'Write the note first.' : 'Write a reply first.');
      return;
    }
    setError(null);
    const sendStatus = agentMode && status && !closed ? status : undefined;
    addComment.mutate(
      { body: text, public: !internal, ...(sendStatus ? { status: sendStatus } : {}) },
      {
        onSuccess: () => {
          setBody('');
          notifications.show({
            color: 'teal',
            message: internal
              ? 'Internal note added'
              : sendStatus && sendStatus !== ticket.status
                ? `Reply sent · ticket is now ${statusLabels[sendStatus]}`
                : 'Reply sent',
          });
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  const label = internal ? 'Internal note' : agentMode ? `Reply to ${ticket.requester.name}` : 'Your reply';

  return (
    <Paper
      component="form"
      onSubmit={submit}
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      className={internal ? 'fl-note' : undefined}
      shadow="xs"
      aria-label={internal ? 'Add an internal note' : 'Reply'}
    >
      {agentMode && (
        <Group justify="space-between" mb="sm" gap="xs">
          <SegmentedControl
            size="sm"
            value={mode}
            onChange={(value) => setMode(value === 'internal' ? 'internal' : 'public')}
            aria-label="Message type"
            data={[
              {
                value: 'public',
                label: (
                  <Group gap={6} wrap="nowrap" justify="center">
                    <IconMessage size={15} aria-hidden="true" />
                    <span>Public reply</span>
                  </Group>
                ),
              },
              {
                value: 'internal',
                label: (
                  <Group gap={6} wrap="nowrap" justify="center">
                    <IconLock size={15} aria-hidden="true" />
                    <span>Internal note</span>
                  </Group>
                ),
              },
            ]}
            styles={internal ? { root: { background: 'rgba(255,255,255,0.6)' } } : undefined}
          />
          <Text size="xs" c={internal ? 'var(--fl-note-text)' : 'dimmed'} fw={internal ? 600 : 400}>
            {internal
              ? 'Only agents can see this'
              : ticket.requester.email
                ? `To ${ticket.requester.email}`
                : `To ${ticket.requester.name}`}
          </Text>
        </Group>
      )}

      {closed && (
        <Alert color="gray" variant="light" mb="sm" p="xs">
          <Text size="sm">This ticket is closed. A reply starts a follow-up ticket.</Text>
        </Alert>
      )}

      <Textarea
        id={textareaId}
        label={label}
        labelProps={{ style: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } }}
        placeholder={internal ? 'Add a note for your team…' : agentMode ? 'Write your reply…' : 'Add a message for our support team…'}
        autosize
        minRows={4}
        maxRows={16}
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
        }}
        error={error}
        styles={{ input: { background: internal ? 'rgba(255,255,255,0.75)' : 'white', fontSize: 14, lineHeight: 1.55 } }}
      />

      <Group justify="space-between" mt="sm" gap="sm" wrap="wrap">
        <Text size="xs" c="dimmed" visibleFrom="sm">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> to send
        </Text>
        <Group gap="sm" wrap="nowrap" ml="auto" align="flex-end">
          {agentMode && !closed && choices.length > 0 && (
            <Select<TicketStatus>
              aria-label="Submit as status"
              value={status}
              onChange={(value) => setStatus(value)}
              data={choices.map((value) => ({ value, label: `Submit as ${statusLabels[value]}` }))}
              renderOption={({ option }) => (
                <Box>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {statusHints[option.value]}
                  </Text>
                </Box>
              )}
              allowDeselect={false}
              w={{ base: 170, sm: 190 }}
              comboboxProps={{ position: 'top-end', width: 260 }}
            />
          )}
          <Button
            type="submit"
            loading={addComment.isPending}
            leftSection={<IconSend size={16} />}
            color={internal ? '#8f6500' : undefined}
          >
            {internal ? 'Add note' : 'Send'}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

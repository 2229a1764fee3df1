import {
  ActionIcon,
  Alert,
  Box,
  Button,
  FileButton,
  Group,
  Kbd,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLock, IconMessage, IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { type DragEvent, type FormEvent, type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api.ts';
import { useShortcuts } from '../workspace/shortcuts.ts';
import { uploadAttachment, useAddComment } from './api.ts';
import { fieldErrorsOf } from './changes.ts';
import { nextStatuses, statusHints, statusLabels, submitStatuses } from './labels.ts';
import type { Attachment, Ticket, TicketStatus } from './types.ts';

export interface ReplyControls {
  /** Puts the cursor in the box, as a public reply or an internal note. */
  focus: (mode: 'public' | 'internal') => void;
}

interface ReplyBoxProps {
  ticket: Ticket;
  /** Agents may write internal notes and pick the status to submit as; customers only reply. */
  agentMode: boolean;
  controls?: Ref<ReplyControls>;
  /** Told whether there is a draft, so others can see "is replying". */
  onDraftChange?: (hasDraft: boolean) => void;
  /** Validation errors by field (e.g. a resolution code needed to solve), for the properties panel. */
  onFieldErrors?: (errors: Record<string, string>) => void;
}

interface Upload {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  /** Short reason, and the server's full explanation (in a tooltip). */
  error?: string;
  detail?: string;
}

function statusChoices(current: TicketStatus): TicketStatus[] {
  return submitStatuses.filter((status) => status === current || nextStatuses[current].includes(status));
}

function defaultStatus(current: TicketStatus): TicketStatus | null {
  const choices = statusChoices(current);
  if (choices.includes(current)) return current;
  return choices.includes('open') ? 'open' : (choices[0] ?? null);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ReplyBox({ ticket, agentMode, controls, onDraftChange, onFieldErrors }: ReplyBoxProps) {
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<TicketStatus | null>(() => defaultStatus(ticket.status));
  const [error, setError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const addComment = useAddComment(ticket.id);
  const textareaId = useId();
  const internal = agentMode && mode === 'internal';

  // When the ticket's status changes (here or elsewhere), offer it as the new default.
  useEffect(() => setStatus(defaultStatus(ticket.status)), [ticket.status]);

  const hasDraft = body.trim().length > 0;
  useEffect(() => onDraftChange?.(hasDraft), [hasDraft, onDraftChange]);

  useImperativeHandle(controls, () => ({
    focus: (next) => {
      if (agentMode) setMode(next);
      textarea.current?.focus();
      textarea.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
  }));

  const choices = statusChoices(ticket.status);
  const closed = ticket.status === 'closed';
  const uploading = uploads.some((upload) => upload.status === 'uploading');

  const addFiles = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, status: 'uploading' }]);
      uploadAttachment(ticket.id, file).then(
        (attachment) => setUploads((list) => list.map((item) => (item.key === key ? { ...item, status: 'done', attachment } : item))),
        (failure: unknown) => {
          const reason =
            isApiError(failure) && failure.code === 'unsupported_media_type'
              ? 'this file type is not accepted'
              : isApiError(failure) && failure.code === 'payload_too_large'
                ? 'the file is too large'
                : errorMessage(failure);
          setUploads((list) =>
            list.map((item) => (item.key === key ? { ...item, status: 'failed', error: reason, detail: errorMessage(failure) } : item)),
          );
        },
      );
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(internal ? 'Write the note first.' : 'Write a reply first.');
      return;
    }
    if (uploading) {
      setError('Wait for the attachments to finish uploading.');
      return;
    }
    setError(null);
    const sendStatus = agentMode && status && !closed ? status : undefined;
    const attachmentIds = uploads.flatMap((upload) => (upload.attachment ? [upload.attachment.id] : []));
    addComment.mutate(
      {
        body: text,
        public: !internal,
        ...(sendStatus ? { status: sendStatus } : {}),
        ...(attachmentIds.length ? { attachment_ids: attachmentIds } : {}),
      },
      {
        onSuccess: () => {
          setBody('');
          setUploads([]);
          onFieldErrors?.({});
          notifications.show({
            color: 'teal',
            message: internal
              ? 'Internal note added'
              : sendStatus && sendStatus !== ticket.status
                ? `Reply sent · ticket is now ${statusLabels[sendStatus]}`
                : 'Reply sent',
          });
        },
        onError: (failure) => {
          const byField = fieldErrorsOf(failure);
          if (Object.keys(byField).length) onFieldErrors?.(byField);
          setError(
            byField.resolution_code ? `${errorMessage(failure)} Pick one under Properties, then send again.` : errorMessage(failure),
          );
        },
      },
    );
  };

  useShortcuts({
    'mod+enter': () => {
      if (!body.trim()) return false;
      submit();
    },
  });

  const label = internal ? 'Internal note' : agentMode ? `Reply to ${ticket.requester.name}` : 'Your reply';

  const dragProps = {
    onDragEnter: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      dragDepth.current += 1;
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDragLeave: () => {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!event.dataTransfer.files.length) return;
      event.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      addFiles([...event.dataTransfer.files]);
    },
  };

  return (
    <Paper
      component="form"
      onSubmit={submit}
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      className={internal ? 'fl-note fl-dropzone' : 'fl-dropzone'}
      data-dragging={dragging || undefined}
      shadow="xs"
      aria-label={internal ? 'Add an internal note' : 'Reply'}
      {...dragProps}
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
        ref={textarea}
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
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            submit();
          }
        }}
        aria-keyshortcuts={agentMode ? (internal ? 'n' : 'r') : undefined}
        error={error}
        styles={{ input: { background: internal ? 'rgba(255,255,255,0.75)' : 'white', fontSize: 14, lineHeight: 1.55 } }}
      />

      {uploads.length > 0 && (
        <Group gap={6} mt="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attachments">
          {uploads.map((upload) => (
            <Box
              component="li"
              key={upload.key}
              className="fl-attachment-chip"
              data-failed={upload.status === 'failed' || undefined}
              title={upload.detail}
            >
              {upload.status === 'uploading' ? (
                <Loader size={12} aria-label="Uploading" />
              ) : upload.status === 'failed' ? (
                <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-label="Upload failed" />
              ) : (
                <IconPaperclip size={14} aria-hidden="true" />
              )}
              <Text span size="xs" fw={500} truncate={upload.status === 'failed' ? undefined : 'end'} maw={180}>
                {upload.name}
              </Text>
              <Text span size="xs" c={upload.status === 'failed' ? 'red.8' : 'dimmed'} lineClamp={2}>
                {upload.status === 'failed' ? `not attached: ${upload.error ?? 'upload failed'}` : formatBytes(upload.size)}
              </Text>
              <ActionIcon
                size="xs"
                variant="subtle"
                color="gray"
                aria-label={`Remove ${upload.name}`}
                onClick={() => setUploads((list) => list.filter((item) => item.key !== upload.key))}
              >
                <IconX size={12} />
              </ActionIcon>
            </Box>
          ))}
        </Group>
      )}

      <Group justify="space-between" mt="sm" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          <FileButton onChange={(files) => addFiles(files)} multiple>
            {(props) => (
              <Tooltip label="Attach files (or drop them here)">
                <Button {...props} variant="subtle" color="gray" size="sm" px={8} leftSection={<IconPaperclip size={16} />}>
                  Attach
                </Button>
              </Tooltip>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> to send
          </Text>
        </Group>
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
            disabled={uploading}
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

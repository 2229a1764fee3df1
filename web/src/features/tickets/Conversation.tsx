import { Anchor, Avatar, Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconLock, IconPaperclip } from '@tabler/icons-react';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import type { Group as TeamGroup, User } from '../../app/types.ts';
import { useNow } from '../../app/useNow.ts';
import { channelLabel, statusLabels, typeLabels } from './labels.ts';
import type { Attachment, Comment, TicketEvent, TicketStatus, TicketType } from './types.ts';

interface ConversationProps {
  comments: Comment[];
  events?: TicketEvent[] | undefined;
  agents?: User[] | undefined;
  groups?: TeamGroup[] | undefined;
  /** Set for customers: their own messages are "You". */
  viewerCustomer?: boolean;
}

type Entry =
  | { kind: 'comment'; at: number; id: number; comment: Comment }
  | { kind: 'activity'; at: number; id: number; events: TicketEvent[] };

const shownFields = new Set(['status', 'priority', 'type', 'assignee_id', 'group_id']);

/** Comments oldest first, with property changes by agents woven in as quiet one-line entries. */
export function Conversation({ comments, events = [], agents = [], groups = [], viewerCustomer = false }: ConversationProps) {
  const now = useNow();
  const entries: Entry[] = comments.map((comment) => ({ kind: 'comment', at: Date.parse(comment.created_at), id: comment.id, comment }));

  // Changes made together read as one line.
  let pending: TicketEvent[] = [];
  const flush = () => {
    const first = pending[0];
    if (first) entries.push({ kind: 'activity', at: Date.parse(first.created_at), id: first.id, events: pending });
    pending = [];
  };
  for (const event of events) {
    const visible =
      (event.type === 'ticket.field_changed' && event.field && shownFields.has(event.field)) || event.type === 'ticket.merged';
    if (!visible) continue;
    const first = pending[0];
    // Changes saved together share one timestamp (one transaction).
    if (first && (first.actor?.name !== event.actor?.name || first.created_at !== event.created_at)) flush();
    pending.push(event);
  }
  flush();
  entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.id - b.id : a.kind === 'comment' ? -1 : 1));

  const names = {
    agent: (id: unknown) => agents.find((agent) => agent.id === id)?.name ?? (id === null ? 'nobody' : `agent #${String(id)}`),
    group: (id: unknown) => groups.find((group) => group.id === id)?.name ?? (id === null ? 'no group' : `group #${String(id)}`),
  };

  return (
    <Stack gap="md" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Conversation">
      {entries.map((entry) =>
        entry.kind === 'comment' ? (
          <Box component="li" key={`c${entry.id}`}>
            <CommentItem comment={entry.comment} now={now} viewerCustomer={viewerCustomer} />
          </Box>
        ) : (
          <Box component="li" key={`e${entry.id}`}>
            <ActivityLine events={entry.events} now={now} describe={(event) => describeChange(event, names)} />
          </Box>
        ),
      )}
    </Stack>
  );
}

function CommentItem({ comment, now, viewerCustomer }: { comment: Comment; now: number; viewerCustomer: boolean }) {
  const internal = !comment.public;
  const { author } = comment;
  const avatarColor = author.type === 'customer' ? 'teal' : author.type === 'system' ? 'gray' : 'brand';
  const name = viewerCustomer && author.type === 'customer' ? 'You' : author.name || 'Unknown';
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <Avatar
        size={36}
        radius="xl"
        color={avatarColor}
        variant={author.type === 'agent' ? 'filled' : 'light'}
        mt={2}
        visibleFrom="xs"
        aria-hidden="true"
      >
        {initials(author.name || '?')}
      </Avatar>
      <Paper
        withBorder
        radius="md"
        px={{ base: 'sm', sm: 'md' }}
        py="sm"
        style={{ flex: 1, minWidth: 0 }}
        className={internal ? 'fl-note' : undefined}
        component="article"
        aria-label={`${internal ? 'Internal note' : 'Message'} from ${name}`}
      >
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb={6}>
          <Box style={{ minWidth: 0 }}>
            <Group gap={8} wrap="wrap" style={{ rowGap: 2 }}>
              <Text fw={600} size="sm">
                {name}
              </Text>
              {author.type === 'customer' && !viewerCustomer && (
                <Text size="xs" c="teal.9" fw={500}>
                  Requester
                </Text>
              )}
              {comment.channel && (
                <Text size="xs" c="dimmed">
                  via {channelLabel(comment.channel)}
                </Text>
              )}
            </Group>
          </Box>
          <Tooltip label={formatDateTime(comment.created_at)}>
            <Text size="xs" c="dimmed" component="time" dateTime={comment.created_at} style={{ whiteSpace: 'nowrap' }}>
              {relativeTime(comment.created_at, now)}
            </Text>
          </Tooltip>
        </Group>
        {internal && (
          <Group gap={4} mb={6} c="var(--fl-note-text)">
            <IconLock size={13} stroke={2.2} aria-hidden="true" />
            <Text size="xs" fw={700} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
              Internal note
            </Text>
          </Group>
        )}
        <Text size="sm" className="fl-comment-body">
          {comment.body}
        </Text>
        {comment.attachments.length > 0 && <Attachments attachments={comment.attachments} />}
      </Paper>
    </Group>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function Attachments({ attachments }: { attachments: Attachment[] }) {
  return (
    <Group gap="xs" mt="sm">
      {attachments.map((file) => (
        <Anchor
          key={file.id}
          href={file.url}
          target="_blank"
          rel="noopener"
          size="xs"
          px={8}
          py={4}
          style={{
            border: '1px solid var(--fl-border)',
            borderRadius: 6,
            background: 'white',
            display: 'inline-flex',
            alignItems: 'center',
            gap: 4,
          }}
        >
          <IconPaperclip size={13} aria-hidden="true" />
          {file.filename}
          <Text span size="xs" c="dimmed">
            {formatBytes(file.size_bytes)}
          </Text>
        </Anchor>
      ))}
    </Group>
  );
}

function ActivityLine({ events, now, describe }: { events: TicketEvent[]; now: number; describe: (event: TicketEvent) => string }) {
  const first = events[0];
  if (!first) return null;
  const who = first.actor?.name ?? 'Frontline';
  return (
    <Group gap={8} wrap="nowrap" pl={{ base: 0, xs: 6 }} align="flex-start">
      <Box visibleFrom="xs" w={24} style={{ display: 'flex', justifyContent: 'center' }} mt={1} c="gray.6">
        <IconArrowsExchange size={15} stroke={1.8} aria-hidden="true" />
      </Box>
      <Text size="xs" c="dimmed" style={{ flex: 1 }}>
        <Text span inherit fw={600} c="gray.8">
          {who}
        </Text>{' '}
        {events.map(describe).join(', ')}
        {' · '}
        <Tooltip label={formatDateTime(first.created_at)}>
          <Text span inherit component="time" dateTime={first.created_at}>
            {relativeTime(first.created_at, now)}
          </Text>
        </Tooltip>
      </Text>
    </Group>
  );
}

function describeChange(event: TicketEvent, names: { agent: (id: unknown) => string; group: (id: unknown) => string }): string {
  if (event.type === 'ticket.merged') return 'merged this ticket into another';
  const { field, before, after } = event;
  switch (field) {
    case 'status':
      return `changed status ${from(before, (v) => statusLabels[v as TicketStatus])}to ${statusLabels[after as TicketStatus] ?? String(after)}`;
    case 'priority':
      return `set priority ${from(before, (v) => String(v).toUpperCase())}to ${String(after).toUpperCase()}`;
    case 'type':
      return `set type to ${typeLabels[after as TicketType] ?? String(after)}`;
    case 'assignee_id':
      return after === null ? 'unassigned the ticket' : `assigned to ${names.agent(after)}`;
    case 'group_id':
      return after === null ? 'removed the group' : `moved to ${names.group(after)}`;
    default:
      return `changed ${field ?? 'the ticket'}`;
  }
}

function from(value: unknown, label: (value: unknown) => string | undefined): string {
  if (value === null || value === undefined) return '';
  return `from ${label(value) ?? String(value)} `;
}

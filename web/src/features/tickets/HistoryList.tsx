import { Anchor, Avatar, Box, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import type { Group as TeamGroup, User } from '../../app/types.ts';
import { useNow } from '../../app/useNow.ts';
import { fieldNames } from './changes.ts';
import { channelLabel, priorityLabels, statusLabels, typeLabels } from './labels.ts';
import { categoryLabel } from './PropertiesPanel.tsx';
import type { Category, CustomField, ResolutionCode, TicketEvent, TicketPriority, TicketStatus, TicketType } from './types.ts';

interface HistoryProps {
  events: TicketEvent[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  agents: User[] | undefined;
  groups: TeamGroup[] | undefined;
  categories: Category[] | undefined;
  customFields: CustomField[] | undefined;
  resolutionCodes: ResolutionCode[] | undefined;
}

interface Row {
  what: string;
  before?: ReactNode;
  after?: ReactNode;
  detail?: ReactNode;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const ticketLink = (id: unknown) =>
  typeof id === 'number' ? (
    <Anchor component={Link} to={`/tickets/${id}`} inherit>
      #{id}
    </Anchor>
  ) : (
    '—'
  );

/** Every recorded event of the ticket, newest first: who changed what, from what to what, and when. */
export function HistoryList({ events, loading, error, onRetry, agents, groups, categories, customFields, resolutionCodes }: HistoryProps) {
  const now = useNow();
  if (loading) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading history">
        {[60, 75, 50, 68].map((width) => (
          <Group key={width} gap="sm" wrap="nowrap">
            <Skeleton h={24} w={24} circle />
            <Skeleton h={10} w={`${width}%`} />
          </Group>
        ))}
      </Stack>
    );
  }
  if (!events) return <ErrorState title="Could not load the history" error={error} onRetry={onRetry} />;
  if (events.length === 0) {
    return (
      <Paper withBorder p="lg" ta="center">
        <Text c="dimmed" size="sm">
          Nothing recorded yet.
        </Text>
      </Paper>
    );
  }

  const value = (field: string | null, raw: unknown): ReactNode => {
    if (raw === null || raw === undefined || raw === '')
      return (
        <Text span inherit c="dimmed">
          none
        </Text>
      );
    switch (field) {
      case 'status':
        return statusLabels[raw as TicketStatus] ?? String(raw);
      case 'priority':
        return priorityLabels[raw as TicketPriority] ?? String(raw);
      case 'type':
        return typeLabels[raw as TicketType] ?? String(raw);
      case 'assignee_id':
        return agents?.find((agent) => agent.id === raw)?.name ?? `agent #${String(raw)}`;
      case 'group_id':
        return groups?.find((group) => group.id === raw)?.name ?? `group #${String(raw)}`;
      case 'category_id': {
        const category = categories?.find((item) => item.id === raw);
        return category ? categoryLabel(categories, category) : `category #${String(raw)}`;
      }
      case 'tier':
        return `Tier ${String(raw)}`;
      case 'resolution_code':
        return resolutionCodes?.find((code) => code.code === raw)?.label ?? String(raw);
      case 'tags':
        return Array.isArray(raw) && raw.length ? (
          raw.map((tag) => `#${String(tag)}`).join(' ')
        ) : (
          <Text span inherit c="dimmed">
            none
          </Text>
        );
      default:
        return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    }
  };

  const describe = (event: TicketEvent): Row => {
    const after = asRecord(event.after);
    switch (event.type) {
      case 'ticket.created':
        return { what: 'Created the ticket', detail: event.channel ? `via ${channelLabel(event.channel)}` : undefined };
      case 'comment.added':
        return {
          what: after.author === 'customer' ? 'Customer message' : after.public === false ? 'Internal note' : 'Public reply',
          detail: event.channel ? `via ${channelLabel(event.channel)}` : undefined,
        };
      case 'ticket.merged':
        return { what: 'Merged', detail: <>into {ticketLink(after.into)}</> };
      case 'ticket.merge_received':
        return { what: 'Merge received', detail: <>{ticketLink(after.from)} was merged into this ticket</> };
      case 'ticket.reopened':
        return { what: 'Reopened' };
      case 'ticket.linked':
        return {
          what: 'Linked',
          detail: (
            <>
              {ticketLink(after.ticket_id)} as {String(after.kind ?? 'related').replace('_', ' ')}
            </>
          ),
        };
      case 'ticket.unlinked': {
        const before = asRecord(event.before);
        return { what: 'Link removed', detail: <>{ticketLink(before.ticket_id)}</> };
      }
      case 'ticket.follow_up_created':
        return { what: 'Follow-up opened', detail: ticketLink(after.ticket_id) };
      case 'ticket.field_changed': {
        const field = event.field ?? '';
        const name = fieldNames[field] ?? field;
        const label = name.charAt(0).toUpperCase() + name.slice(1);
        if (field === 'tags' && Array.isArray(event.before) && Array.isArray(event.after)) {
          const before = new Set(event.before.map(String));
          const now = new Set(event.after.map(String));
          const added = [...now].filter((tag) => !before.has(tag));
          const removed = [...before].filter((tag) => !now.has(tag));
          return {
            what: 'Tags',
            detail: [
              added.length ? `added ${added.map((t) => `#${t}`).join(' ')}` : '',
              removed.length ? `removed ${removed.map((t) => `#${t}`).join(' ')}` : '',
            ]
              .filter(Boolean)
              .join(', '),
          };
        }
        if (field === 'custom_fields') {
          const before = asRecord(event.before);
          const now = asRecord(event.after);
          const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter(
            (key) => JSON.stringify(before[key]) !== JSON.stringify(now[key]),
          );
          return {
            what: 'Custom fields',
            detail: keys
              .map(
                (key) =>
                  `${customFields?.find((item) => item.key === key)?.label ?? key}: ${before[key] ?? 'none'} → ${now[key] ?? 'none'}`,
              )
              .join('; '),
          };
        }
        return { what: label, before: value(field, event.before), after: value(field, event.after) };
      }
      default:
        return { what: event.type.replace(/^ticket\./, '').replaceAll('_', ' ') };
    }
  };

  const newestFirst = [...events].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);

  return (
    <Paper withBorder radius="md" p={0} component="section" aria-label="History">
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
        {newestFirst.map((event, index) => {
          const row = describe(event);
          const who = event.actor?.name || (event.actor?.type === 'customer' ? 'Customer' : 'Frontline');
          return (
            <Box
              component="li"
              key={event.id}
              px={{ base: 'sm', sm: 'md' }}
              py={10}
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Avatar
                  size={26}
                  radius="xl"
                  color={event.actor?.type === 'customer' ? 'teal' : event.actor ? 'brand' : 'gray'}
                  variant="light"
                  fz={10}
                  aria-hidden="true"
                >
                  {initials(who)}
                </Avatar>
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" style={{ minWidth: 0 }}>
                      <Text span inherit fw={600}>
                        {who}
                      </Text>
                      <Text span inherit c="dimmed">
                        {' · '}
                        {row.what}
                      </Text>
                    </Text>
                    <Tooltip label={formatDateTime(event.created_at)}>
                      <Text size="xs" c="dimmed" component="time" dateTime={event.created_at} style={{ whiteSpace: 'nowrap' }}>
                        {relativeTime(event.created_at, now)}
                      </Text>
                    </Tooltip>
                  </Group>
                  {row.before !== undefined && (
                    <Group gap={6} mt={2} wrap="wrap" className="fl-history-value">
                      <Text span inherit c="dimmed">
                        {row.before}
                      </Text>
                      <IconArrowRight size={13} aria-label="changed to" />
                      <Text span inherit fw={600}>
                        {row.after}
                      </Text>
                    </Group>
                  )}
                  {row.detail && (
                    <Text size="xs" c="dimmed" mt={2} className="fl-history-value">
                      {row.detail}
                    </Text>
                  )}
                </Box>
              </Group>
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}

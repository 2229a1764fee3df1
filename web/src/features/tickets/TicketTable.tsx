import { Avatar, Box, Checkbox, Group, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { ChangeEvent, ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { LazyTooltip } from '../../app/LazyTooltip.tsx';
import type { User } from '../../app/types.ts';
import { useNow } from '../../app/useNow.ts';
import { PriorityBadge, SlaBadge, StatusBadge } from './Badges.tsx';
import type { Ticket } from './types.ts';
import type { Sort, SortField } from './views.ts';

interface TicketResultsProps {
  tickets: Ticket[];
  agent: boolean;
  me: User;
  selectable: boolean;
  selected: ReadonlySet<number>;
  onToggle: (index: number, range: boolean) => void;
  onToggleAll: () => void;
  cursor: number;
  onCursor: (index: number) => void;
  sort: Sort;
  onSort: ((field: SortField) => void) | undefined;
}

/** Mantine's `sm` breakpoint: tables from there, stacked cards below. */
const wideQuery = '(min-width: 48em)';
const matchesNow = (query: string) => (typeof window === 'undefined' || !window.matchMedia ? true : window.matchMedia(query).matches);

const sortLabels: Record<SortField, string> = {
  id: 'ID',
  status: 'status',
  priority: 'priority',
  updated: 'last update',
  created: 'creation date',
  sla: 'SLA deadline',
};

/** The ticket list: a table on wide screens, stacked cards on phones; both selectable. */
export function TicketResults({
  tickets,
  agent,
  me,
  selectable,
  selected,
  onToggle,
  onToggleAll,
  cursor,
  onCursor,
  sort,
  onSort,
}: TicketResultsProps) {
  const navigate = useNavigate();
  const now = useNow();
  // One layout in the DOM, not both hidden by CSS: a list of 50 tickets renders half the components.
  const wide = useMediaQuery(wideQuery, matchesNow(wideQuery), { getInitialValueInEffect: false });
  const open = (id: number) => navigate(`/tickets/${id}`);
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
  const someSelected = !allSelected && tickets.some((ticket) => selected.has(ticket.id));

  // Shift+click on a checkbox selects the range from the last one clicked (a checkbox's change comes from a click).
  const checkboxChange = (index: number) => (event: ChangeEvent<HTMLInputElement>) => {
    const native = event.nativeEvent as Partial<MouseEvent>;
    onToggle(index, native.shiftKey === true);
  };

  const header = (field: SortField, label: string, width: number | string | undefined) =>
    onSort ? <SortableTh field={field} label={label} w={width} sort={sort} onSort={onSort} /> : <Th w={width}>{label}</Th>;

  return (
    <>
      {wide && (
        <Table.ScrollContainer minWidth={agent ? 920 : 560} type="native">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover={false} stickyHeader aria-label="Tickets">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                {selectable && (
                  <Table.Th w={44} pr={0}>
                    <Checkbox
                      size="xs"
                      aria-label={allSelected ? 'Unselect all tickets' : 'Select all tickets shown'}
                      checked={allSelected}
                      indeterminate={someSelected}
                      onChange={onToggleAll}
                    />
                  </Table.Th>
                )}
                {header('id', 'ID', 84)}
                <Th>Subject</Th>
                {agent && <Th w="13%">Requester</Th>}
                {header('status', 'Status', agent ? 108 : 170)}
                {agent && header('priority', 'Priority', 96)}
                {agent && header('sla', 'SLA', 96)}
                {agent && <Th w="14%">Assignee</Th>}
                {header('updated', 'Updated', 120)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tickets.map((ticket, index) => {
                const checked = selected.has(ticket.id);
                return (
                  <Table.Tr
                    key={ticket.id}
                    className="fl-ticket-row"
                    data-ticket-index={index}
                    data-selected={checked || undefined}
                    data-cursor={cursor === index || undefined}
                    onFocusCapture={() => onCursor(index)}
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a, button, input, label')) return;
                      if (event.shiftKey && selectable) {
                        onToggle(index, true);
                        return;
                      }
                      open(ticket.id);
                    }}
                  >
                    {selectable && (
                      <Table.Td pr={0}>
                        <Checkbox size="xs" aria-label={`Select ticket #${ticket.id}`} checked={checked} onChange={checkboxChange(index)} />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Text size="sm" c="dimmed" ff="monospace">
                        #{ticket.id}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={0}>
                      <Link to={`/tickets/${ticket.id}`} className="fl-row-link">
                        <Text span size="sm" fw={600} truncate="end" display="block">
                          {ticket.subject}
                        </Text>
                      </Link>
                      {ticket.tags.length > 0 && (
                        <Text size="xs" c="dimmed" truncate="end" mt={2}>
                          {ticket.tags.map((tag) => `#${tag}`).join('  ')}
                        </Text>
                      )}
                    </Table.Td>
                    {agent && (
                      <Table.Td maw={0}>
                        <Text size="sm" truncate="end">
                          {ticket.requester.name}
                        </Text>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <StatusBadge status={ticket.status} customer={!agent} />
                    </Table.Td>
                    {agent && (
                      <Table.Td>
                        <PriorityBadge priority={ticket.priority} />
                      </Table.Td>
                    )}
                    {agent && (
                      <Table.Td>
                        <SlaBadge sla={ticket.sla} now={now} />
                      </Table.Td>
                    )}
                    {agent && (
                      <Table.Td maw={0}>
                        <Assignee ticket={ticket} meId={me.id} />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <LazyTooltip label={formatDateTime(ticket.updated_at)}>
                        <Text size="sm" c="dimmed" component="time" dateTime={ticket.updated_at} style={{ whiteSpace: 'nowrap' }}>
                          {relativeTime(ticket.updated_at, now)}
                        </Text>
                      </LazyTooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {/* Phones get a stacked list instead of a table that would need sideways scrolling. */}
      {!wide && (
        <Box>
          {selectable && (
            <Group px="md" py={8} gap="sm" bg="gray.0" style={{ borderBottom: '1px solid var(--fl-border)' }} justify="space-between">
              <Checkbox
                size="sm"
                label={allSelected ? 'Unselect all' : 'Select all'}
                checked={allSelected}
                indeterminate={someSelected}
                onChange={onToggleAll}
              />
              {onSort && <PhoneSort sort={sort} onSort={onSort} />}
            </Group>
          )}
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Tickets">
            {tickets.map((ticket, index) => {
              const checked = selected.has(ticket.id);
              return (
                <Box
                  component="li"
                  key={ticket.id}
                  data-ticket-index={index}
                  data-selected={checked || undefined}
                  data-cursor={cursor === index || undefined}
                  className="fl-ticket-item"
                  style={index > 0 ? { borderTop: '1px solid var(--fl-border)' } : undefined}
                  onFocusCapture={() => onCursor(index)}
                >
                  <Group gap={0} wrap="nowrap" align="stretch">
                    {selectable && (
                      <Box pl="md" pt={14}>
                        <Checkbox size="sm" aria-label={`Select ticket #${ticket.id}`} checked={checked} onChange={checkboxChange(index)} />
                      </Box>
                    )}
                    <Link to={`/tickets/${ticket.id}`} className="fl-ticket-card fl-row-link" style={{ flex: 1, minWidth: 0 }}>
                      <Stack gap={6} px="md" py={12}>
                        <Group justify="space-between" gap="xs" wrap="nowrap">
                          <Text size="xs" c="dimmed" truncate="end">
                            <Text span ff="monospace" inherit>
                              #{ticket.id}
                            </Text>
                            {agent ? ` · ${ticket.requester.name}` : ''}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {relativeTime(ticket.updated_at, now)}
                          </Text>
                        </Group>
                        <Text fw={600} size="sm" lineClamp={2}>
                          {ticket.subject}
                        </Text>
                        <Group gap={6} wrap="nowrap">
                          <StatusBadge status={ticket.status} customer={!agent} />
                          {agent && <PriorityBadge priority={ticket.priority} />}
                          {agent && <SlaBadge sla={ticket.sla} now={now} />}
                          {agent && (
                            <Box style={{ minWidth: 0 }} ml={4}>
                              <Assignee ticket={ticket} meId={me.id} compact />
                            </Box>
                          )}
                        </Group>
                      </Stack>
                    </Link>
                  </Group>
                </Box>
              );
            })}
          </Box>
        </Box>
      )}
    </>
  );
}

function Th({ children, w }: { children: ReactNode; w?: number | string | undefined }) {
  return (
    <Table.Th w={w} fz="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}>
      {children}
    </Table.Th>
  );
}

function SortableTh({
  field,
  label,
  w,
  sort,
  onSort,
}: {
  field: SortField;
  label: string;
  w: number | string | undefined;
  sort: Sort;
  onSort: (field: SortField) => void;
}) {
  const active = sort.field === field;
  const SortIcon = !active ? IconSelector : sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      w={w}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      <UnstyledButton
        onClick={() => onSort(field)}
        className="fl-sort-button"
        data-active={active || undefined}
        aria-label={`Sort by ${sortLabels[field]}${active ? `, now ${sort.direction === 'asc' ? 'ascending' : 'descending'}` : ''}`}
      >
        <Text span fz="xs" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          {label}
        </Text>
        <SortIcon size={13} stroke={2} aria-hidden="true" />
      </UnstyledButton>
    </Table.Th>
  );
}

const phoneSortFields: SortField[] = ['updated', 'sla', 'priority', 'status', 'id'];

function PhoneSort({ sort, onSort }: { sort: Sort; onSort: (field: SortField) => void }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs" c="dimmed" component="label" htmlFor="fl-phone-sort">
        Sort
      </Text>
      <select
        id="fl-phone-sort"
        className="fl-native-select"
        value={sort.field}
        onChange={(event) => onSort(event.currentTarget.value as SortField)}
      >
        {phoneSortFields.map((field) => (
          <option key={field} value={field}>
            {field === 'id'
              ? 'Ticket ID'
              : field === 'updated'
                ? 'Last update'
                : field === 'sla'
                  ? 'SLA deadline'
                  : field.charAt(0).toUpperCase() + field.slice(1)}
          </option>
        ))}
      </select>
      <UnstyledButton
        onClick={() => onSort(sort.field)}
        aria-label={`Sort ${sort.direction === 'asc' ? 'descending' : 'ascending'}`}
        className="fl-sort-button"
        data-active
      >
        {sort.direction === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />}
      </UnstyledButton>
    </Group>
  );
}

function Assignee({ ticket, meId, compact = false }: { ticket: Ticket; meId: number; compact?: boolean }) {
  if (!ticket.assignee) {
    return (
      <Text size={compact ? 'xs' : 'sm'} c="dimmed" fs="italic">
        Unassigned
      </Text>
    );
  }
  const me = ticket.assignee.id === meId;
  return (
    <Group gap={8} wrap="nowrap">
      {!compact && (
        <Avatar size={22} radius="xl" color={me ? 'brand' : 'gray'} variant="light" fz={10}>
          {initials(ticket.assignee.name)}
        </Avatar>
      )}
      <Text size={compact ? 'xs' : 'sm'} truncate="end" c={compact ? 'dimmed' : undefined} fw={me && !compact ? 500 : undefined}>
        {me ? 'You' : ticket.assignee.name}
      </Text>
    </Group>
  );
}

export function ListSkeleton({ agent }: { agent: boolean }) {
  return (
    <Box role="status" aria-label="Loading tickets">
      <Box visibleFrom="sm">
        <Group px="md" py={12} bg="gray.0" style={{ borderBottom: '1px solid var(--fl-border)' }}>
          <Skeleton h={10} w={40} />
          <Skeleton h={10} w={80} />
        </Group>
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Group key={index} px="md" py={14} gap="lg" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Skeleton h={12} w={44} />
            <Skeleton h={12} style={{ flex: 1 }} maw={`${50 + ((index * 13) % 35)}%`} />
            {agent && <Skeleton h={12} w={110} />}
            <Skeleton h={20} w={64} radius="sm" />
            {agent && <Skeleton h={20} w={40} radius="sm" />}
            {agent && <Skeleton h={12} w={100} />}
            <Skeleton h={12} w={70} />
          </Group>
        ))}
      </Box>
      <Stack hiddenFrom="sm" gap={0}>
        {Array.from({ length: 6 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Stack key={index} gap={8} px="md" py={14} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Skeleton h={10} w="40%" />
            <Skeleton h={14} w="85%" />
            <Group gap={6}>
              <Skeleton h={18} w={56} radius="sm" />
              <Skeleton h={18} w={36} radius="sm" />
            </Group>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

import {
  Alert,
  Anchor,
  Box,
  Button,
  CloseButton,
  Group,
  List,
  Menu,
  Modal,
  Paper,
  Popover,
  Radio,
  ScrollArea,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowMerge,
  IconChevronDown,
  IconFlag,
  IconProgressCheck,
  IconTag,
  IconUserShare,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import type { Group as TeamGroup, User } from '../../app/types.ts';
import { useBulkUpdate, useMergeTickets } from './api.ts';
import { PriorityBadge, StatusBadge } from './Badges.tsx';
import { priorityLabels, statusLabels } from './labels.ts';
import type { BulkResult, Ticket, TicketPatch, TicketPriority, TicketStatus } from './types.ts';

export interface BulkReport {
  action: string;
  succeeded: number;
  failed: { id: number; subject: string; detail: string }[];
}

interface BulkActionsProps {
  selected: Ticket[];
  me: User;
  agents: User[] | undefined;
  groups: TeamGroup[] | undefined;
  onClear: () => void;
  /** Called after each action with its outcome; failed tickets stay selected. */
  onDone: (report: BulkReport, failedIds: number[]) => void;
}

const bulkStatuses: TicketStatus[] = ['open', 'pending', 'on_hold', 'solved', 'closed'];
const priorities: TicketPriority[] = ['p1', 'p2', 'p3', 'p4'];

export const cleanTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, '_');

/** The bar shown above the list while tickets are selected: one change for all of them at once. */
export function BulkActions({ selected, me, agents, groups, onClear, onDone }: BulkActionsProps) {
  const bulk = useBulkUpdate();
  const merge = useMergeTickets();
  const [merging, setMerging] = useState(false);
  const count = selected.length;
  const subjects = new Map(selected.map((ticket) => [ticket.id, ticket.subject]));

  const report = (action: string, results: BulkResult[]) => {
    const failed = results
      .filter((result) => !result.ok)
      .map((result) => ({ id: result.id, subject: subjects.get(result.id) ?? '', detail: result.error?.detail ?? 'Not changed.' }));
    const succeeded = results.length - failed.length;
    onDone(
      { action, succeeded, failed },
      failed.map((item) => item.id),
    );
    if (failed.length === 0) {
      notifications.show({ color: 'teal', message: `${action}: ${succeeded} ${succeeded === 1 ? 'ticket' : 'tickets'} updated` });
    }
  };

  const apply = (action: string, changes: Omit<TicketPatch, 'tags'>) => {
    bulk.mutate(
      { ids: selected.map((ticket) => ticket.id), changes },
      {
        onSuccess: (results) => report(action, results),
        onError: (error) => notifications.show({ color: 'red', title: `${action}: nothing changed`, message: errorMessage(error) }),
      },
    );
  };

  const busy = bulk.isPending || merge.isPending;

  return (
    <Paper withBorder shadow="sm" radius="md" px="sm" py={8} className="fl-bulk-bar" role="region" aria-label="Bulk actions">
      <Group gap={6} wrap="wrap" className="fl-bulk-actions">
        <Text size="sm" fw={600} px={4} style={{ whiteSpace: 'nowrap' }} aria-live="polite">
          {count} selected
        </Text>
        <AssignMenu agents={agents} me={me} disabled={busy} onPick={(id, label) => apply(label, { assignee_id: id })} />
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconProgressCheck size={15} />}
              rightSection={<IconChevronDown size={13} />}
              disabled={busy}
            >
              Status
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {bulkStatuses.map((status) => (
              <Menu.Item key={status} onClick={() => apply(`Status set to ${statusLabels[status]}`, { status })}>
                <StatusBadge status={status} />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFlag size={15} />}
              rightSection={<IconChevronDown size={13} />}
              disabled={busy}
            >
              Priority
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {priorities.map((priority) => (
              <Menu.Item key={priority} onClick={() => apply(`Priority set to ${priorityLabels[priority]}`, { priority })}>
                <PriorityBadge priority={priority} long />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUsersGroup size={15} />}
              rightSection={<IconChevronDown size={13} />}
              disabled={busy}
            >
              Group
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <ScrollArea.Autosize mah={280} type="auto">
              {(groups ?? []).map((group) => (
                <Menu.Item key={group.id} onClick={() => apply(`Moved to ${group.name}`, { group_id: group.id })}>
                  {group.name}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={() => apply('Group removed', { group_id: null })}>No group</Menu.Item>
            </ScrollArea.Autosize>
          </Menu.Dropdown>
        </Menu>
        <TagsPopover disabled={busy} onApply={(label, changes) => apply(label, changes)} />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconArrowMerge size={15} />}
          disabled={busy || count < 2}
          onClick={() => setMerging(true)}
          title={count < 2 ? 'Select at least two tickets to merge' : undefined}
        >
          Merge
        </Button>
        <Group gap={4} wrap="nowrap" ml="auto" className="fl-bulk-end">
          {busy && (
            <Text size="xs" c="dimmed" role="status">
              Applying…
            </Text>
          )}
          <CloseButton size="sm" aria-label="Clear selection" onClick={onClear} />
        </Group>
      </Group>

      <MergeDialog
        opened={merging}
        tickets={selected}
        pending={merge.isPending}
        onClose={() => setMerging(false)}
        onConfirm={(targetId) => {
          const sourceIds = selected.map((ticket) => ticket.id).filter((id) => id !== targetId);
          merge.mutate(
            { sourceIds, targetId },
            {
              onSuccess: (results) => {
                setMerging(false);
                report(`Merged into #${targetId}`, results);
              },
              onError: (error) => notifications.show({ color: 'red', title: 'Merge failed', message: errorMessage(error) }),
            },
          );
        }}
      />
    </Paper>
  );
}

function AssignMenu({
  agents,
  me,
  disabled,
  onPick,
}: {
  agents: User[] | undefined;
  me: User;
  disabled: boolean;
  onPick: (id: number | null, label: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = (agents ?? []).filter((agent) => agent.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <Menu position="bottom-start" withinPortal width={240} onClose={() => setFilter('')}>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconUserShare size={15} />}
          rightSection={<IconChevronDown size={13} />}
          disabled={disabled}
        >
          Assign
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onPick(me.id, 'Assigned to you')}>Assign to me</Menu.Item>
        <Menu.Item onClick={() => onPick(null, 'Unassigned')}>Unassign</Menu.Item>
        <Menu.Divider />
        <Box px={6} pb={6}>
          <TextInput
            size="xs"
            placeholder="Find an agent"
            aria-label="Find an agent"
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            onKeyDown={(event) => event.stopPropagation()}
          />
        </Box>
        <ScrollArea.Autosize mah={260} type="auto">
          {shown.map((agent) => (
            <Menu.Item key={agent.id} onClick={() => onPick(agent.id, `Assigned to ${agent.name}`)}>
              {agent.id === me.id ? `${agent.name} (you)` : agent.name}
            </Menu.Item>
          ))}
          {agents && shown.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={6}>
              No agent with that name
            </Text>
          )}
          {!agents && (
            <Text size="xs" c="dimmed" px="sm" py={6}>
              Loading agents…
            </Text>
          )}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}

function TagsPopover({ disabled, onApply }: { disabled: boolean; onApply: (label: string, changes: Omit<TicketPatch, 'tags'>) => void }) {
  const [opened, setOpened] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  const run = (mode: 'add' | 'remove') => {
    if (tags.length === 0) return;
    const list = tags.map((tag) => `#${tag}`).join(' ');
    onApply(mode === 'add' ? `Tagged ${list}` : `Removed ${list}`, mode === 'add' ? { add_tags: tags } : { remove_tags: tags });
    setOpened(false);
    setTags([]);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={280} shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTag size={15} />}
          rightSection={<IconChevronDown size={13} />}
          disabled={disabled}
          onClick={() => setOpened((open) => !open)}
          aria-expanded={opened}
        >
          Tags
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            value={tags}
            onChange={(next) => setTags([...new Set(next.map(cleanTag).filter(Boolean))])}
            splitChars={[',', ' ']}
            data-autofocus
            comboboxProps={{ withinPortal: false }}
          />
          <Group gap="xs" grow>
            <Button size="xs" onClick={() => run('add')} disabled={tags.length === 0}>
              Add tags
            </Button>
            <Button size="xs" variant="default" onClick={() => run('remove')} disabled={tags.length === 0}>
              Remove tags
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function MergeDialog({
  opened,
  tickets,
  pending,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  tickets: Ticket[];
  pending: boolean;
  onClose: () => void;
  onConfirm: (targetId: number) => void;
}) {
  // The oldest ticket is the usual survivor: it holds the longest history.
  const oldest = tickets.reduce<Ticket | undefined>((min, ticket) => (!min || ticket.id < min.id ? ticket : min), undefined);
  const [choice, setChoice] = useState<string | null>(null);
  const target = tickets.find((ticket) => String(ticket.id) === choice) ?? oldest;
  const others = tickets.length - 1;
  return (
    <Modal opened={opened} onClose={onClose} title="Merge tickets" centered size="lg">
      <Stack gap="md">
        <Radio.Group
          label="Merge into"
          description="The ticket that stays open. The others close and their messages move into it."
          value={target ? String(target.id) : null}
          onChange={setChoice}
        >
          <Stack gap={6} mt="xs">
            {tickets.map((ticket) => (
              <Radio.Card key={ticket.id} value={String(ticket.id)} radius="md" p="sm" className="fl-merge-option">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <Box style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end">
                      #{ticket.id} {ticket.subject}
                    </Text>
                    <Group gap={6} mt={4}>
                      <StatusBadge status={ticket.status} />
                      <Text size="xs" c="dimmed">
                        {ticket.requester.name}
                      </Text>
                    </Group>
                  </Box>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        {target && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            {others} {others === 1 ? 'ticket' : 'tickets'} will be closed and merged into #{target.id}. This cannot be undone.
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={pending}
            disabled={!target}
            onClick={() => target && onConfirm(target.id)}
            leftSection={<IconArrowMerge size={16} />}
          >
            Merge {tickets.length} tickets
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What the last bulk action did, with every ticket that refused and why. */
export function BulkReportAlert({ report, onClose }: { report: BulkReport; onClose: () => void }) {
  const failed = report.failed.length;
  return (
    <Alert
      color={failed ? 'orange' : 'teal'}
      variant="light"
      radius="md"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      icon={<IconAlertTriangle size={18} />}
      title={`${report.action}: ${report.succeeded} updated, ${failed} not changed`}
      role="alert"
    >
      <Text size="sm" mb={6}>
        {failed === 1 ? 'This ticket stays selected' : 'These tickets stay selected'} so you can fix and retry:
      </Text>
      <List size="sm" spacing={4}>
        {report.failed.map((item) => (
          <List.Item key={item.id}>
            <Anchor component={Link} to={`/tickets/${item.id}`} fw={600} inherit>
              #{item.id}
            </Anchor>{' '}
            {item.subject && (
              <Text span inherit c="dimmed">
                {item.subject} —{' '}
              </Text>
            )}
            {item.detail}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

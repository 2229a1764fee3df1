import { ActionIcon, Badge, Box, Button, Group, Switch, Table, Tabs, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowUp,
  IconBolt,
  IconClock,
  IconPencil,
  IconPlus,
  IconTrash,
  IconWand,
  IconWebhook,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from '../admin/AdminPage.tsx';
import {
  type Automation,
  type Macro,
  type Trigger,
  useAutomations,
  useDeleteRule,
  useMacros,
  useReorderTriggers,
  useSaveRule,
  useTriggers,
} from './api.ts';
import { RuleModal, type RuleField } from './RuleModal.tsx';
import { describeActions, describeConditions, describeTime } from './summary.ts';
import { WebhooksTab } from './WebhooksTab.tsx';

const triggerExample = {
  name: '',
  description: '',
  conditions: {
    all: [
      { field: 'update_type', operator: 'is', value: 'created' },
      { field: 'subject', operator: 'contains', value: 'refund' },
    ],
    any: [],
  },
  actions: [
    { type: 'add_tags', tags: ['billing'] },
    { type: 'set', field: 'priority', value: 'p2' },
  ],
};
const triggerFields: RuleField[] = [
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
  {
    key: 'conditions',
    label: 'Conditions',
    json: true,
    description:
      'all / any of { field, operator, value }: fields status, priority, type, channel, tags, subject, group_id, assignee_id, tier, update_type (created, updated, commented), comment (public, from_customer…), sla (warning, breached); operators is, in, changed_to, contains…',
  },
  {
    key: 'actions',
    label: 'Actions',
    json: true,
    description:
      'set, assign, add_tags, remove_tags, notify, send_email, call_webhook, escalate — templates take {{ticket.id}}, {{requester.first_name}}…',
  },
];

const automationExample = {
  name: '',
  description: '',
  time_condition: { since: 'status_changed', hours: 72, business_hours: true, calendar_id: 2 },
  conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }], any: [] },
  actions: [
    { type: 'set', field: 'status', value: 'solved' },
    { type: 'send_email', to: 'requester', subject: 'We closed #{{ticket.id}}', body: 'Reply to this email to reopen it.' },
  ],
};
const automationFields: RuleField[] = [
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
  {
    key: 'time_condition',
    label: 'Time condition',
    json: true,
    description: 'since created, updated, status_changed or solved; hours; business_hours with a calendar_id',
  },
  { key: 'conditions', label: 'Ticket conditions', json: true },
  { key: 'actions', label: 'Actions', json: true },
];

const macroExample = {
  name: '',
  description: '',
  actions: [
    { type: 'set', field: 'status', value: 'pending' },
    { type: 'assign', assignee_id: 'current_user' },
  ],
  reply: { body: 'Hi {{requester.first_name}},\n\nCould you send us the log file?\n\n{{agent.name}}', public: true },
};
const macroFields: RuleField[] = [
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
  { key: 'actions', label: 'Actions', json: true, description: 'set, assign (current_user: the agent applying it), add_tags, remove_tags' },
  { key: 'reply', label: 'Reply', json: true, description: '{ body, public } or null; the body is a template' },
];

/** /admin/automation: triggers, time-based automations, macros and outbound webhooks. */
export function AutomationPage() {
  const [tab, setTab] = useState<string | null>('triggers');
  return (
    <AdminPage slug="automation">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="triggers" leftSection={<IconBolt size={16} />}>
            Triggers
          </Tabs.Tab>
          <Tabs.Tab value="automations" leftSection={<IconClock size={16} />}>
            Time-based
          </Tabs.Tab>
          <Tabs.Tab value="macros" leftSection={<IconWand size={16} />}>
            Macros
          </Tabs.Tab>
          <Tabs.Tab value="webhooks" leftSection={<IconWebhook size={16} />}>
            Webhooks
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="triggers">
          <TriggersTab />
        </Tabs.Panel>
        <Tabs.Panel value="automations">
          <AutomationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="macros">
          <MacrosTab />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhooksTab />
        </Tabs.Panel>
      </Tabs>
    </AdminPage>
  );
}

type Editing<T> = { row: T | null } | null;

function useRuleEditor<T extends { id: number; active: boolean }>(kind: 'triggers' | 'automations' | 'macros') {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const save = useSaveRule<T>(kind);
  const remove = useDeleteRule(kind);
  const toggle = (row: T) =>
    save.mutate(
      { id: row.id, body: { active: !row.active } },
      { onError: (failure) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(failure) }) },
    );
  const destroy = (row: T & { name: string }) => {
    if (!window.confirm(`Delete “${row.name}”?`)) return;
    remove.mutate(row.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: `Deleted ${row.name}` }),
      onError: (failure) => notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(failure) }),
    });
  };
  return { editing, setEditing, save, toggle, destroy };
}

function ListFrame({
  query,
  what,
  empty,
  onAdd,
  children,
}: {
  query: { isPending: boolean; data?: { data: unknown[] }; error: unknown; refetch: () => unknown };
  what: string;
  empty: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  let body: ReactNode;
  if (query.isPending) body = <TableSkeleton label={`Loading ${what}`} columns={4} rows={3} />;
  else if (!query.data)
    body = (
      <Box p="lg">
        <ErrorState title={`Could not load ${what}`} error={query.error} onRetry={() => void query.refetch()} />
      </Box>
    );
  else if (query.data.data.length === 0)
    body = (
      <PanelEmpty
        icon={<IconBolt size={28} stroke={1.6} />}
        title={`No ${what} yet`}
        description={empty}
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
            Add
          </Button>
        }
      />
    );
  else body = children;
  return (
    <Box>
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
          New {what.replace(/s$/, '')}
        </Button>
      </Group>
      <Panel busy={query.isPending}>{body}</Panel>
    </Box>
  );
}

function RowActions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label="Edit">
        <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={`Edit ${name}`}>
          <IconPencil size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete">
        <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Delete ${name}`}>
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function TriggersTab() {
  const triggers = useTriggers();
  const reorder = useReorderTriggers();
  const { editing, setEditing, save, toggle, destroy } = useRuleEditor<Trigger>('triggers');
  const rows = triggers.data?.data ?? [];
  const move = (index: number, by: number) => {
    const ids = rows.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + by, 0, id);
    reorder.mutate(ids, {
      onError: (failure) => notifications.show({ color: 'red', title: 'Not reordered', message: errorMessage(failure) }),
    });
  };
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Checked in this order on every ticket change; each fires at most once per change, and the next ones see what it changed.
      </Text>
      <ListFrame
        query={triggers}
        what="triggers"
        empty="Triggers route, tag, notify and escalate tickets the moment they are created or change."
        onAdd={() => setEditing({ row: null })}
      >
        <Table verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Th w={70}>Order</Th>
              <Th>Trigger</Th>
              <Th w={90}>Active</Th>
              <Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={`Move ${row.name} up`}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={`Move ${row.name} down`}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    When {describeConditions(row.conditions)}
                  </Text>
                  <Text size="xs">→ {describeActions(row.actions)}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={`${row.name} active`} checked={row.active} onChange={() => toggle(row)} color="teal" />
                </Table.Td>
                <Table.Td>
                  <RowActions name={row.name} onEdit={() => setEditing({ row })} onDelete={() => destroy(row)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListFrame>
      {editing && (
        <RuleModal
          title={editing.row ? `Edit ${editing.row.name}` : 'New trigger'}
          opened
          onClose={() => setEditing(null)}
          initial={(editing.row ?? triggerExample) as unknown as Record<string, unknown>}
          fields={triggerFields}
          saving={save.isPending}
          onSave={(body) => save.mutateAsync({ ...(editing.row ? { id: editing.row.id } : {}), body })}
        />
      )}
    </>
  );
}

function AutomationsTab() {
  const automations = useAutomations();
  const { editing, setEditing, save, toggle, destroy } = useRuleEditor<Automation>('automations');
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Checked every minute by the workers; each runs once per ticket for each time its condition comes true.
      </Text>
      <ListFrame
        query={automations}
        what="automations"
        empty="For example: solve tickets pending for more than 72 business hours, and tell the customer."
        onAdd={() => setEditing({ row: null })}
      >
        <Table verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Th>Automation</Th>
              <Th w={90}>Active</Th>
              <Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(automations.data?.data ?? []).map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describeTime(row.time_condition)}, when {describeConditions(row.conditions)}
                  </Text>
                  <Text size="xs">→ {describeActions(row.actions)}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={`${row.name} active`} checked={row.active} onChange={() => toggle(row)} color="teal" />
                </Table.Td>
                <Table.Td>
                  <RowActions name={row.name} onEdit={() => setEditing({ row })} onDelete={() => destroy(row)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListFrame>
      {editing && (
        <RuleModal
          title={editing.row ? `Edit ${editing.row.name}` : 'New automation'}
          opened
          onClose={() => setEditing(null)}
          initial={(editing.row ?? automationExample) as unknown as Record<string, unknown>}
          fields={automationFields}
          saving={save.isPending}
          onSave={(body) => save.mutateAsync({ ...(editing.row ? { id: editing.row.id } : {}), body })}
        />
      )}
    </>
  );
}

function MacrosTab() {
  const macros = useMacros(true);
  const { editing, setEditing, save, toggle, destroy } = useRuleEditor<Macro>('macros');
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Agents apply a macro from the reply box: its changes and its reply, in one step.
      </Text>
      <ListFrame
        query={macros}
        what="macros"
        empty="Macros answer the questions your team hears every day, with the right status and tags."
        onAdd={() => setEditing({ row: null })}
      >
        <Table verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Th>Macro</Th>
              <Th w={80} ta="right">
                Used
              </Th>
              <Th w={90}>Active</Th>
              <Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(macros.data?.data ?? []).map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {row.name}
                    </Text>
                    {row.reply && (
                      <Badge size="xs" variant="light" color={row.reply.public ? 'blue' : 'yellow'}>
                        {row.reply.public ? 'reply' : 'note'}
                      </Badge>
                    )}
                  </Group>
                  {row.actions.length > 0 && <Text size="xs">→ {describeActions(row.actions)}</Text>}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{row.usage_count}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={`${row.name} active`} checked={row.active} onChange={() => toggle(row)} color="teal" />
                </Table.Td>
                <Table.Td>
                  <RowActions name={row.name} onEdit={() => setEditing({ row })} onDelete={() => destroy(row)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListFrame>
      {editing && (
        <RuleModal
          title={editing.row ? `Edit ${editing.row.name}` : 'New macro'}
          opened
          onClose={() => setEditing(null)}
          initial={(editing.row ?? macroExample) as unknown as Record<string, unknown>}
          fields={macroFields}
          saving={save.isPending}
          onSave={(body) => save.mutateAsync({ ...(editing.row ? { id: editing.row.id } : {}), body })}
        />
      )}
    </>
  );
}

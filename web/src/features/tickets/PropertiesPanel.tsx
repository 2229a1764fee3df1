import { Alert, Anchor, Box, Button, Group, Paper, Select, Stack, TagsInput, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api.ts';
import { formatDateTime, relativeTime } from '../../app/format.ts';
import type { Group as TeamGroup, User } from '../../app/types.ts';
import { useUpdateTicket, ticketKeys } from './api.ts';
import { PriorityBadge, StatusBadge, TypeBadge } from './Badges.tsx';
import { channelLabel, nextStatuses, priorityLabels, statusLabels, typeLabels } from './labels.ts';
import type { Ticket, TicketPatch, TicketPriority, TicketStatus, TicketType } from './types.ts';

interface PropertiesPanelProps {
  ticket: Ticket;
  me: User;
  /** May change properties (agents other than analysts). */
  editable: boolean;
  /** Sees internal properties at all (agents). */
  agentView: boolean;
  agents: User[] | undefined;
  groups: TeamGroup[] | undefined;
  agentsLoading: boolean;
}

const CONFLICT_MESSAGE = 'Someone else changed this ticket — reload';

export function PropertiesPanel({ ticket, me, editable, agentView, agents, groups, agentsLoading }: PropertiesPanelProps) {
  const queryClient = useQueryClient();
  const update = useUpdateTicket(ticket.id);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState<keyof TicketPatch | null>(null);
  const [tags, setTags] = useState(ticket.tags);

  useEffect(() => setTags(ticket.tags), [ticket.tags]);

  const reload = () => {
    setConflict(false);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  };

  const change = (field: keyof TicketPatch, patch: TicketPatch) => {
    setSaving(field);
    update.mutate(
      { ...patch, version: ticket.version },
      {
        onSuccess: () => {
          setConflict(false);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) {
            setConflict(true);
            void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
          } else {
            notifications.show({ color: 'red', title: 'Change not saved', message: errorMessage(error) });
          }
          setTags(ticket.tags);
        },
        onSettled: () => setSaving(null),
      },
    );
  };

  const statusOptions: TicketStatus[] = [ticket.status, ...nextStatuses[ticket.status]];
  const assigneeOptions = (agents ?? []).map((agent) => ({
    value: agent.id,
    label: agent.id === me.id ? `${agent.name} (you)` : agent.name,
  }));
  if (ticket.assignee && !assigneeOptions.some((option) => option.value === ticket.assignee?.id)) {
    assigneeOptions.unshift({ value: ticket.assignee.id, label: ticket.assignee.name });
  }
  const groupOptions = (groups ?? []).map((group) => ({ value: group.id, label: group.name }));
  const groupName = groups?.find((group) => group.id === ticket.group_id)?.name;

  return (
    <Stack gap="md">
      {conflict && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={CONFLICT_MESSAGE} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">The latest version is shown now. Make your change again if it is still needed.</Text>
            <Button size="xs" variant="white" color="orange" leftSection={<IconRefresh size={14} />} onClick={reload}>
              Reload
            </Button>
          </Stack>
        </Alert>
      )}

      {agentView && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fl-properties-title">
          <Title order={2} fz="sm" fw={700} mb="sm" id="fl-properties-title">
            Properties
          </Title>
          {editable ? (
            <Stack gap="sm">
              <Select<TicketStatus>
                label="Status"
                value={ticket.status}
                data={statusOptions.map((value) => ({ value, label: statusLabels[value] }))}
                onChange={(value) => value && value !== ticket.status && change('status', { status: value })}
                allowDeselect={false}
                disabled={saving === 'status' || ticket.status === 'closed'}
                rightSection={saving === 'status' ? <SavingDot /> : undefined}
              />
              <Select<TicketPriority>
                label="Priority"
                value={ticket.priority}
                data={(['p1', 'p2', 'p3', 'p4'] as const).map((value) => ({ value, label: priorityLabels[value] }))}
                onChange={(value) => value && value !== ticket.priority && change('priority', { priority: value })}
                renderOption={({ option }) => <PriorityBadge priority={option.value} long />}
                allowDeselect={false}
                disabled={saving === 'priority'}
              />
              <Select<TicketType>
                label="Type"
                value={ticket.type}
                data={(['question', 'incident', 'problem', 'task'] as const).map((value) => ({ value, label: typeLabels[value] }))}
                onChange={(value) => value && value !== ticket.type && change('type', { type: value })}
                allowDeselect={false}
                disabled={saving === 'type'}
              />
              <Box>
                <Select<number>
                  label="Assignee"
                  placeholder={agentsLoading ? 'Loading agents…' : 'Unassigned'}
                  value={ticket.assignee_id}
                  data={assigneeOptions}
                  onChange={(value) => value !== ticket.assignee_id && change('assignee_id', { assignee_id: value })}
                  searchable
                  clearable
                  nothingFoundMessage="No agent with that name"
                  disabled={saving === 'assignee_id'}
                />
                {ticket.assignee_id !== me.id && (
                  <Anchor component="button" type="button" size="xs" mt={4} onClick={() => change('assignee_id', { assignee_id: me.id })}>
                    Assign to me
                  </Anchor>
                )}
              </Box>
              <Select<number>
                label="Group"
                placeholder="No group"
                value={ticket.group_id}
                data={groupOptions}
                onChange={(value) => value !== ticket.group_id && change('group_id', { group_id: value })}
                searchable
                clearable
                nothingFoundMessage="No group with that name"
                disabled={saving === 'group_id'}
              />
              <TagsInput
                label="Tags"
                placeholder={tags.length ? '' : 'Add a tag and press Enter'}
                value={tags}
                onChange={(next) => {
                  const cleaned = [...new Set(next.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '_')).filter(Boolean))];
                  setTags(cleaned);
                  change('tags', { tags: cleaned });
                }}
                splitChars={[',', ' ']}
                clearable
                disabled={saving === 'tags'}
              />
            </Stack>
          ) : (
            <Stack gap={10}>
              <Field label="Status">
                <StatusBadge status={ticket.status} />
              </Field>
              <Field label="Priority">
                <PriorityBadge priority={ticket.priority} long />
              </Field>
              <Field label="Type">
                <TypeBadge type={ticket.type} />
              </Field>
              <Field label="Assignee">{ticket.assignee?.name ?? <Muted>Unassigned</Muted>}</Field>
              <Field label="Group">{groupName ?? (ticket.group_id ? `#${ticket.group_id}` : <Muted>No group</Muted>)}</Field>
              <Field label="Tags">{ticket.tags.length ? ticket.tags.join(', ') : <Muted>None</Muted>}</Field>
            </Stack>
          )}
        </Paper>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fl-details-title">
        <Title order={2} fz="sm" fw={700} mb="sm" id="fl-details-title">
          {agentView ? 'Details' : 'Request details'}
        </Title>
        <Stack gap={10}>
          {!agentView && (
            <Field label="Status">
              <StatusBadge status={ticket.status} customer />
            </Field>
          )}
          {agentView && (
            <Field label="Requester">
              <Text size="sm" fw={500}>
                {ticket.requester.name}
              </Text>
              {ticket.requester.email && (
                <Anchor href={`mailto:${ticket.requester.email}`} size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {ticket.requester.email}
                </Anchor>
              )}
            </Field>
          )}
          {ticket.category && <Field label="Category">{ticket.category.path.replaceAll('/', ' › ')}</Field>}
          {agentView && <Field label="Channel">{channelLabel(ticket.channel)}</Field>}
          {agentView && <Field label="Tier">Tier {ticket.tier}</Field>}
          <Field label="Created">
            <Time iso={ticket.created_at} />
          </Field>
          <Field label="Updated">
            <Time iso={ticket.updated_at} />
          </Field>
          {agentView && (
            <Field label="First response">
              {ticket.first_response_at ? <Time iso={ticket.first_response_at} /> : <Muted>Not yet</Muted>}
            </Field>
          )}
          {ticket.solved_at && (
            <Field label="Solved">
              <Time iso={ticket.solved_at} />
            </Field>
          )}
          {ticket.resolution_code && <Field label="Resolution">{ticket.resolution_code}</Field>}
        </Stack>
      </Paper>
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box ta="right" fz="sm" style={{ minWidth: 0, display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
        {children}
      </Box>
    </Group>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function Time({ iso }: { iso: string }) {
  return (
    <Tooltip label={formatDateTime(iso)}>
      <Text span size="sm" component="time" dateTime={iso}>
        {relativeTime(iso)}
      </Text>
    </Tooltip>
  );
}

function SavingDot() {
  return <Box w={8} h={8} bg="brand.5" style={{ borderRadius: '50%' }} aria-label="Saving" />;
}

import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api.ts';
import { formatDateTime, relativeTime } from '../../app/format.ts';
import type { Group as TeamGroup, User } from '../../app/types.ts';
import { ticketKeys, useUpdateTicket } from './api.ts';
import { PriorityBadge, StatusBadge, TypeBadge } from './Badges.tsx';
import { fieldErrorsOf } from './changes.ts';
import { channelLabel, nextStatuses, priorityLabels, statusLabels, typeLabels } from './labels.ts';
import type {
  Category,
  CustomField,
  CustomFieldValue,
  ResolutionCode,
  Ticket,
  TicketPatch,
  TicketPriority,
  TicketStatus,
  TicketType,
} from './types.ts';

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
  categories: Category[] | undefined;
  customFields: CustomField[] | undefined;
  resolutionCodes: ResolutionCode[] | undefined;
  resolutionRequired: boolean;
  /** Validation errors from the API by field ("resolution_code", "custom_fields.plan"), shown under the field. */
  fieldErrors: Record<string, string>;
  onFieldErrors: (errors: Record<string, string>) => void;
}

const CONFLICT_MESSAGE = 'Someone else changed this ticket — reload';

export function PropertiesPanel({
  ticket,
  me,
  editable,
  agentView,
  agents,
  groups,
  agentsLoading,
  categories,
  customFields,
  resolutionCodes,
  resolutionRequired,
  fieldErrors,
  onFieldErrors,
}: PropertiesPanelProps) {
  const queryClient = useQueryClient();
  const update = useUpdateTicket(ticket.id);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const [tags, setTags] = useState(ticket.tags);

  useEffect(() => setTags(ticket.tags), [ticket.tags]);

  const reload = () => {
    setConflict(false);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  };

  const change = (field: string, patch: TicketPatch) => {
    setSaving(field);
    update.mutate(
      { ...patch, version: ticket.version },
      {
        onSuccess: () => {
          setConflict(false);
          onFieldErrors({});
        },
        onError: (error) => {
          const byField = fieldErrorsOf(error);
          if (isApiError(error) && error.status === 409) {
            setConflict(true);
            void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
          } else if (Object.keys(byField).length > 0) {
            onFieldErrors(byField);
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
  const categoryOptions = categoryChoices(categories, ticket);

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
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
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
                <Select
                  label="Tier"
                  value={String(ticket.tier)}
                  data={['1', '2', '3'].map((value) => ({ value, label: `Tier ${value}` }))}
                  onChange={(value) => value && Number(value) !== ticket.tier && change('tier', { tier: Number(value) })}
                  allowDeselect={false}
                  disabled={saving === 'tier'}
                />
              </SimpleGrid>
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
              <Select<number>
                label="Category"
                placeholder={categories ? 'No category' : 'Loading categories…'}
                value={ticket.category_id}
                data={categoryOptions}
                onChange={(value) => value !== ticket.category_id && change('category_id', { category_id: value })}
                searchable
                clearable
                nothingFoundMessage="No category with that name"
                disabled={saving === 'category_id'}
                error={fieldErrors.category_id ?? fieldErrors.category}
                comboboxProps={{ width: 300, position: 'bottom-end' }}
              />
              {(customFields?.length ?? 0) > 0 && (
                <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
                  {(customFields ?? []).map((field) => (
                    <Box key={field.key} style={field.type === 'text' || field.type === 'checkbox' ? { gridColumn: '1 / -1' } : undefined}>
                      <CustomFieldInput
                        field={field}
                        value={ticket.custom_fields[field.key]}
                        disabled={saving === `custom_fields.${field.key}`}
                        error={fieldErrors[`custom_fields.${field.key}`]}
                        onSave={(value) => change(`custom_fields.${field.key}`, { custom_fields: { [field.key]: value } })}
                      />
                    </Box>
                  ))}
                </SimpleGrid>
              )}
              {(resolutionCodes?.length ?? 0) > 0 && (
                <Select
                  id="fl-resolution-code"
                  label="Resolution code"
                  description={resolutionRequired && ticket.status !== 'solved' ? 'Required to solve the ticket' : undefined}
                  withAsterisk={resolutionRequired}
                  placeholder="None"
                  value={ticket.resolution_code}
                  data={(resolutionCodes ?? [])
                    .filter((code) => code.active || code.code === ticket.resolution_code)
                    .map((code) => ({ value: code.code, label: code.label }))}
                  onChange={(value) => value !== ticket.resolution_code && change('resolution_code', { resolution_code: value })}
                  clearable
                  disabled={saving === 'resolution_code'}
                  error={fieldErrors.resolution_code}
                />
              )}
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
              <Field label="Category">{ticket.category ? categoryLabel(categories, ticket.category) : <Muted>None</Muted>}</Field>
              {(customFields ?? []).map((field) => (
                <Field key={field.key} label={field.label}>
                  {formatCustomValue(field, ticket.custom_fields[field.key]) ?? <Muted>—</Muted>}
                </Field>
              ))}
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
          {ticket.category && !agentView && <Field label="Category">{categoryLabel(categories, ticket.category)}</Field>}
          {agentView && <Field label="Channel">{channelLabel(ticket.channel)}</Field>}
          {agentView && !editable && <Field label="Tier">Tier {ticket.tier}</Field>}
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
          {ticket.resolution_code && !editable && (
            <Field label="Resolution">
              {resolutionCodes?.find((code) => code.code === ticket.resolution_code)?.label ?? ticket.resolution_code}
            </Field>
          )}
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

/** "Billing › Refunds": a category with its parents, by their names. */
export function categoryLabel(categories: Category[] | undefined, category: { id: number; path: string; name: string }): string {
  const byId = new Map((categories ?? []).map((item) => [item.id, item]));
  const names: string[] = [];
  let current = byId.get(category.id);
  for (let depth = 0; current && depth < 10; depth++) {
    names.unshift(current.name);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return names.length ? names.join(' › ') : category.path.split('/').join(' › ');
}

function categoryChoices(categories: Category[] | undefined, ticket: Ticket): { value: number; label: string }[] {
  const options = (categories ?? [])
    .filter((category) => category.active || category.id === ticket.category_id)
    .map((category) => ({ value: category.id, label: categoryLabel(categories, category) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (ticket.category && !options.some((option) => option.value === ticket.category?.id)) {
    options.unshift({ value: ticket.category.id, label: categoryLabel(categories, ticket.category) });
  }
  return options;
}

function formatCustomValue(field: CustomField, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (field.type === 'checkbox') return value ? 'Yes' : 'No';
  return String(value);
}

/** One custom field, edited according to its type; text and numbers save when the field is left. */
function CustomFieldInput({
  field,
  value,
  disabled,
  error,
  onSave,
}: {
  field: CustomField;
  value: unknown;
  disabled: boolean;
  error: string | undefined;
  onSave: (value: CustomFieldValue) => void;
}) {
  const [draft, setDraft] = useState<string>(value === undefined || value === null ? '' : String(value));
  useEffect(() => setDraft(value === undefined || value === null ? '' : String(value)), [value]);
  const common = { label: field.label, withAsterisk: field.required, disabled, error };

  switch (field.type) {
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          checked={value === true}
          onChange={(event) => onSave(event.currentTarget.checked)}
          disabled={disabled}
          error={error}
        />
      );
    case 'dropdown':
      return (
        <Select
          {...common}
          placeholder="Not set"
          value={typeof value === 'string' ? value : null}
          data={field.options}
          onChange={(next) => next !== (value ?? null) && onSave(next)}
          clearable={!field.required}
          searchable={field.options.length > 8}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder="Not set"
          value={draft}
          onChange={(next) => setDraft(String(next))}
          onBlur={() => {
            const next = draft.trim() === '' ? null : Number(draft);
            if (next !== (value ?? null) && (next === null || Number.isFinite(next))) onSave(next);
          }}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={draft}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setDraft(next);
            if (next !== (value ?? '')) onSave(next === '' ? null : next);
          }}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          placeholder="Not set"
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onBlur={() => {
            const next = draft.trim();
            if (next !== (value ?? '')) onSave(next === '' ? null : next);
          }}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      );
  }
}

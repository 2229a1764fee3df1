import {
  Alert,
  Anchor,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { canWorkTickets } from '../../app/permissions.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { useAgents, useCategories, useCreateTicket, useCustomFields, useGroups } from './api.ts';
import { PriorityBadge } from './Badges.tsx';
import { cleanTag } from './BulkActions.tsx';
import { fieldErrorsOf } from './changes.ts';
import { priorityLabels, typeLabels } from './labels.ts';
import { categoryLabel } from './PropertiesPanel.tsx';
import classes from './TicketDetailPage.module.css';
import type { Customer, CustomField, CustomFieldValue, NewTicket, TicketPriority, TicketType } from './types.ts';
import { lastListPath } from './views.ts';

/** Existing customers whose name contains what was typed, to fill in the requester. */
function useCustomerSuggestions(text: string) {
  const [debounced] = useDebouncedValue(text.trim(), 250);
  return useQuery({
    queryKey: ['customers', 'search', debounced],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/api/v1/customers', { q: debounced, limit: 8 }, signal),
    enabled: debounced.length >= 2,
    staleTime: 30_000,
  });
}

const primary = (customer: Customer, kind: 'email' | 'phone') =>
  customer.identities.find((identity) => identity.kind === kind && identity.is_primary)?.value ??
  customer.identities.find((identity) => identity.kind === kind)?.value ??
  '';

/** An agent opens a ticket on a customer's behalf (a phone call, a walk-in, an email sent elsewhere). */
export function NewTicketPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  useDocumentTitle('New ticket');
  const allowed = canWorkTickets(user);
  const agents = useAgents(allowed);
  const groups = useGroups(allowed);
  const categories = useCategories(allowed);
  const customFields = useCustomFields(allowed);
  const create = useCreateTicket();

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('p3');
  const [type, setType] = useState<TicketType>('question');
  const [category, setCategory] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [assignee, setAssignee] = useState<number | null>(null);
  const [group, setGroup] = useState<number | null>(null);
  const [custom, setCustom] = useState<Record<string, CustomFieldValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const suggestions = useCustomerSuggestions(name);

  if (!allowed) return <NotFoundPage title="Not available" message="Your role cannot open tickets for customers." />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim() && !email.trim() && !phone.trim()) problems.requester = 'Give the requester’s email, phone or name';
    if (!subject.trim()) problems.subject = 'Write a subject';
    if (!description.trim()) problems.description = 'Describe the request';
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;

    const requester: NewTicket['requester'] = {};
    if (email.trim()) requester.email = email.trim();
    if (phone.trim()) requester.phone = phone.trim();
    if (name.trim()) requester.name = name.trim();
    const customValues = Object.fromEntries(Object.entries(custom).filter(([, value]) => value !== null && value !== ''));
    create.mutate(
      {
        subject: subject.trim(),
        description: description.trim(),
        requester,
        priority,
        type,
        tags,
        ...(category !== null ? { category } : {}),
        ...(assignee !== null ? { assignee_id: assignee } : {}),
        ...(group !== null ? { group_id: group } : {}),
        ...(Object.keys(customValues).length ? { custom_fields: customValues } : {}),
      },
      {
        onSuccess: (ticket) => {
          notifications.show({ color: 'teal', message: `Ticket #${ticket.id} created` });
          navigate(`/tickets/${ticket.id}`);
        },
        onError: (failure) => {
          const byField = fieldErrorsOf(failure);
          setErrors(byField);
          if (Object.keys(byField).length === 0) setFormError(errorMessage(failure));
        },
      },
    );
  };

  const requesterError = errors.requester;
  // One suggestion per name: the list shows names, the first match fills in the contact details.
  const customerOptions = [...new Map((suggestions.data?.data ?? []).map((customer) => [customer.name, customer])).values()].map(
    (customer) => ({ label: customer.name, customer }),
  );

  return (
    <Box className={classes.page}>
      <Anchor component={Link} to={lastListPath()} size="sm" c="dimmed" className={classes.back}>
        <IconArrowLeft size={15} aria-hidden="true" />
        Back to tickets
      </Anchor>
      <Title order={1} className={classes.title} mt="sm" mb="lg">
        New ticket
      </Title>

      <form onSubmit={submit} noValidate aria-label="New ticket">
        <Box className={classes.layout}>
          <Stack gap="md" className={classes.main}>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="fieldset" m={0}>
              <Text component="legend" fw={700} size="sm" px={4}>
                Requester
              </Text>
              <Stack gap="sm">
                <Autocomplete
                  label="Name"
                  placeholder="Start typing to find an existing customer"
                  value={name}
                  onChange={setName}
                  data={customerOptions.map((option) => ({ value: option.label, label: option.label }))}
                  filter={({ options }) => options}
                  onOptionSubmit={(value) => {
                    const match = customerOptions.find((option) => option.label === value)?.customer;
                    if (!match) return;
                    setEmail(primary(match, 'email'));
                    setPhone(primary(match, 'phone'));
                  }}
                  renderOption={({ option }) => {
                    const match = customerOptions.find((item) => item.label === option.value)?.customer;
                    return (
                      <Box>
                        <Text size="sm">{option.value}</Text>
                        {match && (
                          <Text size="xs" c="dimmed">
                            {primary(match, 'email') || primary(match, 'phone') || 'no email or phone'}
                          </Text>
                        )}
                      </Box>
                    );
                  }}
                  error={errors['requester.name']}
                  autoComplete="off"
                />
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput
                    label="Email"
                    type="email"
                    placeholder="name@example.com"
                    value={email}
                    onChange={(event) => setEmail(event.currentTarget.value)}
                    error={errors['requester.email']}
                    autoComplete="off"
                  />
                  <TextInput
                    label="Phone"
                    type="tel"
                    placeholder="+49 30 1234567"
                    value={phone}
                    onChange={(event) => setPhone(event.currentTarget.value)}
                    error={errors['requester.phone']}
                    autoComplete="off"
                  />
                </SimpleGrid>
                {requesterError ? (
                  <Text size="xs" c="red.8" role="alert">
                    {requesterError}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    An existing customer with this email or phone is reused; otherwise a new one is created.
                  </Text>
                )}
              </Stack>
            </Paper>

            <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
              <Stack gap="sm">
                <TextInput
                  label="Subject"
                  withAsterisk
                  value={subject}
                  onChange={(event) => setSubject(event.currentTarget.value)}
                  error={errors.subject}
                  maxLength={250}
                />
                <Textarea
                  label="Description"
                  description="The customer’s request in their words; it becomes the first public message."
                  withAsterisk
                  autosize
                  minRows={6}
                  maxRows={18}
                  value={description}
                  onChange={(event) => setDescription(event.currentTarget.value)}
                  error={errors.description}
                />
              </Stack>
            </Paper>
            {formError && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The ticket was not created" role="alert">
                {formError}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm" visibleFrom="md">
              <Button variant="default" component={Link} to={lastListPath()}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} />}>
                Create ticket
              </Button>
            </Group>
          </Stack>

          <Paper withBorder p="md" radius="md" className={classes.aside} component="section" aria-labelledby="fl-new-properties">
            <Title order={2} fz="sm" fw={700} mb="sm" id="fl-new-properties">
              Properties
            </Title>
            <Stack gap="sm">
              <Select<TicketPriority>
                label="Priority"
                value={priority}
                data={(['p1', 'p2', 'p3', 'p4'] as const).map((value) => ({ value, label: priorityLabels[value] }))}
                onChange={(value) => value && setPriority(value)}
                renderOption={({ option }) => <PriorityBadge priority={option.value} long />}
                allowDeselect={false}
              />
              <Select<TicketType>
                label="Type"
                value={type}
                data={(['question', 'incident', 'problem', 'task'] as const).map((value) => ({ value, label: typeLabels[value] }))}
                onChange={(value) => value && setType(value)}
                allowDeselect={false}
              />
              <Select<number>
                label="Category"
                placeholder="No category"
                value={category}
                data={(categories.data ?? [])
                  .filter((item) => item.active)
                  .map((item) => ({ value: item.id, label: categoryLabel(categories.data, item) }))
                  .sort((a, b) => a.label.localeCompare(b.label))}
                onChange={setCategory}
                searchable
                clearable
                error={errors.category}
                nothingFoundMessage="No category with that name"
              />
              <TagsInput
                label="Tags"
                placeholder={tags.length ? '' : 'Add a tag and press Enter'}
                value={tags}
                onChange={(next) => setTags([...new Set(next.map(cleanTag).filter(Boolean))])}
                splitChars={[',', ' ']}
                error={errors.tags}
              />
              <Select<number>
                label="Assignee"
                placeholder={agents.isPending ? 'Loading agents…' : 'Unassigned'}
                value={assignee}
                data={(agents.data ?? []).map((agent) => ({
                  value: agent.id,
                  label: agent.id === user.id ? `${agent.name} (you)` : agent.name,
                }))}
                onChange={setAssignee}
                searchable
                clearable
                error={errors.assignee_id}
                nothingFoundMessage="No agent with that name"
              />
              <Select<number>
                label="Group"
                placeholder="No group"
                value={group}
                data={(groups.data ?? []).map((item) => ({ value: item.id, label: item.name }))}
                onChange={setGroup}
                searchable
                clearable
                error={errors.group_id}
              />
              {(customFields.data ?? []).map((field) => (
                <FormCustomField
                  key={field.key}
                  field={field}
                  value={custom[field.key] ?? null}
                  error={errors[`custom_fields.${field.key}`]}
                  onChange={(value) => setCustom((current) => ({ ...current, [field.key]: value }))}
                />
              ))}
            </Stack>
          </Paper>
        </Box>
        <Group justify="flex-end" gap="sm" mt="md" hiddenFrom="md">
          <Button variant="default" component={Link} to={lastListPath()}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} />}>
            Create ticket
          </Button>
        </Group>
      </form>
    </Box>
  );
}

function FormCustomField({
  field,
  value,
  error,
  onChange,
}: {
  field: CustomField;
  value: CustomFieldValue;
  error: string | undefined;
  onChange: (value: CustomFieldValue) => void;
}) {
  const common = { label: field.label, withAsterisk: field.required, error };
  switch (field.type) {
    case 'checkbox':
      return (
        <Checkbox label={field.label} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} error={error} />
      );
    case 'dropdown':
      return (
        <Select
          {...common}
          placeholder="Not set"
          value={typeof value === 'string' ? value : null}
          data={field.options}
          onChange={onChange}
          clearable
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder="Not set"
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : next === '' ? null : Number(next))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value || null)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          placeholder="Not set"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

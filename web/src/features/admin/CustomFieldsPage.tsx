import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconCalendar,
  IconForms,
  IconHash,
  IconLetterCase,
  IconPencil,
  IconPlus,
  IconSelector,
  IconSquareCheck,
  type Icon,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from './AdminPage.tsx';
import { type CustomField, type FieldType, useAdminCustomFields, useSaveCustomField } from './api.ts';
import { fieldTypeLabels } from './labels.ts';

const typeIcons: Record<FieldType, Icon> = {
  text: IconLetterCase,
  number: IconHash,
  dropdown: IconSelector,
  date: IconCalendar,
  checkbox: IconSquareCheck,
};

const typeHints: Record<FieldType, string> = {
  text: 'Free text, like an order number',
  number: 'A number, like seats affected',
  dropdown: 'One choice from a list you define',
  date: 'A calendar date',
  checkbox: 'Yes or no',
};

const keyFrom = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 60);

/** /admin/custom-fields: extra ticket fields; add them with type-specific options, edit or retire them. */
export function CustomFieldsPage() {
  const fields = useAdminCustomFields();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');

  let body: ReactNode;
  if (fields.isPending) body = <TableSkeleton label="Loading custom fields" columns={4} rows={4} />;
  else if (!fields.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load custom fields" error={fields.error} onRetry={() => void fields.refetch()} />
      </Box>
    );
  else if (fields.data.length === 0)
    body = (
      <PanelEmpty
        icon={<IconForms size={28} stroke={1.6} />}
        title="No custom fields yet"
        description="Add fields for what your team needs on every ticket, such as an order number or the affected environment."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add field
          </Button>
        }
      />
    );
  else if (phone)
    body = (
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Custom fields">
        {fields.data.map((field, index) => (
          <Box component="li" key={field.id} style={index > 0 ? { borderTop: '1px solid var(--fl-border)' } : undefined}>
            <UnstyledButton
              className="fl-ticket-card"
              w="100%"
              px="md"
              py={12}
              onClick={() => setEditing(field)}
              aria-label={`Edit ${field.label}`}
            >
              <Group justify="space-between" wrap="nowrap">
                <Box style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm" c={field.active ? undefined : 'dimmed'}>
                    {field.label}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {field.key}
                  </Text>
                </Box>
                <TypeBadge type={field.type} />
              </Group>
              <Group gap={6} mt={6}>
                {field.required && (
                  <Badge size="sm" color="red" variant="light" radius="sm" tt="none">
                    Required
                  </Badge>
                )}
                {!field.active && (
                  <Badge size="sm" color="gray" variant="outline" radius="sm" tt="none" c="gray.8">
                    Inactive
                  </Badge>
                )}
                {field.options.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {field.options.length} options
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          </Box>
        ))}
      </Box>
    );
  else
    body = (
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Th>Field</Th>
            <Th w={140}>Type</Th>
            <Th w="32%">Options</Th>
            <Th w={100}>Required</Th>
            <Th w={100}>Status</Th>
            <Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.data.map((field) => (
            <Table.Tr key={field.id} style={field.active ? undefined : { background: 'var(--mantine-color-gray-0)' }}>
              <Table.Td>
                <Text size="sm" fw={600} c={field.active ? undefined : 'dimmed'}>
                  {field.label}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {field.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <TypeBadge type={field.type} />
              </Table.Td>
              <Table.Td>
                {field.options.length ? (
                  <Group gap={4}>
                    {field.options.slice(0, 4).map((option) => (
                      <Badge key={option} size="sm" variant="default" radius="sm" tt="none" fw={500}>
                        {option}
                      </Badge>
                    ))}
                    {field.options.length > 4 && (
                      <Text size="xs" c="dimmed">
                        +{field.options.length - 4} more
                      </Text>
                    )}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {field.required ? (
                  <Badge size="sm" color="red" variant="light" radius="sm" tt="none">
                    Required
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    Optional
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge
                  size="sm"
                  color={field.active ? 'green' : 'gray'}
                  variant={field.active ? 'light' : 'outline'}
                  radius="sm"
                  tt="none"
                  c={field.active ? undefined : 'gray.8'}
                >
                  {field.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing(field)}
                  aria-label={`Edit ${field.label}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <AdminPage
      slug="custom-fields"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Add field
        </Button>
      }
    >
      <Panel busy={fields.isPending}>{body}</Panel>
      <FieldModal field={editing} onClose={() => setEditing(null)} />
    </AdminPage>
  );
}

function TypeBadge({ type }: { type: FieldType }) {
  const TypeIcon = typeIcons[type];
  return (
    <Badge variant="light" color="gray" radius="sm" tt="none" fw={500} leftSection={<TypeIcon size={13} stroke={1.8} />}>
      {fieldTypeLabels[type]}
    </Badge>
  );
}

function FieldModal({ field, onClose }: { field: CustomField | 'new' | null; onClose: () => void }) {
  const save = useSaveCustomField();
  const existing = field && field !== 'new' ? field : null;
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<FieldType>('text');
  const [options, setOptions] = useState<string[]>([]);
  const [required, setRequired] = useState(false);
  const [active, setActive] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!field) return;
    setLabel(existing?.label ?? '');
    setKey(existing?.key ?? '');
    setKeyTouched(Boolean(existing));
    setType(existing?.type ?? 'text');
    setOptions(existing?.options ?? []);
    setRequired(existing?.required ?? false);
    setActive(existing?.active ?? true);
    setErrors({});
    setProblem(null);
  }, [field, existing]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!label.trim()) found.label = 'Enter a label';
    if (!existing && !/^[a-z][a-z0-9_]*$/.test(key)) found.key = 'Lower-case letters, digits and underscores, starting with a letter';
    if (type === 'dropdown' && options.length === 0) found.options = 'Add at least one option';
    setErrors(found);
    if (Object.keys(found).length) return;
    setProblem(null);
    const input = existing
      ? {
          label: label.trim(),
          required,
          active,
          ...(type === 'dropdown' ? { options } : {}),
        }
      : { key, label: label.trim(), type, required, ...(type === 'dropdown' ? { options } : {}) };
    save.mutate(
      { ...(existing ? { id: existing.id } : {}), input },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: existing ? `Saved ${saved.label}` : `Added ${saved.label}` });
          onClose();
        },
        onError: (failure) => {
          const fields = fieldErrors(failure);
          setErrors(fields);
          setProblem(errorMessage(failure));
        },
      },
    );
  };

  const removed = existing ? existing.options.filter((option) => !options.includes(option)) : [];

  return (
    <Modal
      opened={field !== null}
      onClose={onClose}
      title={<Text fw={700}>{existing ? `Edit ${existing.label}` : 'Add custom field'}</Text>}
      size="xl"
    >
      <form onSubmit={submit} noValidate aria-label={existing ? 'Edit custom field' : 'Add custom field'}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
          <Stack gap="md">
            {problem && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {problem}
              </Alert>
            )}
            <TextInput
              label="Label"
              description="What agents (and customers, for required fields) see"
              value={label}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setLabel(value);
                if (!keyTouched && !existing) setKey(keyFrom(value));
              }}
              error={errors.label}
              required
              data-autofocus
            />
            {existing ? (
              <Box>
                <Text size="sm" fw={500}>
                  Key and type
                </Text>
                <Group gap="xs" mt={4}>
                  <Text size="sm" ff="monospace">
                    {existing.key}
                  </Text>
                  <TypeBadge type={existing.type} />
                </Group>
                <Text size="xs" c="dimmed" mt={4}>
                  Fixed once created: the API, searches and reports use them.
                </Text>
              </Box>
            ) : (
              <>
                <TextInput
                  label="Key"
                  description="Used by the API and searches; cannot change later"
                  value={key}
                  onChange={(event) => {
                    setKey(event.currentTarget.value);
                    setKeyTouched(true);
                  }}
                  error={errors.key}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  required
                />
                <Select
                  label="Type"
                  data={(Object.keys(fieldTypeLabels) as FieldType[]).map((value) => ({ value, label: fieldTypeLabels[value] ?? value }))}
                  value={type}
                  onChange={(value) => value && setType(value as FieldType)}
                  allowDeselect={false}
                  error={errors.type}
                  renderOption={({ option }) => {
                    const TypeIcon = typeIcons[option.value as FieldType];
                    return (
                      <Group gap="sm" wrap="nowrap">
                        <TypeIcon size={16} stroke={1.7} />
                        <Box>
                          <Text size="sm">{option.label}</Text>
                          <Text size="xs" c="dimmed">
                            {typeHints[option.value as FieldType]}
                          </Text>
                        </Box>
                      </Group>
                    );
                  }}
                />
              </>
            )}
            {type === 'dropdown' && (
              <TagsInput
                label="Options"
                description="Type an option and press Enter"
                value={options}
                onChange={(value) => {
                  setOptions(value);
                  setErrors(({ options: _, ...rest }) => rest);
                }}
                error={errors.options ?? Object.entries(errors).find(([path]) => path.startsWith('options.'))?.[1]}
                clearable
                splitChars={[',']}
              />
            )}
            {removed.length > 0 && (
              <Alert color="orange" variant="light" p="xs">
                <Text size="xs">Tickets that already use {removed.map((option) => `“${option}”`).join(', ')} keep that value.</Text>
              </Alert>
            )}
            <Switch
              label="Required"
              description="A ticket cannot be created without it (customers are asked for it in the Help Center)"
              checked={required}
              onChange={(event) => setRequired(event.currentTarget.checked)}
            />
            {existing && (
              <Switch
                label="Active"
                description="Inactive fields are hidden from forms; values already set are kept"
                checked={active}
                onChange={(event) => setActive(event.currentTarget.checked)}
                color="teal"
              />
            )}
          </Stack>
          <Box>
            <Text size="sm" fw={500} mb={6}>
              Preview
            </Text>
            <Paper withBorder p="md" bg="gray.0" inert>
              <Preview label={label || 'Field label'} type={type} options={options} required={required} />
            </Paper>
          </Box>
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="xl">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {existing ? 'Save changes' : 'Add field'}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** How the field will look on a ticket form. */
function Preview({ label, type, options, required }: { label: string; type: FieldType; options: string[]; required: boolean }) {
  const common = { label, required, readOnly: true, tabIndex: -1 } as const;
  switch (type) {
    case 'number':
      return <NumberInput {...common} placeholder="0" />;
    case 'dropdown':
      return <Select {...common} data={options} placeholder={options.length ? 'Choose one' : 'Add options first'} />;
    case 'date':
      return <TextInput {...common} type="date" />;
    case 'checkbox':
      return <Checkbox label={label} readOnly tabIndex={-1} />;
    default:
      return <TextInput {...common} placeholder="Text" />;
  }
}

import { ActionIcon, Badge, Box, Button, Group, Paper, Skeleton, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconListCheck, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from './AdminPage.tsx';
import { type ResolutionCode, useResolutionCodes, useSaveResolutionCode, useSaveTicketSettings, useTicketSettings } from './api.ts';

const codeFrom = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 60);

/** /admin/resolution-codes: the list agents pick from when solving, and whether picking is required. */
export function ResolutionCodesPage() {
  const codes = useResolutionCodes();
  const [adding, setAdding] = useState(false);
  const sorted = [...(codes.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.label.localeCompare(b.label));

  let body: ReactNode;
  if (codes.isPending) body = <TableSkeleton label="Loading resolution codes" columns={3} rows={4} />;
  else if (!codes.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load resolution codes" error={codes.error} onRetry={() => void codes.refetch()} />
      </Box>
    );
  else if (codes.data.length === 0 && !adding)
    body = (
      <PanelEmpty
        icon={<IconListCheck size={28} stroke={1.6} />}
        title="No resolution codes yet"
        description="Codes like “Fixed”, “Workaround provided” or “Duplicate” show how tickets end, for reports and quality reviews."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add code
          </Button>
        }
      />
    );
  else
    body = (
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Th>Code</Th>
            <Th w={110}>Offered</Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {adding && <NewCodeRow existing={codes.data} onDone={() => setAdding(false)} />}
          {sorted.map((code) => (
            <CodeRow key={code.code} code={code} />
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <AdminPage
      slug="resolution-codes"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} disabled={adding}>
          Add code
        </Button>
      }
    >
      <Stack gap="lg">
        <RequiredSetting hasActiveCodes={sorted.some((code) => code.active)} />
        <Panel busy={codes.isPending}>{body}</Panel>
        <Text size="xs" c="dimmed">
          Codes cannot be deleted, so past tickets keep theirs; switch one off to stop offering it.
        </Text>
      </Stack>
    </AdminPage>
  );
}

function RequiredSetting({ hasActiveCodes }: { hasActiveCodes: boolean }) {
  const settings = useTicketSettings();
  const save = useSaveTicketSettings();
  return (
    <Paper withBorder radius="md" p="md">
      {settings.isPending ? (
        <Group role="status" aria-label="Loading settings" gap="md">
          <Skeleton h={22} w={40} radius="xl" />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton h={12} w="40%" />
            <Skeleton h={10} w="70%" />
          </Stack>
        </Group>
      ) : settings.isError ? (
        <ErrorState title="Could not load the ticket settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="xs">
          <Switch
            size="md"
            label={<Text fw={600}>Require a resolution code to solve a ticket</Text>}
            description="Agents must pick a code before they can set a ticket to solved."
            checked={settings.data.resolution_code_required}
            disabled={save.isPending}
            onChange={(event) => {
              const value = event.currentTarget.checked;
              save.mutate(
                { resolution_code_required: value },
                {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: value ? 'Resolution codes are now required' : 'Resolution codes are now optional',
                    }),
                  onError: (failure) => notifications.show({ color: 'red', title: 'Setting not saved', message: errorMessage(failure) }),
                },
              );
            }}
          />
          {settings.data.resolution_code_required && !hasActiveCodes && (
            <Text size="sm" c="orange.9" ml={54}>
              No code is switched on, so agents cannot solve tickets. Add or switch on a code below.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function CodeRow({ code }: { code: ResolutionCode }) {
  const save = useSaveResolutionCode();
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(code.label);
  const [error, setError] = useState<string | null>(null);

  const persist = (next: ResolutionCode, message: string) =>
    save.mutate(next, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message });
        setEditing(false);
      },
      onError: (failure) => {
        setError(fieldErrors(failure).label ?? errorMessage(failure));
        if (!editing) notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(failure) });
      },
    });

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) {
      setError('Enter a label');
      return;
    }
    if (label.trim() === code.label) {
      setEditing(false);
      return;
    }
    persist({ ...code, label: label.trim() }, `Renamed to ${label.trim()}`);
  };

  return (
    <Table.Tr style={code.active ? undefined : { background: 'var(--mantine-color-gray-0)' }}>
      <Table.Td>
        {editing ? (
          <form onSubmit={rename} aria-label={`Rename ${code.label}`} style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
            <TextInput
              aria-label="Label"
              size="xs"
              value={label}
              onChange={(event) => {
                setLabel(event.currentTarget.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setLabel(code.label);
                  setEditing(false);
                }
              }}
              error={error}
              autoFocus
              style={{ flex: 1 }}
              maw={320}
            />
            <ActionIcon type="submit" variant="light" size={30} aria-label="Save label" loading={save.isPending}>
              <IconCheck size={15} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              size={30}
              aria-label="Cancel"
              onClick={() => {
                setLabel(code.label);
                setEditing(false);
              }}
            >
              <IconX size={15} />
            </ActionIcon>
          </form>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} c={code.active ? undefined : 'dimmed'}>
              {code.label}
            </Text>
            <Tooltip label="Rename">
              <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => setEditing(true)} aria-label={`Rename ${code.label}`}>
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
            {!code.active && (
              <Badge size="xs" variant="outline" color="gray" radius="sm" c="gray.8">
                Off
              </Badge>
            )}
          </Group>
        )}
        <Text size="xs" ff="monospace" c="dimmed" mt={2}>
          {code.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Offer ${code.label}`}
          checked={code.active}
          disabled={save.isPending}
          color="teal"
          onChange={(event) => {
            const active = event.currentTarget.checked;
            persist({ ...code, active }, active ? `${code.label} is offered again` : `${code.label} is no longer offered`);
          }}
        />
      </Table.Td>
    </Table.Tr>
  );
}

function NewCodeRow({ existing, onDone }: { existing: ResolutionCode[]; onDone: () => void }) {
  const save = useSaveResolutionCode();
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!label.trim()) found.label = 'Enter a label';
    if (!/^[a-z][a-z0-9_]*$/.test(code)) found.code = 'Lower-case letters, digits and _';
    // Saving an existing code would overwrite it: the API saves by code.
    else if (existing.some((other) => other.code === code)) found.code = 'This code exists already';
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { code, label: label.trim(), active: true },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `Added ${saved.label}` });
          onDone();
        },
        onError: (failure) =>
          setErrors({ ...fieldErrors(failure), ...(Object.keys(fieldErrors(failure)).length ? {} : { label: errorMessage(failure) }) }),
      },
    );
  };

  return (
    <Table.Tr bg="brand.0">
      <Table.Td colSpan={2}>
        <form
          onSubmit={submit}
          aria-label="Add resolution code"
          style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-start' }}
        >
          <TextInput
            aria-label="Label"
            placeholder="Label, e.g. Fixed in a release"
            value={label}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setLabel(value);
              if (!touched) setCode(codeFrom(value));
            }}
            onKeyDown={(event) => event.key === 'Escape' && onDone()}
            error={errors.label}
            autoFocus
            style={{ flex: '2 1 220px' }}
          />
          <TextInput
            aria-label="Code"
            placeholder="code"
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setTouched(true);
            }}
            error={errors.code}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: '1 1 160px' }}
          />
          <Button type="submit" loading={save.isPending} leftSection={<IconCheck size={15} />}>
            Add
          </Button>
          <Button variant="subtle" color="gray" onClick={onDone}>
            Cancel
          </Button>
        </form>
      </Table.Td>
    </Table.Tr>
  );
}

import {
  ActionIcon,
  Alert,
  Avatar,
  Badge,
  Box,
  Button,
  CloseButton,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh, IconSearch, IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, fieldErrors, isApiError } from '../../app/api.ts';
import { initials, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { roleLabels } from '../../app/permissions.ts';
import type { Role } from '../../app/types.ts';
import { useNow } from '../../app/useNow.ts';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from './AdminPage.tsx';
import { type AdminGroup, type AdminUser, useAdminGroups, useSaveUser, useUsers } from './api.ts';
import { generatePassword, roleHints, roleOptions, roleSwatches } from './labels.ts';
import { UserDrawer } from './UserDrawer.tsx';

/** /admin/users: everyone with an account, searchable and filterable by role; a drawer edits one. */
export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  // No role picked: the team (agents); "everyone" adds customers.
  const role = params.get('role') ?? '';
  const editing = Number(params.get('user')) || null;
  const [adding, setAdding] = useState(false);
  const users = useUsers({ q, role });
  const roleFilter = [{ value: 'everyone', label: 'Everyone, with customers' }, ...roleOptions];
  const groups = useAdminGroups();
  const list = users.data?.pages.flatMap((page) => page.data) ?? [];

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'user' },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: mirror the debounced search into the address
  useEffect(() => setParam('q', q || null), [q]);

  let body: ReactNode;
  if (users.isPending) body = <TableSkeleton label="Loading users" columns={5} />;
  else if (!users.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load users" error={users.error} onRetry={() => void users.refetch()} />
      </Box>
    );
  else if (list.length === 0)
    body =
      q || role ? (
        <PanelEmpty
          icon={<IconUserOff size={28} stroke={1.6} />}
          title="Nobody matches"
          description={`No ${role && role !== 'everyone' ? roleLabels[role as Role].toLowerCase() : 'user'}${q ? ` matches “${q}”` : ''}.`}
          action={
            <Button
              variant="default"
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              Clear filters
            </Button>
          }
        />
      ) : (
        <PanelEmpty
          icon={<IconUsers size={28} stroke={1.6} />}
          title="No users yet"
          description="Add your team so they can sign in and work tickets."
          action={
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
              Add user
            </Button>
          }
        />
      );
  else body = <UserTable users={list} groups={groups.data ?? []} onOpen={(id) => setParam('user', String(id))} />;

  return (
    <AdminPage
      slug="users"
      actions={
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
          Add user
        </Button>
      }
    >
      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          aria-label="Search users"
          placeholder="Search by name or email"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          rightSection={search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null}
          style={{ flex: '1 1 260px' }}
          maw={420}
        />
        <Select
          aria-label="Filter by role"
          placeholder="All team members"
          data={roleFilter}
          value={role || null}
          onChange={(value) => setParam('role', value)}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
        <Tooltip label="Refresh">
          <ActionIcon
            visibleFrom="xs"
            variant="default"
            size="lg"
            aria-label="Refresh users"
            onClick={() => void users.refetch()}
            loading={users.isFetching && !users.isPending}
          >
            <IconRefresh size={18} stroke={1.7} />
          </ActionIcon>
        </Tooltip>
      </Group>

      <Panel busy={users.isPending}>{body}</Panel>

      {list.length > 0 && (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.length} {list.length === 1 ? 'user' : 'users'}
            {users.hasNextPage ? ' so far' : ''}
          </Text>
          {users.hasNextPage && (
            <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Group>
      )}

      <UserDrawer userId={editing} groups={groups.data ?? []} onClose={() => setParam('user', null)} />
      <AddUserModal
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(user) => {
          setAdding(false);
          if (user.role !== 'customer') setParam('user', String(user.id));
        }}
      />
    </AdminPage>
  );
}

function RoleBadge({ role }: { role: Role }) {
  const swatch = roleSwatches[role];
  return (
    <Badge tt="none" fw={600} radius="sm" vars={() => ({ root: { '--badge-bg': swatch.bg, '--badge-color': swatch.fg } })}>
      {roleLabels[role]}
    </Badge>
  );
}

function UserTable({ users, groups, onOpen }: { users: AdminUser[]; groups: AdminGroup[]; onOpen: (id: number) => void }) {
  const now = useNow();
  const phone = useMediaQuery('(max-width: 48em)');
  const groupName = useMemo(() => new Map(groups.map((group) => [group.id, group.name])), [groups]);
  const names = (user: AdminUser) => user.group_ids.map((id) => groupName.get(id) ?? `#${id}`);

  if (phone) {
    return (
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Users">
        {users.map((user, index) => (
          <Box component="li" key={user.id} style={index > 0 ? { borderTop: '1px solid var(--fl-border)' } : undefined}>
            <UnstyledButton
              className="fl-ticket-card"
              w="100%"
              px="md"
              py={12}
              onClick={() => onOpen(user.id)}
              aria-label={`Edit ${user.name}`}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Avatar size={36} radius="xl" color={user.active ? roleSwatches[user.role].fg : 'gray'} variant="light" aria-hidden="true">
                  {initials(user.name)}
                </Avatar>
                <Box style={{ minWidth: 0, flex: 1 }}>
                  <Text fw={600} size="sm" truncate>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {user.email}
                  </Text>
                  <Group gap={6} mt={6}>
                    <RoleBadge role={user.role} />
                    {user.tier && (
                      <Badge variant="outline" color="gray" radius="sm" tt="none" c="gray.8">
                        Tier {user.tier}
                      </Badge>
                    )}
                    {!user.active && (
                      <Badge color="gray.7" variant="filled" radius="sm" tt="none">
                        Deactivated
                      </Badge>
                    )}
                  </Group>
                </Box>
              </Group>
            </UnstyledButton>
          </Box>
        ))}
      </Box>
    );
  }

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Th>User</Th>
            <Th w={190}>Role</Th>
            <Th w={70}>Tier</Th>
            <Th w="20%">Groups</Th>
            <Th w={110}>Languages</Th>
            <Th w={130}>Last sign-in</Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const groupNames = names(user);
            return (
              <Table.Tr
                key={user.id}
                className="fl-ticket-row"
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('button, a')) return;
                  onOpen(user.id);
                }}
                style={user.active ? undefined : { background: 'var(--mantine-color-gray-0)' }}
              >
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar
                      size={32}
                      radius="xl"
                      color={user.active ? roleSwatches[user.role].fg : 'gray'}
                      variant="light"
                      aria-hidden="true"
                    >
                      {initials(user.name)}
                    </Avatar>
                    <Box style={{ minWidth: 0 }}>
                      <Group gap={8} wrap="nowrap">
                        <UnstyledButton onClick={() => onOpen(user.id)} className="fl-row-link" aria-label={`Edit ${user.name}`}>
                          <Text span size="sm" fw={600} c={user.active ? undefined : 'dimmed'}>
                            {user.name}
                          </Text>
                        </UnstyledButton>
                        {!user.active && (
                          <Badge color="gray" variant="outline" size="sm" radius="sm" tt="none" c="gray.8">
                            Deactivated
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" truncate>
                        {user.email}
                      </Text>
                    </Box>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={user.role} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={user.tier ? undefined : 'dimmed'}>
                    {user.tier ? `T${user.tier}` : '—'}
                  </Text>
                </Table.Td>
                <Table.Td maw={0}>
                  <Text size="sm" truncate="end" c={groupNames.length ? undefined : 'dimmed'} title={groupNames.join(', ')}>
                    {groupNames.length ? groupNames.join(', ') : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" tt="uppercase" c={user.languages.length ? undefined : 'dimmed'}>
                    {user.languages.length ? user.languages.join(' · ') : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {user.last_sign_in_at ? relativeTime(user.last_sign_in_at, now) : 'Never'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The "Add user" dialog: who, which role, and optionally a first password. */
function AddUserModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (user: AdminUser) => void }) {
  const save = useSaveUser();
  const [values, setValues] = useState({ name: '', email: '', role: 'associate' as Role, password: '' });
  const [visible, setVisible] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setValues({ name: '', email: '', role: 'associate', password: '' });
    setErrors({});
    setProblem(null);
    setVisible(false);
  }, [opened]);

  const set = (key: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = 'Enter a name';
    if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) found.email = 'Enter an email address like name@company.com';
    if (values.password && values.password.length < 10) found.password = 'Use at least 10 characters';
    if (values.role !== 'customer' && !values.password) found.password = 'Agents sign in with a password; set a first one';
    setErrors(found);
    if (Object.keys(found).length) return;
    setProblem(null);
    save.mutate(
      {
        input: {
          name: values.name.trim(),
          email: values.email.trim(),
          role: values.role,
          ...(values.password ? { password: values.password } : {}),
        },
      },
      {
        onSuccess: (user) => {
          notifications.show({
            color: 'teal',
            title: `${user.name} was added`,
            message: user.role === 'customer' ? 'They can sign in to the Help Center.' : 'Set their tier, skills and groups next.',
          });
          onCreated(user);
        },
        onError: (failure) => {
          const found = fieldErrors(failure);
          if (isApiError(failure) && failure.code === 'email_taken') found.email = failure.detail;
          setErrors(found);
          if (Object.keys(found).length === 0) setProblem(errorMessage(failure));
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>Add user</Text>} size="md">
      <form onSubmit={submit} noValidate aria-label="Add user">
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {problem}
            </Alert>
          )}
          <TextInput
            label="Name"
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
            data-autofocus
            required
          />
          <TextInput
            label="Email"
            type="email"
            value={values.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={errors.email}
            required
          />
          <Select
            label="Role"
            description={roleHints[values.role]}
            data={roleOptions}
            value={values.role}
            onChange={(value) => value && set('role', value)}
            allowDeselect={false}
            error={errors.role}
          />
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <PasswordInput
              label="First password"
              description={
                values.role === 'customer'
                  ? 'Optional: customers can sign in with an emailed link.'
                  : 'At least 10 characters; share it over a safe channel.'
              }
              value={values.password}
              onChange={(event) => set('password', event.currentTarget.value)}
              error={errors.password}
              visible={visible}
              onVisibilityChange={setVisible}
              autoComplete="new-password"
              style={{ flex: 1 }}
            />
            <Tooltip label="Generate a strong password">
              <ActionIcon
                variant="default"
                size={36}
                aria-label="Generate a strong password"
                onClick={() => {
                  set('password', generatePassword());
                  setVisible(true);
                }}
                mb={errors.password ? 22 : 0}
              >
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} leftSection={<IconUserPlus size={16} />}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

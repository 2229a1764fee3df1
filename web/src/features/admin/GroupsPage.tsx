import {
  Alert,
  Avatar,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPencil, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { initials } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { roleLabels } from '../../app/permissions.ts';
import { AdminPage, Panel, PanelEmpty } from './AdminPage.tsx';
import { type AdminGroup, type AdminUser, useAdminGroups, useDirectory, useSaveGroup } from './api.ts';
import { roleSwatches } from './labels.ts';

/** /admin/groups: the teams tickets are routed to, their members and tier. */
export function GroupsPage() {
  const groups = useAdminGroups();
  const directory = useDirectory();
  const [editing, setEditing] = useState<AdminGroup | 'new' | null>(null);
  const people = useMemo(() => new Map((directory.data ?? []).map((user) => [user.id, user])), [directory.data]);

  let body: ReactNode;
  if (groups.isPending) {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} role="status" aria-label="Loading groups">
        {[1, 2, 3].map((key) => (
          <Card key={key} withBorder padding="lg">
            <Skeleton h={16} w="50%" />
            <Skeleton h={10} w="80%" mt="md" />
            <Group gap={4} mt="lg">
              {[1, 2, 3].map((avatar) => (
                <Skeleton key={avatar} h={28} w={28} circle />
              ))}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    );
  } else if (!groups.data) {
    body = <ErrorState title="Could not load groups" error={groups.error} onRetry={() => void groups.refetch()} />;
  } else if (groups.data.length === 0) {
    body = (
      <Panel>
        <PanelEmpty
          icon={<IconUsersGroup size={28} stroke={1.6} />}
          title="No groups yet"
          description="Groups are teams (Billing, Technical support…) that tickets are routed to."
          action={
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add group
            </Button>
          }
        />
      </Panel>
    );
  } else {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {groups.data.map((group) => {
          const members = group.member_ids.map((id) => people.get(id)).filter((user): user is AdminUser => Boolean(user));
          return (
            <Card key={group.id} withBorder padding="lg" radius="md" component="article" aria-label={group.name}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Box style={{ minWidth: 0 }}>
                  <Group gap={8}>
                    <Text fw={700} size="md">
                      {group.name}
                    </Text>
                    {group.tier && (
                      <Badge variant="light" color="indigo" radius="sm" tt="none">
                        Tier {group.tier}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed" mt={4} lineClamp={2}>
                    {group.description || 'No description'}
                  </Text>
                </Box>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing(group)}
                  aria-label={`Edit ${group.name}`}
                  style={{ flexShrink: 0 }}
                >
                  Edit
                </Button>
              </Group>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="lg" mb={6} style={{ letterSpacing: '0.05em' }}>
                {group.member_ids.length === 0
                  ? 'No members yet'
                  : `${group.member_ids.length} ${group.member_ids.length === 1 ? 'member' : 'members'}`}
              </Text>
              {members.length > 0 && (
                <Group gap={6}>
                  {members.slice(0, 8).map((member) => (
                    <Group
                      key={member.id}
                      gap={6}
                      wrap="nowrap"
                      pr={8}
                      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 999 }}
                    >
                      <Avatar size={24} radius="xl" color={roleSwatches[member.role].fg} variant="light" fz={10}>
                        {initials(member.name)}
                      </Avatar>
                      <Text size="xs" fw={500} c={member.active ? undefined : 'dimmed'}>
                        {member.name}
                      </Text>
                    </Group>
                  ))}
                  {members.length > 8 && (
                    <Text size="xs" c="dimmed">
                      +{members.length - 8} more
                    </Text>
                  )}
                </Group>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    );
  }

  return (
    <AdminPage
      slug="groups"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Add group
        </Button>
      }
    >
      {body}
      <GroupModal
        group={editing}
        agents={(directory.data ?? []).filter((user) => user.role !== 'customer')}
        onClose={() => setEditing(null)}
      />
    </AdminPage>
  );
}

function GroupModal({ group, agents, onClose }: { group: AdminGroup | 'new' | null; agents: AdminUser[]; onClose: () => void }) {
  const save = useSaveGroup();
  const existing = group && group !== 'new' ? group : null;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tier, setTier] = useState<string>('none');
  const [members, setMembers] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!group) return;
    setName(existing?.name ?? '');
    setDescription(existing?.description ?? '');
    setTier(existing?.tier ? String(existing.tier) : 'none');
    setMembers((existing?.member_ids ?? []).map(String));
    setErrors({});
    setProblem(null);
  }, [group, existing]);

  const options = useMemo(
    () =>
      agents
        .filter((agent) => agent.active || members.includes(String(agent.id)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((agent) => ({ value: String(agent.id), label: agent.name })),
    [agents, members],
  );
  const byId = useMemo(() => new Map(agents.map((agent) => [String(agent.id), agent])), [agents]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Enter a name' });
      return;
    }
    setProblem(null);
    save.mutate(
      {
        ...(existing ? { id: existing.id } : {}),
        input: {
          name: name.trim(),
          description: description.trim(),
          tier: tier === 'none' ? null : Number(tier),
          member_ids: members.map(Number),
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: existing ? `Saved ${saved.name}` : `Created ${saved.name}` });
          onClose();
        },
        onError: (failure) => {
          const found = fieldErrors(failure);
          setErrors(found);
          setProblem(errorMessage(failure));
        },
      },
    );
  };

  return (
    <Modal
      opened={group !== null}
      onClose={onClose}
      title={<Text fw={700}>{existing ? `Edit ${existing.name}` : 'Add group'}</Text>}
      size="lg"
    >
      <form onSubmit={submit} noValidate aria-label={existing ? 'Edit group' : 'Add group'}>
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {problem}
            </Alert>
          )}
          <TextInput
            label="Name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
          />
          <Textarea
            label="Description"
            description="What this team handles, so agents route tickets to the right place."
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <Box>
            <Text size="sm" fw={500} id="group-tier-label">
              Tier
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              The escalation level of the tickets this group works.
            </Text>
            <SegmentedControl
              aria-labelledby="group-tier-label"
              value={tier}
              onChange={setTier}
              data={[
                { value: 'none', label: 'None' },
                { value: '1', label: 'Tier 1' },
                { value: '2', label: 'Tier 2' },
                { value: '3', label: 'Tier 3' },
              ]}
            />
          </Box>
          <MultiSelect
            label="Members"
            description="Agents who receive this group’s tickets."
            placeholder={members.length ? undefined : 'Add agents'}
            data={options}
            value={members}
            onChange={setMembers}
            searchable
            hidePickedOptions
            nothingFoundMessage="No agent matches"
            error={errors.member_ids}
            maxDropdownHeight={260}
            renderOption={({ option }) => {
              const agent = byId.get(option.value);
              return (
                <Group gap="sm" wrap="nowrap">
                  <Avatar size={24} radius="xl" color={agent ? roleSwatches[agent.role].fg : 'gray'} variant="light">
                    {initials(option.label)}
                  </Avatar>
                  <Box>
                    <Text size="sm">{option.label}</Text>
                    {agent && (
                      <Text size="xs" c="dimmed">
                        {roleLabels[agent.role]}
                        {agent.tier ? ` · Tier ${agent.tier}` : ''}
                      </Text>
                    )}
                  </Box>
                </Group>
              );
            }}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {existing ? 'Save changes' : 'Create group'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

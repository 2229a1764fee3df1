import {
  Alert,
  Badge,
  Box,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useNow } from '../../app/useNow.ts';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from './AdminPage.tsx';
import classes from './admin.module.css';
import { type ApiToken, useCreateToken, useDirectory, useRevokeToken, useTokens } from './api.ts';

/** /admin/tokens: API tokens, your own by default (admins can manage an integration user's). */
export function TokensPage() {
  const me = useCurrentUser();
  const [owner, setOwner] = useState<number>(me.id);
  const tokens = useTokens(owner === me.id ? null : owner);
  const directory = useDirectory();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const ownerName = owner === me.id ? 'you' : (directory.data?.find((user) => user.id === owner)?.name ?? `user #${owner}`);
  const list = useMemo(
    () => [...(tokens.data ?? [])].sort((a, b) => Number(Boolean(a.revoked_at)) - Number(Boolean(b.revoked_at)) || b.id - a.id),
    [tokens.data],
  );
  const owners = useMemo(
    () => [
      { value: String(me.id), label: `You (${me.name})` },
      ...(directory.data ?? [])
        .filter((user) => user.id !== me.id && user.active && user.role !== 'customer')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({ value: String(user.id), label: user.name })),
    ],
    [directory.data, me.id, me.name],
  );

  let body: ReactNode;
  if (tokens.isPending) body = <TableSkeleton label="Loading tokens" columns={4} rows={3} />;
  else if (!tokens.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
      </Box>
    );
  else if (list.length === 0)
    body = (
      <PanelEmpty
        icon={<IconKey size={28} stroke={1.6} />}
        title={owner === me.id ? 'You have no API tokens' : `${ownerName} has no API tokens`}
        description="A token lets a script or integration call the Frontline API with the owner’s permissions."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create token
          </Button>
        }
      />
    );
  else body = <TokenTable tokens={list} onRevoke={setRevoking} />;

  return (
    <AdminPage
      slug="tokens"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Create token
        </Button>
      }
    >
      <Group mb="md" gap="sm" align="flex-end">
        <Select
          label="Tokens of"
          data={owners}
          value={String(owner)}
          onChange={(value) => value && setOwner(Number(value))}
          searchable
          allowDeselect={false}
          w={{ base: '100%', xs: 300 }}
          nothingFoundMessage="No agent matches"
        />
        <Text size="xs" c="dimmed" pb={8} style={{ flex: '1 1 240px' }}>
          A token acts with its owner’s role. For integrations, create a dedicated user with the least role it needs.
        </Text>
      </Group>
      <Panel busy={tokens.isPending}>{body}</Panel>
      <CreateTokenModal
        opened={creating}
        ownerId={owner === me.id ? null : owner}
        ownerName={ownerName}
        onClose={() => setCreating(false)}
      />
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </AdminPage>
  );
}

function Status({ token }: { token: ApiToken }) {
  return token.revoked_at ? (
    <Tooltip label={`Revoked ${formatDateTime(token.revoked_at)}`}>
      <Badge color="gray" variant="outline" radius="sm" tt="none" c="gray.8">
        Revoked
      </Badge>
    </Tooltip>
  ) : (
    <Badge color="green" variant="light" radius="sm" tt="none">
      Active
    </Badge>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const now = useNow();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone) {
    return (
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="API tokens">
        {tokens.map((token, index) => (
          <Box component="li" key={token.id} px="md" py={12} style={index > 0 ? { borderTop: '1px solid var(--fl-border)' } : undefined}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Box style={{ minWidth: 0 }}>
                <Text fw={600} size="sm" c={token.revoked_at ? 'dimmed' : undefined} truncate>
                  {token.name}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed">
                  {token.prefix}…
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Created {relativeTime(token.created_at, now)} ·{' '}
                  {token.last_used_at ? `used ${relativeTime(token.last_used_at, now)}` : 'never used'}
                </Text>
              </Box>
              <Stack gap={6} align="flex-end">
                <Status token={token} />
                {!token.revoked_at && (
                  <UnstyledButton onClick={() => onRevoke(token)} c="red.8" fz="xs" fw={600} aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </UnstyledButton>
                )}
              </Stack>
            </Group>
          </Box>
        ))}
      </Box>
    );
  }
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md">
      <Table.Thead bg="gray.0">
        <Table.Tr>
          <Th>Name</Th>
          <Th w={170}>Token</Th>
          <Th w={150}>Created</Th>
          <Th w={150}>Last used</Th>
          <Th w={110}>Status</Th>
          <Th w={110} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tokens.map((token) => (
          <Table.Tr key={token.id} style={token.revoked_at ? { background: 'var(--mantine-color-gray-0)' } : undefined}>
            <Table.Td>
              <Text size="sm" fw={600} c={token.revoked_at ? 'dimmed' : undefined}>
                {token.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" c="gray.8">
                {token.prefix}…
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" title={formatDateTime(token.created_at)}>
                {relativeTime(token.created_at, now)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" title={token.last_used_at ? formatDateTime(token.last_used_at) : undefined}>
                {token.last_used_at ? relativeTime(token.last_used_at, now) : 'Never'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Status token={token} />
            </Table.Td>
            <Table.Td ta="right">
              {!token.revoked_at && (
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => onRevoke(token)}
                  aria-label={`Revoke ${token.name}`}
                >
                  Revoke
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CreateTokenModal({
  opened,
  ownerId,
  ownerName,
  onClose,
}: {
  opened: boolean;
  ownerId: number | null;
  ownerName: string;
  onClose: () => void;
}) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ token: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setError(null);
    setSecret(null);
    setCopied(false);
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Name the token after what will use it');
      return;
    }
    create.mutate(
      { name: name.trim(), ...(ownerId ? { user_id: ownerId } : {}) },
      {
        onSuccess: (created) => setSecret({ token: created.token, name: created.name }),
        onError: (failure) => setError(fieldErrors(failure).name ?? errorMessage(failure)),
      },
    );
  };

  const close = () => {
    if (secret && !copied) {
      // Closing without copying loses the secret for good: say so once more.
      notifications.show({
        color: 'orange',
        message: 'The token was created, but its secret can no longer be shown. Revoke it if it was not saved.',
      });
    }
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={700}>{secret ? 'Copy your new token' : 'Create API token'}</Text>}
      size="lg"
      closeOnClickOutside={!secret}
    >
      {secret ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="This is the only time you can see it">
            Copy the token now and store it in a secret manager. Frontline keeps only a hash; if it is lost, revoke it and create a new one.
          </Alert>
          <Box>
            <Text size="sm" fw={500} mb={6}>
              {secret.name}
            </Text>
            <code className={classes.secret}>{secret.token}</code>
          </Box>
          <Text size="xs" c="dimmed">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </Text>
          <Group justify="flex-end" gap="sm">
            <CopyButton value={secret.token}>
              {({ copied: justCopied, copy }) => (
                <Button
                  color={justCopied ? 'teal' : 'brand'}
                  leftSection={justCopied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={() => {
                    copy();
                    setCopied(true);
                  }}
                >
                  {justCopied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>
              {copied ? 'Done' : 'Close'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create API token">
          <Stack gap="md">
            <TextInput
              label="Name"
              description="What will use it, so you recognise it later (e.g. “CRM sync” or “Nightly export”)"
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
              error={error}
              required
              data-autofocus
            />
            <Text size="sm" c="dimmed">
              The token acts as <b>{ownerName}</b>, with the same role and access.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} />}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  return (
    <Modal opened={token !== null} onClose={onClose} title={<Text fw={700}>Revoke this token?</Text>} size="md">
      {token && (
        <Stack gap="md">
          <Text size="sm">
            <b>{token.name}</b> (<code>{token.prefix}…</code>) stops working immediately. Anything still using it gets “unauthenticated”
            errors.
          </Text>
          <Text size="sm" c="dimmed">
            This cannot be undone; create a new token if it is needed again.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              Keep it
            </Button>
            <Button
              color="red.9"
              loading={revoke.isPending}
              leftSection={<IconTrash size={16} />}
              onClick={() =>
                revoke.mutate(token.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: `Revoked ${token.name}` });
                    onClose();
                  },
                  onError: (failure) => notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(failure) }),
                })
              }
            >
              Revoke token
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

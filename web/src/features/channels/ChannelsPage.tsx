import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInbox, IconMail, IconMessage, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage, Panel, PanelEmpty, TableSkeleton, Th } from '../admin/AdminPage.tsx';
import { useAdminGroups } from '../admin/api.ts';
import {
  type InboundStatus,
  type MessagingKind,
  useConnections,
  useInboundEmails,
  useMailboxes,
  useRemoveAddress,
  useRemoveConnection,
  useRemoveMailbox,
  useReprocess,
  useRotateSecret,
  useSaveAddress,
  useSaveConnection,
  useSaveMailbox,
  useSupportAddresses,
} from './api.ts';

/** /admin/channels: the addresses, mailboxes and messaging connections customers reach support through, and mail that could not be read. */
export function ChannelsPage() {
  const [tab, setTab] = useState<string | null>('addresses');
  return (
    <AdminPage slug="channels">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="addresses" leftSection={<IconMail size={16} />}>
            Support addresses
          </Tabs.Tab>
          <Tabs.Tab value="mailboxes" leftSection={<IconInbox size={16} />}>
            IMAP mailboxes
          </Tabs.Tab>
          <Tabs.Tab value="messaging" leftSection={<IconMessage size={16} />}>
            Messaging
          </Tabs.Tab>
          <Tabs.Tab value="inbound" leftSection={<IconAlertTriangle size={16} />}>
            Inbound mail
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="addresses">
          <AddressesTab />
        </Tabs.Panel>
        <Tabs.Panel value="mailboxes">
          <MailboxesTab />
        </Tabs.Panel>
        <Tabs.Panel value="messaging">
          <MessagingTab />
        </Tabs.Panel>
        <Tabs.Panel value="inbound">
          <InboundTab />
        </Tabs.Panel>
      </Tabs>
    </AdminPage>
  );
}

function useGroupOptions() {
  const groups = useAdminGroups();
  const options = (groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }));
  const name = (id: number | null) => (id === null ? '—' : (groups.data?.find((g) => g.id === id)?.name ?? `Group ${id}`));
  return { options, name };
}

function ListFrame({
  loading,
  error,
  retry,
  empty,
  children,
}: {
  loading: boolean;
  error: unknown;
  retry: () => void;
  empty?: ReactNode;
  children: ReactNode;
}) {
  if (loading) return <TableSkeleton label="Loading" columns={4} rows={3} />;
  if (error)
    return (
      <Box p="lg">
        <ErrorState error={error} onRetry={retry} />
      </Box>
    );
  return <>{empty ?? children}</>;
}

const notSaved = (failure: unknown) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(failure) });

function AddressesTab() {
  const addresses = useSupportAddresses();
  const remove = useRemoveAddress();
  const save = useSaveAddress();
  const groups = useGroupOptions();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          Mail to these addresses opens tickets; mail to any other address on this server is refused. The address set by
          FRONTLINE_SUPPORT_EMAIL is always accepted.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          Add address
        </Button>
      </Group>
      <Panel busy={addresses.isPending}>
        <ListFrame
          loading={addresses.isPending}
          error={addresses.error}
          retry={() => void addresses.refetch()}
          empty={
            addresses.data?.length === 0 ? (
              <PanelEmpty
                icon={<IconMail size={28} stroke={1.6} />}
                title="No extra addresses"
                description="Add billing@ or sales@ to route their mail to a group."
              />
            ) : undefined
          }
        >
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Th>Address</Th>
                  <Th>Group</Th>
                  <Th w={100}>Accepting</Th>
                  <Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {addresses.data?.map((address) => (
                  <Table.Tr key={address.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {address.email}
                      </Text>
                      {address.name && (
                        <Text size="xs" c="dimmed">
                          {address.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{groups.name(address.group_id)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`Accept mail for ${address.email}`}
                        checked={address.active}
                        onChange={(event) => save.mutate({ id: address.id, active: event.currentTarget.checked }, { onError: notSaved })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label="Remove">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${address.email}`}
                          onClick={() => remove.mutate(address.id, { onError: notSaved })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListFrame>
      </Panel>
      <AddressModal opened={open} onClose={() => setOpen(false)} groupOptions={groups.options} />
    </Stack>
  );
}

function AddressModal({
  opened,
  onClose,
  groupOptions,
}: {
  opened: boolean;
  onClose: () => void;
  groupOptions: { value: string; label: string }[];
}) {
  const save = useSaveAddress();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { email, name, group_id: groupId ? Number(groupId) : null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${email} now opens tickets` });
          setEmail('');
          setName('');
          setGroupId(null);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Add a support address">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Email address"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            placeholder="billing@example.com"
          />
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="Billing" />
          <Select label="Route tickets to group" clearable data={groupOptions} value={groupId} onChange={setGroupId} />
          {save.error && !errors.email && (
            <Text c="red" size="sm">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Add address
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MailboxesTab() {
  const mailboxes = useMailboxes();
  const remove = useRemoveMailbox();
  const save = useSaveMailbox();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          Mailboxes elsewhere (Google Workspace, Microsoft 365, any IMAP server) are polled for new mail, with IDLE where the server offers
          it. Processed mail is marked read, or moved to a folder.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          Add mailbox
        </Button>
      </Group>
      <Panel busy={mailboxes.isPending}>
        <ListFrame
          loading={mailboxes.isPending}
          error={mailboxes.error}
          retry={() => void mailboxes.refetch()}
          empty={
            mailboxes.data?.length === 0 ? (
              <PanelEmpty
                icon={<IconInbox size={28} stroke={1.6} />}
                title="No mailboxes"
                description="Connect a mailbox to turn its mail into tickets."
              />
            ) : undefined
          }
        >
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Th>Mailbox</Th>
                  <Th>Server</Th>
                  <Th>Last poll</Th>
                  <Th w={90}>Polling</Th>
                  <Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mailboxes.data?.map((mailbox) => (
                  <Table.Tr key={mailbox.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {mailbox.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {mailbox.username} · {mailbox.folder}
                        {mailbox.processed_folder ? ` → ${mailbox.processed_folder}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {mailbox.host}:{mailbox.port} {mailbox.tls ? '(TLS)' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {mailbox.last_error ? (
                        <Badge color="red" variant="light" title={mailbox.last_error}>
                          error
                        </Badge>
                      ) : (
                        <Text size="sm">{mailbox.last_polled_at ? new Date(mailbox.last_polled_at).toLocaleString() : 'not yet'}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`Poll ${mailbox.name}`}
                        checked={mailbox.active}
                        onChange={(event) => save.mutate({ id: mailbox.id, active: event.currentTarget.checked }, { onError: notSaved })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${mailbox.name}`}
                        onClick={() => remove.mutate(mailbox.id, { onError: notSaved })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListFrame>
      </Panel>
      <MailboxModal opened={open} onClose={() => setOpen(false)} />
    </Stack>
  );
}

function MailboxModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const save = useSaveMailbox();
  const [form, setForm] = useState({
    name: '',
    host: '',
    port: 993,
    tls: true,
    username: '',
    password: '',
    folder: 'INBOX',
    processed_folder: '',
  });
  const errors = fieldErrors(save.error);
  const set = (key: keyof typeof form) => (value: string | number | boolean) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { ...form, processed_folder: form.processed_folder.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${form.name} will be polled` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Connect an IMAP mailbox">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} />
          <Group grow align="flex-start">
            <TextInput
              label="Server"
              required
              value={form.host}
              onChange={(e) => set('host')(e.currentTarget.value)}
              error={errors.host}
              placeholder="imap.example.com"
            />
            <NumberInput
              label="Port"
              required
              min={1}
              max={65535}
              value={form.port}
              onChange={(v) => set('port')(Number(v))}
              error={errors.port}
              maw={110}
            />
          </Group>
          <Switch
            label="TLS (port 993); off uses STARTTLS when offered"
            checked={form.tls}
            onChange={(e) => set('tls')(e.currentTarget.checked)}
          />
          <TextInput
            label="User name"
            required
            value={form.username}
            onChange={(e) => set('username')(e.currentTarget.value)}
            error={errors.username}
          />
          <PasswordInput
            label="Password"
            required
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.password}
            description="Stored for polling, never shown again"
          />
          <Group grow>
            <TextInput label="Folder" value={form.folder} onChange={(e) => set('folder')(e.currentTarget.value)} />
            <TextInput
              label="Move processed mail to"
              value={form.processed_folder}
              onChange={(e) => set('processed_folder')(e.currentTarget.value)}
              placeholder="(mark read)"
            />
          </Group>
          {save.error && Object.keys(errors).length === 0 && (
            <Text c="red" size="sm">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Connect
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const kindLabels: Record<MessagingKind, string> = { whatsapp: 'WhatsApp', sms: 'SMS', messenger: 'Messenger', generic: 'Other' };

function MessagingTab() {
  const connections = useConnections();
  const remove = useRemoveConnection();
  const rotate = useRotateSecret();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          Providers post each message to the connection’s inbound URL, signed with its secret (HMAC-SHA256 in x-frontline-signature). Agent
          replies go back through the provider’s send URL.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          Add connection
        </Button>
      </Group>
      {secret && (
        <Alert
          color="teal"
          title={`Secret for ${secret.name}: copy it now, it is not shown again`}
          withCloseButton
          onClose={() => setSecret(null)}
        >
          <Group gap="sm" wrap="nowrap">
            <Code style={{ wordBreak: 'break-all' }}>{secret.secret}</Code>
            <CopyButton value={secret.secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Panel busy={connections.isPending}>
        <ListFrame
          loading={connections.isPending}
          error={connections.error}
          retry={() => void connections.refetch()}
          empty={
            connections.data?.length === 0 ? (
              <PanelEmpty
                icon={<IconMessage size={28} stroke={1.6} />}
                title="No messaging connections"
                description="Connect WhatsApp, SMS or Messenger through your provider’s webhooks."
              />
            ) : undefined
          }
        >
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Th>Connection</Th>
                  <Th>Inbound URL</Th>
                  <Th>Joins within</Th>
                  <Th w={120} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {connections.data?.map((connection) => (
                  <Table.Tr key={connection.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {connection.name}
                      </Text>
                      <Badge variant="light" size="sm">
                        {kindLabels[connection.kind]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{connection.inbound_url}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{connection.join_window_minutes} min</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="New secret">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`New secret for ${connection.name}`}
                            onClick={() =>
                              rotate.mutate(connection.id, {
                                onSuccess: (rotated) => rotated.secret && setSecret({ name: rotated.name, secret: rotated.secret }),
                                onError: notSaved,
                              })
                            }
                          >
                            <IconRefresh size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${connection.name}`}
                          onClick={() => remove.mutate(connection.id, { onError: notSaved })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListFrame>
      </Panel>
      <ConnectionModal opened={open} onClose={() => setOpen(false)} onCreated={(name, value) => setSecret({ name, secret: value })} />
    </Stack>
  );
}

function ConnectionModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (name: string, secret: string) => void;
}) {
  const save = useSaveConnection();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MessagingKind>('whatsapp');
  const [outboundUrl, setOutboundUrl] = useState('');
  const [window, setWindow] = useState<number>(1440);
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { name, kind, outbound_url: outboundUrl.trim() || null, join_window_minutes: window },
      {
        onSuccess: (created) => {
          if (created.secret) onCreated(created.name, created.secret);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Add a messaging connection">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <SegmentedControl
            aria-label="Kind"
            value={kind}
            onChange={(value) => setKind(value as MessagingKind)}
            data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
          />
          <TextInput
            label="Provider send URL"
            value={outboundUrl}
            onChange={(e) => setOutboundUrl(e.currentTarget.value)}
            error={errors.outbound_url}
            placeholder="https://provider.example/send"
          />
          <NumberInput
            label="Join an open conversation within (minutes)"
            min={0}
            max={43200}
            value={window}
            onChange={(v) => setWindow(Number(v))}
            error={errors.join_window_minutes}
          />
          {save.error && Object.keys(errors).length === 0 && (
            <Text c="red" size="sm">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Add connection
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const statusColor: Record<InboundStatus, string> = { received: 'blue', processed: 'teal', ignored: 'gray', failed: 'red' };

function InboundTab() {
  const [status, setStatus] = useState<InboundStatus | 'all'>('failed');
  const inbound = useInboundEmails(status);
  const reprocess = useReprocess();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          Every message is stored as received before it is read. Mail that could not be read or was refused stays here, with its raw copy,
          until it is reprocessed.
        </Text>
        <SegmentedControl
          aria-label="Show"
          value={status}
          onChange={(value) => setStatus(value as InboundStatus | 'all')}
          data={[
            { value: 'failed', label: 'Failed' },
            { value: 'ignored', label: 'Ignored' },
            { value: 'processed', label: 'Processed' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      <Panel busy={inbound.isPending}>
        <ListFrame
          loading={inbound.isPending}
          error={inbound.error}
          retry={() => void inbound.refetch()}
          empty={
            inbound.data?.data.length === 0 ? (
              <PanelEmpty
                icon={<IconInbox size={28} stroke={1.6} />}
                title="Nothing here"
                description="No inbound mail with this status."
              />
            ) : undefined
          }
        >
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Th>Message</Th>
                  <Th>Status</Th>
                  <Th>Received</Th>
                  <Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inbound.data?.data.map((mail) => (
                  <Table.Tr key={mail.id}>
                    <Table.Td>
                      <Text fw={600} size="sm" lineClamp={1}>
                        {mail.subject || '(no subject)'}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {mail.mail_from || 'unknown sender'} · {(mail.size_bytes / 1024).toFixed(1)} KB · {mail.source}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[mail.status]} variant="light">
                        {mail.flag ? `${mail.status}: ${mail.flag.replace(/_/g, ' ')}` : mail.status}
                      </Badge>
                      {mail.error && (
                        <Text size="xs" c="dimmed" lineClamp={2} maw={320}>
                          {mail.error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{new Date(mail.received_at).toLocaleString()}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {mail.ticket_id ? (
                          <Anchor component={Link} to={`/tickets/${mail.ticket_id}`} size="sm">
                            #{mail.ticket_id}
                          </Anchor>
                        ) : (
                          <Button
                            size="xs"
                            variant="light"
                            loading={reprocess.isPending && reprocess.variables === mail.id}
                            onClick={() =>
                              reprocess.mutate(mail.id, {
                                onSuccess: () => notifications.show({ color: 'teal', message: 'Queued for another attempt' }),
                                onError: notSaved,
                              })
                            }
                          >
                            Reprocess
                          </Button>
                        )}
                        <Anchor href={`/api/v1/channels/inbound-emails/${mail.id}/raw`} size="sm">
                          Raw
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListFrame>
      </Panel>
    </Stack>
  );
}

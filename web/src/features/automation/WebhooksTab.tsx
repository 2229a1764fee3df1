import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Drawer,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListDetails, IconPlayerPlay, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { Panel, PanelEmpty, TableSkeleton, Th } from '../admin/AdminPage.tsx';
import { useDeleteRule, useDeliveries, useSaveRule, useWebhookAction, useWebhooks, type Webhook, webhookEventTypes } from './api.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** Outbound webhooks: who gets which events, whether deliveries succeed, and the log of each attempt. */
export function WebhooksTab() {
  const webhooks = useWebhooks();
  const action = useWebhookAction();
  const remove = useDeleteRule('webhooks');
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);

  const run = (id: number, kind: 'enable' | 'ping', message: string) =>
    action.mutate(
      { id, action: kind },
      {
        onSuccess: () => notifications.show({ color: 'teal', message }),
        onError: (failure) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(failure) }),
      },
    );

  let body: ReactNode;
  if (webhooks.isPending) body = <TableSkeleton label="Loading webhooks" columns={4} rows={3} />;
  else if (!webhooks.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      </Box>
    );
  else if (webhooks.data.data.length === 0)
    body = (
      <PanelEmpty
        icon={<IconWebhook size={28} stroke={1.6} />}
        title="No webhooks yet"
        description="Send ticket and SLA events to your CRM, chat or paging tool, signed so it can trust them."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add webhook
          </Button>
        }
      />
    );
  else
    body = (
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Th>Webhook</Th>
            <Th w={170}>State</Th>
            <Th w={130} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {webhooks.data.data.map((hook) => (
            <Table.Tr key={hook.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {hook.name}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {hook.url}
                </Text>
                <Group gap={4} mt={4}>
                  {hook.event_types.map((type) => (
                    <Badge key={type} size="xs" variant="light" radius="sm" tt="none">
                      {type}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {hook.active ? (
                  <Badge color="teal" variant="light">
                    Active
                  </Badge>
                ) : (
                  <Stack gap={4} align="flex-start">
                    <Badge color="red" variant="light">
                      Disabled
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {hook.disabled_reason}
                    </Text>
                    <Button size="compact-xs" variant="light" onClick={() => run(hook.id, 'enable', `${hook.name} is enabled again`)}>
                      Enable
                    </Button>
                  </Stack>
                )}
                {hook.active && hook.consecutive_failures > 0 && (
                  <Text size="xs" c="orange.8" mt={4}>
                    {hook.consecutive_failures} failed in a row (disabled at {hook.disable_after_failures})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label="Delivery log">
                    <ActionIcon variant="subtle" color="gray" onClick={() => setLog(hook)} aria-label={`Delivery log of ${hook.name}`}>
                      <IconListDetails size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Send a test event">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={!hook.active}
                      onClick={() => run(hook.id, 'ping', 'Test event queued')}
                      aria-label={`Send a test event to ${hook.name}`}
                    >
                      <IconSend size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${hook.name}`}
                      onClick={() => window.confirm(`Delete “${hook.name}” and its delivery log?`) && remove.mutate(hook.id)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <>
      <Group justify="space-between" mb="sm" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          Each delivery is a JSON POST signed with HMAC-SHA256 in the <Code>Frontline-Signature</Code> header (
          <Code>t=timestamp,v1=hex</Code> over <Code>timestamp.body</Code>). Failures are retried with exponential backoff; a webhook that
          keeps failing is disabled until you enable it.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          New webhook
        </Button>
      </Group>
      <Panel busy={webhooks.isPending}>{body}</Panel>
      {adding && <NewWebhookModal onClose={() => setAdding(false)} onCreated={(value) => setSecret(value)} />}
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title="Signing secret">
        <Stack>
          <Alert color="yellow" variant="light">
            Copy it now: it is shown only once. Your receiver uses it to check each delivery’s signature.
          </Alert>
          <Code block>{secret}</Code>
          <Button onClick={() => setSecret(null)}>Done</Button>
        </Stack>
      </Modal>
      <Drawer opened={log !== null} onClose={() => setLog(null)} title={log ? `Deliveries: ${log.name}` : ''} position="right" size="lg">
        {log && <DeliveryLog id={log.id} />}
      </Drawer>
    </>
  );
}

function NewWebhookModal({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  const save = useSaveRule<Webhook & { secret: string }>('webhooks');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('https://');
  const [types, setTypes] = useState<string[]>(['ticket.created']);
  const [limit, setLimit] = useState<number | string>(10);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { body: { name, url, event_types: types, disable_after_failures: Number(limit) || 10 } },
      {
        onSuccess: (created) => {
          onClose();
          onCreated(created.secret);
        },
        onError: (failure) => setErrors({ form: errorMessage(failure), ...fieldErrors(failure) }),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="New webhook">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
          <TextInput label="URL" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.url} required />
          <MultiSelect label="Events" data={webhookEventTypes} value={types} onChange={setTypes} error={errors.event_types} />
          <NumberInput
            label="Disable after this many failures in a row"
            min={1}
            max={1000}
            value={limit}
            onChange={setLimit}
            error={errors.disable_after_failures}
          />
          {errors.form && (
            <Text size="sm" c="red.8">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeliveryLog({ id }: { id: number }) {
  const deliveries = useDeliveries(id);
  if (deliveries.isPending) return <TableSkeleton label="Loading deliveries" columns={3} rows={4} />;
  if (!deliveries.data)
    return <ErrorState title="Could not load deliveries" error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  if (deliveries.data.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing delivered yet.
      </Text>
    );
  return (
    <Stack gap="sm">
      {deliveries.data.data.map((delivery) => (
        <Box key={delivery.id} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {delivery.event_type}
            </Text>
            <Badge color={delivery.status === 'succeeded' ? 'teal' : delivery.status === 'failed' ? 'red' : 'yellow'} variant="light">
              {delivery.status}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {when(delivery.created_at)} · {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
          </Text>
          {delivery.attempt_log.map((attempt) => (
            <Group key={attempt.attempt} gap="xs" mt={2} wrap="nowrap">
              <IconPlayerPlay size={12} />
              <Text size="xs">
                #{attempt.attempt} {when(attempt.started_at)} — {attempt.response_status ?? 'no answer'} in {attempt.duration_ms} ms
                {attempt.error ? ` (${attempt.error})` : ''}
              </Text>
            </Group>
          ))}
        </Box>
      ))}
    </Stack>
  );
}

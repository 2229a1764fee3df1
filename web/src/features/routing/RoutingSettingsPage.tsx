import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage } from '../admin/AdminPage.tsx';
import { EscalationMatrix } from './EscalationMatrix.tsx';
import {
  type RoutingSettings,
  useRoutingSettings,
  useSaveRoutingSettings,
  useSaveValueTiers,
  useValueTiers,
  type ValueTiers,
} from './api.ts';

const num = (value: string | number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

function RoutingForm({ initial }: { initial: RoutingSettings }) {
  const [draft, setDraft] = useState(initial);
  const save = useSaveRoutingSettings();
  useEffect(() => setDraft(initial), [initial]);
  const set = <K extends keyof RoutingSettings>(key: K, value: RoutingSettings[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = () =>
    save.mutate(draft, {
      onSuccess: () => notifications.show({ title: 'Routing settings saved', message: 'New decisions follow them from now on.' }),
      onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) }),
    });
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="lg">
        Routing
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How waiting work reaches agents: pushed to the best available agent, or pulled by agents asking for their next item.
      </Text>
      <Stack gap="md">
        <Switch label="Route work automatically" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        <Group gap="xl" align="flex-end">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Mode
            </Text>
            <SegmentedControl
              value={draft.mode}
              onChange={(v) => set('mode', v as RoutingSettings['mode'])}
              data={[
                { value: 'push', label: 'Push' },
                { value: 'pull', label: 'Pull' },
              ]}
            />
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Between equally good agents
            </Text>
            <SegmentedControl
              value={draft.tie_break}
              onChange={(v) => set('tie_break', v as RoutingSettings['tie_break'])}
              data={[
                { value: 'least_loaded', label: 'Least loaded' },
                { value: 'round_robin', label: 'Round robin' },
              ]}
            />
          </div>
          <NumberInput
            label="Offer timeout (seconds)"
            description="0 assigns at once"
            min={0}
            max={3600}
            w={180}
            value={draft.offer_timeout_seconds}
            onChange={(v) => set('offer_timeout_seconds', num(v, 0))}
          />
        </Group>
        <Text size="sm" fw={500}>
          Queue order weights
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {(
            [
              ['priority', 'Per priority step'],
              ['sla', 'Per minute nearer the SLA'],
              ['value', 'Top value tier'],
              ['wait', 'Per minute waiting'],
            ] as const
          ).map(([key, label]) => (
            <NumberInput
              key={key}
              label={label}
              min={0}
              max={1000}
              value={draft.weights[key]}
              onChange={(v) => set('weights', { ...draft.weights, [key]: num(v, 0) })}
            />
          ))}
        </SimpleGrid>
        <Text size="sm" fw={500}>
          Default capacity per agent
        </Text>
        <SimpleGrid cols={{ base: 3, sm: 4 }}>
          {(
            [
              ['voice', 'Calls'],
              ['chat', 'Chats'],
              ['email', 'Open tickets'],
            ] as const
          ).map(([key, label]) => (
            <NumberInput
              key={key}
              label={label}
              min={0}
              max={100}
              value={draft.default_capacity[key]}
              onChange={(v) => set('default_capacity', { ...draft.default_capacity, [key]: num(v, 0) })}
            />
          ))}
          <NumberInput
            label="Least proficiency"
            min={1}
            max={5}
            value={draft.min_proficiency}
            onChange={(v) => set('min_proficiency', num(v, 1))}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button onClick={submit} loading={save.isPending}>
            Save routing
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ValueTiersForm({ initial, canEdit }: { initial: ValueTiers; canEdit: boolean }) {
  const [draft, setDraft] = useState(initial);
  const save = useSaveValueTiers();
  useEffect(() => setDraft(initial), [initial]);
  const submit = () =>
    save.mutate(draft, {
      onSuccess: (result) =>
        notifications.show({
          title: 'Value tiers saved',
          message: `${result.changed.customers} customers and ${result.changed.organizations} organizations changed tier.`,
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) }),
    });
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="lg">
        Customer value tiers
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Lifetime value from which a customer or organization enters each tier, highest first. Top-tier customers go to their account owner,
        then to the most proficient agents.
      </Text>
      <Table.ScrollContainer minWidth={280}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tier</Table.Th>
              <Table.Th>From lifetime value ($)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.tiers.map((tier, index) => (
              <Table.Tr key={tier.name}>
                <Table.Td>
                  <TextInput
                    aria-label={`Name of tier ${index + 1}`}
                    value={tier.name}
                    disabled={!canEdit}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setDraft((d) => ({ ...d, tiers: d.tiers.map((t, i) => (i === index ? { ...t, name } : t)) }));
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Threshold of ${tier.name}`}
                    min={0}
                    thousandSeparator=","
                    disabled={!canEdit || index === draft.tiers.length - 1}
                    value={tier.min_cents / 100}
                    onChange={(v) =>
                      setDraft((d) => ({
                        ...d,
                        tiers: d.tiers.map((t, i) => (i === index ? { ...t, min_cents: Math.round(num(v, 0) * 100) } : t)),
                      }))
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="md" align="flex-end">
        <Select
          label="Account owner (TAM) from tier"
          data={draft.tiers.map((t) => t.name)}
          value={draft.tam_min_tier}
          disabled={!canEdit}
          onChange={(v) => v && setDraft((d) => ({ ...d, tam_min_tier: v }))}
          w={220}
        />
        <NumberInput
          label="Most accounts per TAM"
          min={1}
          max={1000}
          w={180}
          disabled={!canEdit}
          value={draft.tam_max_accounts}
          onChange={(v) => setDraft((d) => ({ ...d, tam_max_accounts: num(v, 1) }))}
        />
        {canEdit && (
          <Button onClick={submit} loading={save.isPending} ml="auto">
            Save tiers
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** /admin/routing: routing behaviour and customer value tiers. */
export function RoutingSettingsPage() {
  const user = useCurrentUser();
  const settings = useRoutingSettings();
  const tiers = useValueTiers();
  return (
    <AdminPage slug="routing">
      <Stack gap="lg">
        {settings.isPending ? (
          <Skeleton h={280} />
        ) : settings.data ? (
          <RoutingForm initial={settings.data} />
        ) : (
          <ErrorState title="Could not load the routing settings" error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        <EscalationMatrix canEdit />
        {tiers.isPending ? (
          <Skeleton h={220} />
        ) : tiers.data ? (
          <ValueTiersForm initial={tiers.data} canEdit={user.role === 'admin'} />
        ) : (
          <ErrorState title="Could not load the value tiers" error={tiers.error} onRetry={() => void tiers.refetch()} />
        )}
      </Stack>
    </AdminPage>
  );
}

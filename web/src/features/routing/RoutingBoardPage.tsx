import { Badge, Box, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRoute } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { SimulatorPanel } from './SimulatorPanel.tsx';
import {
  type BoardAgent,
  type PerChannel,
  stateColors,
  stateLabels,
  useBoardAgents,
  useQueue,
  useRunRouting,
  useTierShares,
} from './api.ts';

const managers = new Set(['manager', 'head_of_support', 'admin']);
const priorityColors: Record<string, string> = { p1: 'red', p2: 'orange', p3: 'blue', p4: 'gray' };

function waited(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz={{ base: 20, sm: 24 }} fw={700} mt={4} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const load = (a: BoardAgent, channel: keyof PerChannel) => `${a.load[channel] + a.offered[channel]}/${a.capacity[channel]}`;

/** /routing: what waits, in routing order, and who is available with how much work — live. */
export function RoutingBoardPage() {
  useDocumentTitle('Queue board');
  const user = useCurrentUser();
  const agents = useBoardAgents();
  const queue = useQueue();
  const shares = useTierShares(30);
  const run = useRunRouting();
  const available = agents.data?.data.filter((a) => a.state === 'online') ?? [];
  const utilisation = available.length ? available.reduce((sum, a) => sum + a.utilisation, 0) / available.length : 0;
  const tierText = shares.data?.solved ? shares.data.tiers.map((t) => `${Math.round(t.share * 100)}%`).join(' / ') : '—';

  const runNow = () =>
    run.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          title: 'Routing ran',
          message: `${result.routed.length} assigned or offered, ${result.escalated.length} escalated.`,
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Routing did not run', message: errorMessage(error) }),
    });

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1400}>
      <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
        <Box style={{ flex: '1 1 320px' }}>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            Queue board
          </Title>
          <Text c="dimmed" size="sm" mt={2}>
            Waiting work in the order routing hands it out, and every agent’s state and load. Updates every 10 seconds.
          </Text>
        </Box>
        {managers.has(user.role) && (
          <Button leftSection={<IconRoute size={16} />} onClick={runNow} loading={run.isPending}>
            Route waiting work now
          </Button>
        )}
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <Stat label="Waiting" value={queue.data ? String(queue.data.waiting) : '…'} hint="unassigned, unsolved" />
        <Stat label="Available agents" value={agents.data ? `${available.length} / ${agents.data.data.length}` : '…'} />
        <Stat label="Load of available" value={agents.data ? `${Math.round(utilisation * 100)} %` : '…'} hint="work held / capacity" />
        <Stat
          label="Solved at Tier 1 / 2 / 3"
          value={tierText}
          hint={shares.data ? `last 30 days; ${shares.data.solved} solved` : undefined}
        />
      </SimpleGrid>

      <Title order={2} fz="lg" mb="xs">
        Waiting
      </Title>
      <Paper withBorder radius="md" mb="xl">
        {queue.isPending ? (
          <Skeleton h={120} m="md" />
        ) : !queue.data ? (
          <Box p="md">
            <ErrorState title="Could not load the queue" error={queue.error} onRetry={() => void queue.refetch()} />
          </Box>
        ) : queue.data.data.length === 0 ? (
          <Text p="md" c="dimmed" size="sm">
            Nothing is waiting: every open ticket has an owner.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ticket</Table.Th>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Needs</Table.Th>
                  <Table.Th ta="right">Waiting</Table.Th>
                  <Table.Th ta="right">Score</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.data.map((item) => (
                  <Table.Tr key={item.ticket_id}>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={1}>
                        <Link to={`/tickets/${item.ticket_id}`}>#{item.ticket_id}</Link> {item.subject}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {item.channel} · Tier {item.tier}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={priorityColors[item.priority] ?? 'gray'} variant="light">
                        {item.priority.toUpperCase()}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {item.organization ?? item.requester}
                      </Text>
                      <Badge size="xs" variant={item.top_tier ? 'filled' : 'outline'} color={item.top_tier ? 'violet' : 'gray'}>
                        {item.value_tier}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {item.required_skills.join(', ') || 'anyone in the group'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{waited(item.waiting_seconds)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" ff="monospace">
                        {item.score.toFixed(0)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Title order={2} fz="lg" mb="xs">
        Agents
      </Title>
      <Paper withBorder radius="md">
        {agents.isPending ? (
          <Skeleton h={120} m="md" />
        ) : !agents.data ? (
          <Box p="md">
            <ErrorState title="Could not load the agents" error={agents.error} onRetry={() => void agents.refetch()} />
          </Box>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Agent</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th ta="right">Email</Table.Th>
                  <Table.Th ta="right">Chat</Table.Th>
                  <Table.Th ta="right">Calls</Table.Th>
                  <Table.Th w={160}>Load</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agents.data.data.map((agent) => (
                  <Table.Tr key={agent.user_id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {agent.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {agent.tier ? `Tier ${agent.tier}` : agent.role.replace(/_/g, ' ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={stateColors[agent.state]} variant="light">
                        {stateLabels[agent.state]}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{load(agent, 'email')}</Table.Td>
                    <Table.Td ta="right">{load(agent, 'chat')}</Table.Td>
                    <Table.Td ta="right">{load(agent, 'voice')}</Table.Td>
                    <Table.Td>
                      <Progress
                        value={Math.min(100, agent.utilisation * 100)}
                        color={agent.utilisation >= 0.9 ? 'red' : 'teal'}
                        aria-label={`${agent.name}: ${Math.round(agent.utilisation * 100)} % of capacity in use`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <SimulatorPanel />
    </Box>
  );
}

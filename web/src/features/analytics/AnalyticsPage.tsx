import { Alert, Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { type Driver, type Metric, metricsCsvUrl, useDailyBoard, useDrivers, useMonthlyBoard, useProblems, useWeeklyBoard } from './api.ts';
import { BarChart } from './BarChart.tsx';

/** A metric's value in its unit: 72.5 %, 4 m 10 s, $12.34, 1,234. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'ratio') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'seconds') return value >= 60 ? `${Math.floor(value / 60)} m ${Math.round(value % 60)} s` : `${Math.round(value)} s`;
  if (unit === 'cents') return `$${(value / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === 'score') return value.toFixed(1);
  return value.toLocaleString('en');
}

function MetricCard({ metric }: { metric: Metric }) {
  const value = metric.rows[0]?.value ?? null;
  return (
    <Paper withBorder p="md" radius="md" title={metric.definition}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {metric.label}
      </Text>
      {metric.status === 'unavailable' ? (
        <Text size="sm" c="dimmed" mt={6}>
          {metric.reason}
        </Text>
      ) : (
        <>
          <Text fz={26} fw={700} lh={1.2}>
            {formatValue(value, metric.unit)}
          </Text>
          {metric.previous !== undefined && (
            <Text size="xs" c="dimmed">
              week before: {formatValue(metric.previous, metric.unit)}
            </Text>
          )}
          {metric.status === 'partial' && (
            <Text size="xs" c="orange.8">
              {metric.reason}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}

const cards = (metrics: Metric[]) => (
  <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
    {metrics.map((m) => (
      <MetricCard key={m.key} metric={m} />
    ))}
  </SimpleGrid>
);

function Loading() {
  return (
    <Stack>
      <Skeleton h={90} />
      <Skeleton h={220} />
    </Stack>
  );
}

function Daily() {
  const board = useDailyBoard();
  if (board.isError) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data) return <Loading />;
  const { data } = board;
  const backlog = data.metrics.find((m) => m.key === 'backlog_age')?.rows[0];
  const buckets = (backlog?.buckets ?? {}) as Record<string, number>;
  const bucketLabels: Record<string, string> = {
    lt_1d: '< 1 d',
    d1_3: '1–3 d',
    d3_7: '3–7 d',
    d7_14: '7–14 d',
    d14_30: '14–30 d',
    gt_30d: '> 30 d',
  };
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        Today, {data.date}
      </Text>
      {cards(data.metrics.filter((m) => m.key !== 'backlog_age'))}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            Backlog age ({backlog?.value ?? 0} unsolved)
          </Title>
          <BarChart bars={Object.entries(bucketLabels).map(([key, label]) => ({ label, value: buckets[key] ?? 0 }))} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            Today’s volume by channel
          </Title>
          {data.volume_by_channel.length ? (
            <BarChart bars={data.volume_by_channel.map((r) => ({ label: String(r.channel), value: r.value ?? 0 }))} />
          ) : (
            <Text c="dimmed">No tickets yet today.</Text>
          )}
          <Text size="xs" c="dimmed" mt="xs">
            Forecast: {data.forecast.reason}
          </Text>
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            Live queues
          </Title>
          <Table.ScrollContainer minWidth={360}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>New</Table.Th>
                  <Table.Th>Open</Table.Th>
                  <Table.Th>Waiting</Table.Th>
                  <Table.Th>Unassigned</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.live_queues.map((q) => (
                  <Table.Tr key={q.group_id ?? 'none'}>
                    <Table.Td>{q.group_name ?? 'No group'}</Table.Td>
                    <Table.Td>{q.new}</Table.Td>
                    <Table.Td>{q.open}</Table.Td>
                    <Table.Td>{q.pending + q.on_hold}</Table.Td>
                    <Table.Td>{q.unassigned}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            SLA at risk (next {data.sla_at_risk.within_minutes} min)
          </Title>
          {data.sla_at_risk.by_target.length === 0 ? (
            <Text c="dimmed">Nothing overdue or due within the hour.</Text>
          ) : (
            <Stack gap={6}>
              {data.sla_at_risk.by_target.map((r) => (
                <Group key={r.target} justify="space-between">
                  <Text>{r.target.replace('_', ' ')}</Text>
                  <Group gap={6}>
                    <Badge color="red">{r.overdue} overdue</Badge>
                    <Badge color="yellow">{r.due_soon} due soon</Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function DriversTable({ drivers }: { drivers: Driver[] }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Driver</Table.Th>
            <Table.Th>Contacts</Table.Th>
            <Table.Th>Share</Table.Th>
            <Table.Th>AHT</Table.Th>
            <Table.Th>Monthly cost</Table.Th>
            <Table.Th>Trend</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {drivers.map((d) => (
            <Table.Tr key={String(d.driver)}>
              <Table.Td>{d.label}</Table.Td>
              <Table.Td>{d.contacts.toLocaleString('en')}</Table.Td>
              <Table.Td>{formatValue(d.share, 'ratio')}</Table.Td>
              <Table.Td>{formatValue(d.aht_seconds, 'seconds')}</Table.Td>
              <Table.Td>{formatValue(d.monthly_cost_cents, 'cents')}</Table.Td>
              <Table.Td>{d.trend === null ? 'new' : `${d.trend > 0 ? '+' : ''}${(d.trend * 100).toFixed(0)} %`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Weekly() {
  const board = useWeeklyBoard();
  if (board.isError) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data) return <Loading />;
  const volume = board.data.daily_by_channel.find((m) => m.key === 'volume');
  const perDay = new Map<string, number>();
  for (const r of volume?.rows ?? []) perDay.set(String(r.period), (perDay.get(String(r.period)) ?? 0) + (r.value ?? 0));
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        Week of {board.data.week}, against the week before
      </Text>
      {cards(board.data.metrics.filter((m) => m.key !== 'backlog_age'))}
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Volume per day
        </Title>
        <BarChart bars={[...perDay].map(([label, value]) => ({ label: label.slice(5), value }))} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Top contact drivers
        </Title>
        <DriversTable drivers={board.data.top_drivers} />
      </Paper>
    </Stack>
  );
}

function Monthly() {
  const board = useMonthlyBoard();
  if (board.isError) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data) return <Loading />;
  const { data } = board;
  const unitOf = (key: string) => data.metrics.find((m) => m.key === key)?.unit ?? 'ratio';
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          KPI review, {data.month}
        </Text>
        <Anchor
          size="sm"
          href={metricsCsvUrl(data.metrics.map((m) => m.key).join(','), `${data.month}-01`, new Date().toISOString().slice(0, 10))}
        >
          Export CSV
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        {data.kpis.map((k) => (
          <Paper key={k.key} withBorder p="md" radius="md">
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {k.label}
              </Text>
              <Badge color={k.met === null ? 'gray' : k.met ? 'teal' : 'red'} variant="light">
                {k.met === null ? 'no data' : k.met ? 'on target' : 'off target'}
              </Badge>
            </Group>
            <Text fz={26} fw={700}>
              {formatValue(k.value, unitOf(k.key))}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {cards(data.metrics.filter((m) => !data.kpis.some((k) => k.key === m.key)))}
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Cost per contact by channel
        </Title>
        {data.cost_per_contact.rows.length === 0 ? (
          <Text c="dimmed">No handled contacts this month.</Text>
        ) : (
          <BarChart
            bars={data.cost_per_contact.rows.map((r) => ({ label: String(r.channel), value: (r.value ?? 0) / 100 }))}
            format={(v) => `$${v.toFixed(2)}`}
          />
        )}
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Top contact drivers
        </Title>
        <DriversTable drivers={data.top_drivers} />
      </Paper>
    </Stack>
  );
}

function RootCause() {
  const [days, setDays] = useState('30');
  const drivers = useDrivers(Number(days));
  const problems = useProblems();
  if (drivers.isError) return <ErrorState error={drivers.error} onRetry={() => drivers.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Contact drivers ranked by volume × cost
        </Text>
        <SegmentedControl
          size="xs"
          value={days}
          onChange={setDays}
          data={[
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
          ]}
        />
      </Group>
      {drivers.data?.missing && <Alert color="yellow">{drivers.data.missing}</Alert>}
      {!drivers.data ? (
        <Loading />
      ) : (
        <>
          <Paper withBorder p="md" radius="md">
            <BarChart bars={drivers.data.data.map((d) => ({ label: d.label, value: d.contacts }))} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <DriversTable drivers={drivers.data.data} />
          </Paper>
        </>
      )}
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Problem records
        </Title>
        {(problems.data?.data ?? []).length === 0 ? (
          <Text c="dimmed">No problem records yet (POST /api/v1/problems).</Text>
        ) : (
          <Stack gap={4}>
            {problems.data?.data.map((p) => (
              <Group key={p.id} justify="space-between">
                <Text>{p.title}</Text>
                <Badge variant="light">{p.status}</Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

/** /analytics: the daily operations dashboard, the weekly management review, the monthly KPI review and root cause. */
export function AnalyticsPage() {
  useDocumentTitle('Analytics');
  const [tab, setTab] = useState<string | null>(() => new URLSearchParams(window.location.search).get('view') ?? 'daily');
  return (
    <Stack p={{ base: 'sm', sm: 'lg' }} maw={1280}>
      <Title order={2}>Analytics</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="daily">Daily</Tabs.Tab>
          <Tabs.Tab value="weekly">Weekly</Tabs.Tab>
          <Tabs.Tab value="monthly">Monthly</Tabs.Tab>
          <Tabs.Tab value="root-cause">Root cause</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="daily">
          <Daily />
        </Tabs.Panel>
        <Tabs.Panel value="weekly">
          <Weekly />
        </Tabs.Panel>
        <Tabs.Panel value="monthly">
          <Monthly />
        </Tabs.Panel>
        <Tabs.Panel value="root-cause">
          <RootCause />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

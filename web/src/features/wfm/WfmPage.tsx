import { Badge, Box, Button, Group, Paper, Select, SimpleGrid, Skeleton, Table, Tabs, Text, Title, useMatches } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import {
  canReadWfm,
  canSchedule,
  type Shift,
  useForecast,
  useMyShifts,
  usePublishSchedule,
  useSchedule,
  useSchedules,
  useSolveSchedule,
} from './api.ts';
import { dayTicks, TimeChart } from './Charts.tsx';
import { ScheduleGrid } from './ScheduleGrid.tsx';
import { StaffingCalculator } from './StaffingCalculator.tsx';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz={20} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function ForecastPanel() {
  const forecast = useForecast(true);
  const [channel, setChannel] = useState<string | null>(null);
  // A day label every 2 days on wide screens, every 5 on a phone.
  const tickEvery = useMatches({ base: 5, sm: 2 });
  if (forecast.isPending) return <Skeleton h={300} />;
  if (forecast.isError)
    return <ErrorState title="Could not load the forecast" error={forecast.error} onRetry={() => void forecast.refetch()} />;
  const channels = forecast.data.data;
  if (channels.length === 0) return <Text c="dimmed">No ticket history yet: the forecast learns from tickets’ creation times.</Text>;
  // The busiest channel first, unless one was picked.
  const current = channels.find((c) => c.channel === channel) ?? [...channels].sort((a, b) => b.history_total - a.history_total)[0];
  if (!current) return null;
  const starts = [...current.history.map((h) => h.start), ...current.intervals.map((i) => i.start)];
  const h = current.history.length;
  return (
    <Box>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Select
          aria-label="Channel"
          data={channels.map((c) => c.channel)}
          value={current.channel}
          onChange={setChannel}
          allowDeselect={false}
          w={180}
        />
        <Text size="sm" c="dimmed">
          Method: <b>{current.method.replace('_', ' ')}</b> · next 14 days: {Math.round(current.forecast_total)} contacts
        </Text>
      </Group>
      <TimeChart
        label={`History and forecast of ${current.channel} contacts per half hour`}
        ticks={dayTicks(starts, tickEvery)}
        series={[
          {
            label: 'History',
            color: 'var(--mantine-color-gray-6)',
            values: [...current.history.map((x) => x.volume), ...current.intervals.map(() => null)],
          },
          {
            label: 'Forecast',
            color: 'var(--mantine-color-blue-6)',
            values: [...current.history.map(() => null), ...current.intervals.map((x) => x.volume)],
          },
          {
            label: 'Before adjustments',
            color: 'var(--mantine-color-orange-5)',
            dashed: true,
            values: [...current.history.map(() => null), ...current.intervals.map((x) => (x.adjusted ? x.baseline : null))],
          },
        ]}
      />
      {current.intraday && (
        <Text size="sm" mt="sm">
          Today so far: {Math.round(current.intraday.actual_so_far)} contacts against {current.intraday.forecast_so_far.toFixed(1)} forecast
          — the rest of the day re-forecast × {current.intraday.factor.toFixed(2)}.
        </Text>
      )}
      <Text size="sm" fw={600} mt="md" mb={4}>
        Accuracy on the last 14 days held out
      </Text>
      <Table.ScrollContainer minWidth={340}>
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Method</Table.Th>
              <Table.Th>MAPE</Table.Th>
              <Table.Th>WAPE</Table.Th>
              <Table.Th>Daily WAPE</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(current.accuracy).map(([method, a]) => (
              <Table.Tr key={method}>
                <Table.Td>
                  {method.replace('_', ' ')} {method === current.method && <Badge size="xs">used</Badge>}
                </Table.Td>
                <Table.Td>{pct(a.mape)}</Table.Td>
                <Table.Td>{pct(a.wape)}</Table.Td>
                <Table.Td>{pct(a.daily_wape)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {h === 0 && <Text c="dimmed">No history shown.</Text>}
    </Box>
  );
}

function nextMonday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

function SchedulesPanel({ mayPlan }: { mayPlan: boolean }) {
  const schedules = useSchedules(true);
  const [picked, setPicked] = useState<string | null>(null);
  const id = picked ? Number(picked) : (schedules.data?.data[0]?.id ?? null);
  const detail = useSchedule(id);
  const solve = useSolveSchedule();
  const publish = usePublishSchedule();

  const solveNext = () =>
    solve.mutate(
      { name: `Week of ${nextMonday()}`, start_date: nextMonday(), days: 7 },
      {
        onSuccess: (s) => {
          setPicked(String(s.id));
          notifications.show({
            title: 'Schedule solved',
            message: `${s.summary.shifts ?? 0} shifts, ${pct(s.summary.coverage)} of the requirement covered.`,
          });
        },
        onError: (error) => notifications.show({ color: 'red', title: 'No schedule', message: errorMessage(error) }),
      },
    );

  if (schedules.isPending) return <Skeleton h={300} />;
  if (schedules.isError)
    return <ErrorState title="Could not load schedules" error={schedules.error} onRetry={() => void schedules.refetch()} />;
  const s = detail.data;
  const starts = s?.coverage.map((c) => c.start) ?? [];
  return (
    <Box>
      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label="Schedule"
          placeholder="No schedule yet"
          data={schedules.data.data.map((x) => ({ value: String(x.id), label: `${x.name} (${x.status})` }))}
          value={id === null ? null : String(id)}
          onChange={setPicked}
          allowDeselect={false}
          w={{ base: '100%', xs: 300 }}
        />
        {mayPlan && (
          <Button onClick={solveNext} loading={solve.isPending} variant="light">
            Solve next week
          </Button>
        )}
        {mayPlan && s?.status === 'draft' && (
          <Button onClick={() => publish.mutate(s.id)} loading={publish.isPending}>
            Publish
          </Button>
        )}
      </Group>
      {detail.isPending && id !== null && <Skeleton h={260} />}
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
            <Stat label="Coverage" value={pct(s.summary.coverage)} />
            <Stat label="Understaffed" value={`${(s.summary.under_hours ?? 0).toFixed(1)} h`} />
            <Stat label="Overstaffed" value={`${(s.summary.over_hours ?? 0).toFixed(1)} h`} />
            <Stat label="Solver gap" value={pct(s.solver.gap)} />
          </SimpleGrid>
          <Text size="sm" fw={600} mb={4}>
            Requirement against scheduled staff, heads per half hour
          </Text>
          <TimeChart
            label="Required and scheduled heads per half hour"
            ticks={dayTicks(starts)}
            series={[
              { label: 'Scheduled', color: 'var(--mantine-color-teal-6)', bars: true, values: s.coverage.map((c) => c.scheduled) },
              { label: 'Required', color: 'var(--mantine-color-red-6)', values: s.coverage.map((c) => c.required) },
            ]}
          />
          <Text size="sm" fw={600} mt="lg" mb={4}>
            Shifts per agent
          </Text>
          <ScheduleGrid schedule={s} />
        </>
      )}
    </Box>
  );
}

function MyShifts() {
  const range = useMemo(() => {
    const from = new Date();
    from.setUTCHours(0, 0, 0, 0);
    return { from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() };
  }, []);
  const shifts = useMyShifts(range.from, range.to);
  if (shifts.isPending) return <Skeleton h={120} />;
  if (shifts.isError) return <ErrorState title="Could not load your shifts" error={shifts.error} onRetry={() => void shifts.refetch()} />;
  if (shifts.data.data.length === 0) return <Text c="dimmed">No published shifts in the next two weeks.</Text>;
  const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const line = (s: Shift) =>
    `${new Date(s.starts_at).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })} · ${time(s.starts_at)}–${time(s.ends_at)}${
      s.lunch_starts_at ? ` · lunch ${time(s.lunch_starts_at)}` : ''
    }`;
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {shifts.data.data.map((s) => (
        <Paper key={s.id} component="li" withBorder p="sm" mb="xs">
          <Text size="sm">{line(s)}</Text>
        </Paper>
      ))}
    </Box>
  );
}

/** /wfm: forecast, requirement against schedule, the schedule grid, a staffing calculator and one's own shifts. */
export function WfmPage() {
  useDocumentTitle('Workforce');
  const user = useCurrentUser();
  const planner = canReadWfm(user);
  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1400}>
      <Title order={1} fz={{ base: 22, sm: 26 }}>
        Workforce
      </Title>
      <Text c="dimmed" size="sm" mt={2} mb="lg">
        Volume forecasts per half hour, the staff they need, and the schedules that cover it.
      </Text>
      <Tabs defaultValue={planner ? 'forecast' : 'mine'} keepMounted={false}>
        <Tabs.List mb="md">
          {planner && <Tabs.Tab value="forecast">Forecast</Tabs.Tab>}
          {planner && <Tabs.Tab value="schedules">Schedules</Tabs.Tab>}
          <Tabs.Tab value="mine">My shifts</Tabs.Tab>
          <Tabs.Tab value="calculator">Calculator</Tabs.Tab>
        </Tabs.List>
        {planner && (
          <Tabs.Panel value="forecast">
            <ForecastPanel />
          </Tabs.Panel>
        )}
        {planner && (
          <Tabs.Panel value="schedules">
            <SchedulesPanel mayPlan={canSchedule(user)} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="mine">
          <MyShifts />
        </Tabs.Panel>
        <Tabs.Panel value="calculator">
          <StaffingCalculator />
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}

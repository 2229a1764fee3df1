import { Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { type ScheduleDetail, type Shift, useAgents, useShifts } from './api.ts';

const DAY = 86_400_000;
const time = (iso: string, zone: string) =>
  new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });

/** One row per agent, one column per day: each shift's hours and lunch, in the schedule's time zone. */
export function ScheduleGrid({ schedule }: { schedule: ScheduleDetail }) {
  const shifts = useShifts(schedule.id);
  const agents = useAgents(true);
  const days = useMemo(() => {
    const start = new Date(schedule.starts_at).getTime();
    const count = Math.round((new Date(schedule.ends_at).getTime() - start) / DAY);
    return Array.from({ length: count }, (_, i) => new Date(start + i * DAY));
  }, [schedule.starts_at, schedule.ends_at]);
  const rows = useMemo(() => {
    const byAgent = new Map<number, Shift[]>();
    for (const s of shifts.data?.data ?? []) byAgent.set(s.user_id, [...(byAgent.get(s.user_id) ?? []), s]);
    return [...byAgent.entries()].sort(([a], [b]) => a - b);
  }, [shifts.data]);
  const names = new Map((agents.data?.data ?? []).map((a) => [a.user_id, a.name]));
  if (shifts.isPending) return <Text c="dimmed">Loading shifts…</Text>;
  if (rows.length === 0) return <Text c="dimmed">No shifts in this schedule.</Text>;
  const dayOf = (s: Shift) => Math.floor((new Date(s.starts_at).getTime() - (days[0]?.getTime() ?? 0)) / DAY);
  return (
    <Table.ScrollContainer minWidth={160 + days.length * 96} maxHeight={520}>
      <Table withTableBorder withColumnBorders stickyHeader fz="xs" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>Agent</Table.Th>
            {days.map((d) => (
              <Table.Th key={d.getTime()} style={{ whiteSpace: 'nowrap' }}>
                {d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', timeZone: schedule.time_zone })}
              </Table.Th>
            ))}
            <Table.Th>Hours</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([userId, own]) => (
            <Table.Tr key={userId}>
              <Table.Td style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', whiteSpace: 'nowrap' }}>
                {names.get(userId) ?? `Agent ${userId}`}
              </Table.Td>
              {days.map((d, i) => {
                const s = own.find((x) => dayOf(x) === i);
                return (
                  <Table.Td key={d.getTime()} bg={s ? 'var(--mantine-color-teal-light)' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {s ? `${time(s.starts_at, schedule.time_zone)}–${time(s.ends_at, schedule.time_zone)}` : ''}
                  </Table.Td>
                );
              })}
              <Table.Td>{own.reduce((a, s) => a + s.paid_hours, 0)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Button, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useStaffing } from './api.ts';

const fields = [
  { key: 'volume', label: 'Contacts in the interval', min: 0, step: 1 },
  { key: 'interval_minutes', label: 'Interval (minutes)', min: 1, step: 15 },
  { key: 'aht_seconds', label: 'Average handling time (s)', min: 1, step: 10 },
  { key: 'target_service_level', label: 'Service level target (0–1)', min: 0.01, step: 0.05, decimals: 2 },
  { key: 'target_seconds', label: 'Answered within (s)', min: 0, step: 5 },
  { key: 'patience_seconds', label: 'Average patience (s, blank: Erlang C)', min: 1, step: 10, optional: true },
  { key: 'shrinkage', label: 'Shrinkage (0–1)', min: 0, step: 0.05, decimals: 2 },
] as const;

type Values = Record<(typeof fields)[number]['key'], number | ''>;

/** Agents for one interval's X/Y target by Erlang C (or Erlang A with a patience), and FTE after shrinkage. */
export function StaffingCalculator() {
  const [values, setValues] = useState<Values>({
    volume: 150,
    interval_minutes: 30,
    aht_seconds: 360,
    target_service_level: 0.8,
    target_seconds: 20,
    patience_seconds: '',
    shrinkage: 0.3,
  });
  const staffing = useStaffing();
  const submit = () => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Record<string, number>;
    staffing.mutate(body);
  };
  const r = staffing.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Stack gap="xs">
        {fields.map((f) => (
          <NumberInput
            key={f.key}
            label={f.label}
            min={f.min}
            step={f.step}
            decimalScale={'decimals' in f ? f.decimals : 0}
            value={values[f.key]}
            onChange={(v) => setValues((old) => ({ ...old, [f.key]: typeof v === 'number' ? v : v === '' ? '' : Number(v) }))}
          />
        ))}
        <Button onClick={submit} loading={staffing.isPending} mt="xs">
          Calculate
        </Button>
        {staffing.isError && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(staffing.error)}
          </Text>
        )}
      </Stack>
      {r && (
        <Paper withBorder p="md" radius="md" aria-live="polite">
          <Text fz={28} fw={700}>
            {r.agents} agents
          </Text>
          <Text c="dimmed" size="sm" mb="sm">
            {r.model === 'erlang_a' ? 'Erlang A' : 'Erlang C'} · {r.traffic_erlangs.toFixed(2)} Erlangs of traffic
          </Text>
          <Text size="sm">Service level: {(r.service_level * 100).toFixed(1)} %</Text>
          <Text size="sm">Average speed of answer: {r.asa_seconds.toFixed(1)} s</Text>
          <Text size="sm">Occupancy: {(r.occupancy * 100).toFixed(1)} %</Text>
          {r.abandonment !== null && <Text size="sm">Abandonment: {(r.abandonment * 100).toFixed(2)} %</Text>}
          <Text size="sm" mt="sm">
            FTE after shrinkage: {r.fte.toFixed(2)} ({r.scheduled_agents} on the schedule)
          </Text>
        </Paper>
      )}
    </SimpleGrid>
  );
}

import { Button, Group, NumberInput, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useSimulation } from './api.ts';

const num = (value: string | number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const pct = (n: number) => `${Math.round(n * 100)} %`;

/** Replays an 8-hour day of arrivals against a roster with the real routing engine. */
export function SimulatorPanel() {
  const [form, setForm] = useState({ tier1: 12, tier2: 4, tier3: 2, perHour: 60, escalate2: 25, escalate3: 15 });
  const simulate = useSimulation();
  const set = (key: keyof typeof form) => (value: string | number) => setForm((f) => ({ ...f, [key]: num(value, f[key]) }));
  const run = () =>
    simulate.mutate({
      roster: [
        { count: Math.max(1, form.tier1), tier: 1 },
        ...(form.tier2 > 0 ? [{ count: form.tier2, tier: 2 as const }] : []),
        ...(form.tier3 > 0 ? [{ count: form.tier3, tier: 3 as const }] : []),
      ],
      // A working day that rises to a late-morning peak and falls in the afternoon.
      arrivals_per_hour: [0.6, 0.9, 1.2, 1.3, 1.1, 1.0, 0.9, 0.7].map((f) => Math.round(form.perHour * f)),
      escalation: { tier2: form.escalate2 / 100, tier3: form.escalate3 / 100 },
      seed: 42,
    });
  const result = simulate.data;
  return (
    <Paper withBorder radius="md" p="lg" mt="xl">
      <Title order={2} fz="lg">
        Simulate a day
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Replays eight hours of arrivals (60 % email, 30 % chat, 10 % calls) against a roster with the routing engine (least-loaded), and
        shows waits, occupancy and where work gets solved.
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
        <NumberInput label="Tier 1 agents" min={1} max={1000} value={form.tier1} onChange={set('tier1')} />
        <NumberInput label="Tier 2 agents" min={0} max={500} value={form.tier2} onChange={set('tier2')} />
        <NumberInput label="Tier 3 agents" min={0} max={500} value={form.tier3} onChange={set('tier3')} />
        <NumberInput label="Arrivals per hour" min={1} max={5000} value={form.perHour} onChange={set('perHour')} />
        <NumberInput label="Escalated to T2 (%)" min={0} max={100} value={form.escalate2} onChange={set('escalate2')} />
        <NumberInput label="Escalated to T3 (%)" min={0} max={100} value={form.escalate3} onChange={set('escalate3')} />
      </SimpleGrid>
      <Group mt="md">
        <Button onClick={run} loading={simulate.isPending} variant="light">
          Run the day
        </Button>
        {simulate.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(simulate.error)}
          </Text>
        )}
      </Group>
      {result && (
        <SimpleGrid cols={{ base: 2, md: 4 }} mt="md" aria-live="polite">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Wait p50 / p90
            </Text>
            <Text fw={700}>
              {result.wait_seconds.p50} s / {result.wait_seconds.p90} s
            </Text>
            <Text size="xs" c="dimmed">
              {pct(result.answered_within_60s)} within a minute; {result.still_waiting} left at close
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Occupancy
            </Text>
            <Text fw={700}>{pct(result.occupancy.mean)}</Text>
            <Text size="xs" c="dimmed">
              {pct(result.occupancy.min)} – {pct(result.occupancy.max)} across {result.agents} agents
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Solved at Tier 1 / 2 / 3
            </Text>
            <Text fw={700}>{result.tier_shares.map((t) => pct(t.share)).join(' / ')}</Text>
            <Text size="xs" c="dimmed">
              target: Tier 1 60–75 %, Tier 3 under 5 %
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Arrivals
            </Text>
            <Text fw={700}>{result.arrivals}</Text>
            <Text size="xs" c="dimmed">
              {result.handled} pieces of work handled, escalations included
            </Text>
          </div>
        </SimpleGrid>
      )}
    </Paper>
  );
}

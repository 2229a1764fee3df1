/**
 * Staffing math: agents needed for 96 quarter-hour intervals × 100 queues (9,600 searches), Erlang C,
 * against a target of 50 ms; Erlang A on the same grid is reported beside it. Pure computation, no
 * database. The last line printed is one JSON object for the bench runner.
 */
import { performance } from 'node:perf_hooks';
import { staffingForIntervals } from '../src/modules/wfm/index.ts';
import type { StaffingRequest } from '../src/modules/wfm/index.ts';

export const description = 'Erlang C staffing for 96 intervals × 100 queues (target < 50 ms); Erlang A beside it';

const intervals = 96;
const queues = 100;
const targetMs = 50;
const runs = 9;

/** A day of quarter hours: quiet at night, a morning peak near 10:30 and an afternoon one near 14:30. */
function dayShape(): number[] {
  const shape = Array.from({ length: intervals }, (_, i) => {
    const hour = i / 4;
    const morning = Math.exp(-((hour - 10.5) ** 2) / 4);
    const afternoon = 0.8 * Math.exp(-((hour - 14.5) ** 2) / 5);
    return 0.02 + morning + afternoon;
  });
  const total = shape.reduce((sum, x) => sum + x, 0);
  return shape.map((x) => x / total);
}

/** 100 queues from 200 to 60,000 calls a day, AHT 2–15 minutes, a spread of targets; deterministic. */
function workload(patience: boolean): StaffingRequest[][] {
  const shape = dayShape();
  const targets = [
    [0.8, 20],
    [0.9, 15],
    [0.7, 60],
    [0.95, 30],
  ] as const;
  return Array.from({ length: queues }, (_, q) => {
    const callsPerDay = 200 * 300 ** (q / (queues - 1));
    const ahtSeconds = 120 + ((q * 37) % 100) * 7.8;
    const [x, y] = targets[q % targets.length] ?? [0.8, 20];
    return shape.map((share) => ({
      volume: callsPerDay * share,
      interval_minutes: 15,
      aht_seconds: ahtSeconds,
      target_service_level: x,
      target_seconds: y,
      shrinkage: 0.3,
      ...(q % 5 === 0 ? { max_occupancy: 0.85 } : {}),
      ...(patience ? { patience_seconds: 30 + ((q * 53) % 100) * 2.7 } : {}),
    }));
  });
}

interface Timing {
  medianMs: number;
  minMs: number;
  agentHours: number;
  paidHours: number;
  peakAgents: number;
}

function time(grid: StaffingRequest[][]): Timing {
  let agentHours = 0;
  let paidHours = 0;
  let peakAgents = 0;
  const pass = (): void => {
    agentHours = paidHours = peakAgents = 0;
    for (const queue of grid) {
      const { summary } = staffingForIntervals(queue);
      agentHours += summary.agent_hours;
      paidHours += summary.paid_hours;
      peakAgents = Math.max(peakAgents, summary.peak_agents);
    }
  };
  pass(); // warm-up: JIT and caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    pass();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(runs / 2)] ?? Number.NaN, minMs: samples[0] ?? Number.NaN, agentHours, paidHours, peakAgents };
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export async function run(): Promise<void> {
  const erlangC = time(workload(false));
  const erlangA = time(workload(true));
  const searches = intervals * queues;
  const calls = workload(false)
    .flat()
    .reduce((sum, r) => sum + r.volume, 0);
  console.log(
    `staffing: ${intervals} intervals × ${queues} queues = ${searches} searches, ${Math.round(calls).toLocaleString('en')} calls a day`,
  );
  console.log(
    `  Erlang C  median ${erlangC.medianMs.toFixed(2)} ms (min ${erlangC.minMs.toFixed(2)}), ${((erlangC.medianMs * 1000) / searches).toFixed(2)} µs a search`,
  );
  console.log(
    `            ${Math.round(erlangC.agentHours)} agent-hours, ${Math.round(erlangC.paidHours)} paid hours, peak ${erlangC.peakAgents} agents in one interval`,
  );
  console.log(
    `  Erlang A  median ${erlangA.medianMs.toFixed(2)} ms (min ${erlangA.minMs.toFixed(2)}), ${((erlangA.medianMs * 1000) / searches).toFixed(2)} µs a search`,
  );
  console.log(
    `            ${Math.round(erlangA.agentHours)} agent-hours, ${Math.round(erlangA.paidHours)} paid hours, peak ${erlangA.peakAgents} agents in one interval`,
  );
  console.log(`  target: Erlang C under ${targetMs} ms — ${erlangC.medianMs < targetMs ? 'met' : 'MISSED'}`);
  console.log(
    JSON.stringify({
      bench: 'staffing',
      intervals,
      queues,
      searches,
      erlang_c_median_ms: round(erlangC.medianMs),
      erlang_c_min_ms: round(erlangC.minMs),
      erlang_a_median_ms: round(erlangA.medianMs),
      erlang_a_min_ms: round(erlangA.minMs),
      target_ms: targetMs,
      target_met: erlangC.medianMs < targetMs,
    }),
  );
}

import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { erlangAMetricsWithoutAsa, erlangCMetrics } from './erlang.ts';
import { parseStaffingRequest, staffingFor, staffingForIntervals } from './staffing.ts';
import { chainErlangA, exactErlangCStaffing, type ExactCase } from './test-support/reference-queues.ts';
import { type StaffingRequest, staffingInputSchema } from './wfm.schemas.ts';
import { renderWorkedExample } from './worked-example.ts';

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
function expectClose(actual: number, expected: number, tolerance = 1e-6): void {
  expect(relative(actual, expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function appErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('published cases', () => {
  it('Erlang C: 100 calls in 30 min, AHT 180 s, 80/20, occupancy ≤ 85%, 30% shrinkage needs 14 agents, 20 scheduled', () => {
    // callcentrehelper.com's Erlang C worked example, as computed in pyworkforce's docs (docs/guide/erlangc.md):
    // raw_positions 14, positions 20, service_level 0.8883500191794669, waiting_probability 0.1741319335950498.
    const result = staffingFor({
      volume: 100,
      interval_minutes: 30,
      aht_seconds: 180,
      target_service_level: 0.8,
      target_seconds: 20,
      max_occupancy: 0.85,
      shrinkage: 0.3,
    });
    expect(result).toMatchObject({ model: 'erlang_c', traffic_erlangs: 10, agents: 14, scheduled_agents: 20, abandonment: null });
    expectClose(result.service_level, 0.8883500191794669, 1e-12);
    expectClose(result.probability_of_waiting, 0.1741319335950498, 1e-12);
    expectClose(result.occupancy, 10 / 14, 1e-15);
    expectClose(result.fte, 20, 1e-12);
  });

  it('Erlang A: the same queue with 5-minute patience needs 13 agents, 19 scheduled', () => {
    // pyworkforce docs/guide/erlanga.md: raw_positions 13, positions 19, service_level 0.858…, occupancy 0.750…,
    // abandonment_probability 0.025…, waiting_probability 0.226… (its ASA there is over all calls, ours over answered).
    const result = staffingFor({
      volume: 100,
      interval_minutes: 30,
      aht_seconds: 180,
      target_service_level: 0.8,
      target_seconds: 20,
      patience_seconds: 300,
      max_occupancy: 0.85,
      shrinkage: 0.3,
    });
    expect(result).toMatchObject({ model: 'erlang_a', agents: 13, scheduled_agents: 19 });
    expect(result.service_level).toBeCloseTo(0.858, 3);
    expect(result.occupancy).toBeCloseTo(0.75, 3);
    expect(result.abandonment).toBeCloseTo(0.025, 3);
    expect(result.probability_of_waiting).toBeCloseTo(0.226, 3);
  });
});

// [volume, interval minutes, AHT s, X, Y s, occupancy cap, agents]; agents checked against exact arithmetic below.
const erlangCCases: [number, number, number, number, number, number | null, number][] = [
  [100, 30, 180, 0.8, 20, 0.85, 14],
  [100, 30, 180, 0.8, 20, null, 14],
  [150, 30, 360, 0.8, 20, null, 36], // the seeds' 2,400 calls over one flat 8-hour day
  [360, 30, 240, 0.8, 15, null, 55], // Westbay's Erlang C illustration: 48 Erlangs
  [1, 30, 180, 0.8, 20, null, 1],
  [5, 60, 300, 0.8, 20, null, 2],
  [12, 15, 240, 0.9, 30, null, 6],
  [48, 30, 420, 0.8, 20, null, 15],
  [200, 30, 300, 0.9, 10, null, 42],
  [250, 60, 600, 0.7, 60, null, 46],
  [75, 30, 180, 0.95, 30, null, 12],
  [75, 30, 180, 0.5, 60, null, 9],
  [300, 30, 200, 0.99, 5, null, 48],
  [300, 30, 200, 0.8, 0, null, 40],
  [600, 30, 300, 0.8, 20, 0.85, 118], // the cap binds: 100 / 118 ≤ 0.85 < 100 / 117
  [40, 30, 240, 0.8, 20, 0.7, 8],
  [2500, 15, 420, 0.8, 20, null, 1186],
  [10000, 60, 360, 0.8, 20, null, 1017],
  [20000, 60, 300, 0.8, 20, null, 1683],
  [20000, 60, 300, 0.9, 15, null, 1694],
  [12000, 30, 270, 0.85, 30, null, 1814],
  [7, 60, 3600, 0.8, 120, null, 11],
  [1000, 60, 45, 0.8, 10, null, 16],
  [3, 30, 1200, 0.6, 300, null, 3],
];

describe('Erlang C staffing against exact arithmetic', () => {
  it.each(erlangCCases)('%i calls / %i min, AHT %i s, %f within %i s, cap %s → %i agents', (volume, interval, aht, x, y, cap, agents) => {
    const input: ExactCase = {
      volume,
      interval_minutes: interval,
      aht_seconds: aht,
      target_service_level: x,
      target_seconds: y,
      ...(cap === null ? {} : { max_occupancy: cap }),
    };
    const reference = exactErlangCStaffing(input);
    const result = staffingFor(input);
    expect(reference.agents).toBe(agents);
    expect(result.agents).toBe(agents);
    expectClose(result.service_level, reference.serviceLevel);
    expectClose(result.asa_seconds, reference.asaSeconds);
    expectClose(result.probability_of_waiting, reference.probabilityOfWaiting);
    expectClose(result.occupancy, reference.occupancy, 1e-12);
  });
});

// [volume, interval minutes, AHT s, X, Y s, patience s, occupancy cap, agents]
const erlangACases: [number, number, number, number, number, number, number | null, number][] = [
  [100, 30, 180, 0.8, 20, 300, 0.85, 13],
  [100, 30, 180, 0.8, 20, 60, null, 12],
  [100, 30, 180, 0.8, 20, 30, null, 11],
  [150, 30, 360, 0.8, 20, 120, null, 32],
  [150, 30, 360, 0.5, 60, 20, null, 16], // fewer agents than the 30 Erlangs: abandonment sheds load
  [300, 30, 360, 0.3, 60, 10, null, 19],
  [50, 30, 300, 0.7, 30, 45, null, 8],
  [80, 30, 240, 0.9, 0, 90, null, 16],
  [20, 60, 600, 0.8, 60, 600, null, 5],
  [200, 30, 200, 0.85, 15, 40, 0.9, 24],
];

describe('Erlang A staffing against the birth–death chain scanned from 1 agent', () => {
  it.each(erlangACases)(
    '%i calls / %i min, AHT %i s, %f within %i s, patience %i s, cap %s → %i agents',
    (volume, interval, aht, x, y, patience, cap, agents) => {
      const chain = (n: number) =>
        chainErlangA({ agents: n, callsPerSecond: volume / (interval * 60), ahtSeconds: aht, patienceSeconds: patience, targetSeconds: y });
      let reference = chain(1);
      while (reference.serviceLevel < x || reference.occupancy > (cap ?? 1)) reference = chain(reference.agents + 1);
      const result = staffingFor({
        volume,
        interval_minutes: interval,
        aht_seconds: aht,
        target_service_level: x,
        target_seconds: y,
        patience_seconds: patience,
        ...(cap === null ? {} : { max_occupancy: cap }),
      });
      expect(reference.agents).toBe(agents);
      expect(result.agents).toBe(agents);
      expectClose(result.service_level, reference.serviceLevel);
      expectClose(result.asa_seconds, reference.asaSeconds);
      expectClose(result.abandonment ?? Number.NaN, reference.abandonment);
      expectClose(result.occupancy, reference.occupancy);
    },
  );

  it('finds the same count as a plain upward scan from 1, for any queue (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          volume: fc.double({ min: 0.5, max: 600, noNaN: true }),
          aht_seconds: fc.double({ min: 30, max: 900, noNaN: true }),
          target_service_level: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
          target_seconds: fc.double({ min: 0, max: 120, noNaN: true }),
          patience_seconds: fc.double({ min: 5, max: 1800, noNaN: true }),
          // Caps within 1e-15 of an occupancy are decided by rounding noise, so the caps are realistic ones.
          max_occupancy: fc.option(fc.oneof(fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.constant(1)), { nil: undefined }),
        }),
        (request) => {
          const result = staffingFor({ ...request, interval_minutes: 30 });
          let scan = 1;
          for (; ; scan++) {
            const m = erlangAMetricsWithoutAsa({
              agents: scan,
              traffic: result.traffic_erlangs,
              ahtSeconds: request.aht_seconds,
              targetSeconds: request.target_seconds,
              patienceSeconds: request.patience_seconds,
            });
            if (m.serviceLevel >= request.target_service_level && m.occupancy <= (request.max_occupancy ?? 1)) break;
          }
          expect(result.agents).toBe(scan);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('conventions', () => {
  const base = { interval_minutes: 30, aht_seconds: 180, target_service_level: 0.8, target_seconds: 20 };

  it('Erlang C starts at floor(traffic) + 1: a light queue needs one agent, 10 Erlangs at least 11', () => {
    expect(staffingFor({ ...base, volume: 1, target_service_level: 0.01 }).agents).toBe(1);
    expect(staffingFor({ ...base, volume: 100, target_service_level: 0.01 }).agents).toBe(11);
  });

  it('Erlang A starts at 1 and may need fewer agents than the traffic', () => {
    const result = staffingFor({
      ...base,
      volume: 150,
      aht_seconds: 360,
      target_service_level: 0.5,
      target_seconds: 60,
      patience_seconds: 20,
    });
    expect(result.agents).toBeLessThan(result.traffic_erlangs);
    expect(result.service_level).toBeGreaterThanOrEqual(0.5);
  });

  it('returns the smallest count meeting every target with ≥, so the count below misses one', () => {
    const requests: StaffingRequest[] = [
      { ...base, volume: 100 },
      { ...base, volume: 100, max_occupancy: 0.6 },
      { ...base, volume: 100, patience_seconds: 90 },
    ];
    for (const request of requests) {
      const result = staffingFor(request);
      expect(result.service_level).toBeGreaterThanOrEqual(0.8);
      expect(result.occupancy).toBeLessThanOrEqual(request.max_occupancy ?? 1);
      const queue = { agents: result.agents - 1, traffic: 10, ahtSeconds: 180, targetSeconds: 20 };
      const below =
        request.patience_seconds === undefined
          ? erlangCMetrics(queue)
          : erlangAMetricsWithoutAsa({ ...queue, patienceSeconds: request.patience_seconds });
      expect(below.serviceLevel < 0.8 || below.occupancy > (request.max_occupancy ?? 1)).toBe(true);
    }
  });

  it('applies the occupancy cap: 10 Erlangs under a 60% cap need 17 agents', () => {
    const result = staffingFor({ ...base, volume: 100, max_occupancy: 0.6 });
    expect(result.agents).toBe(17);
    expect(result.occupancy).toBeLessThanOrEqual(0.6);
  });

  it('gives FTE = agents / (1 − shrinkage) unrounded, and scheduled agents rounded up', () => {
    const result = staffingFor({ ...base, volume: 150, aht_seconds: 360, shrinkage: 0.3 });
    expect(result.agents).toBe(36);
    expectClose(result.fte, 36 / 0.7, 1e-15);
    expect(result.scheduled_agents).toBe(52);
    // 14 / (1 − 0.3) is 20 up to the last bit: 20 on the schedule, not 21.
    expect(staffingFor({ ...base, volume: 100, shrinkage: 0.3 }).scheduled_agents).toBe(20);
    expect(staffingFor({ ...base, volume: 100, shrinkage: 0 })).toMatchObject({ fte: 14, scheduled_agents: 14 });
  });

  it('needs 0 agents for zero volume, with service level 1', () => {
    expect(staffingFor({ ...base, volume: 0 })).toMatchObject({
      agents: 0,
      service_level: 1,
      asa_seconds: 0,
      occupancy: 0,
      fte: 0,
      scheduled_agents: 0,
      abandonment: null,
    });
    expect(staffingFor({ ...base, volume: 0, patience_seconds: 60 })).toMatchObject({ agents: 0, service_level: 1, abandonment: 0 });
  });

  it('with a 0-second target counts only calls answered at once', () => {
    const result = staffingFor({ ...base, volume: 100, target_seconds: 0 });
    expectClose(result.service_level, 1 - result.probability_of_waiting, 1e-12);
  });

  it('fills in the seeds’ defaults: 30-minute intervals, 80/20, 30% shrinkage', () => {
    expect(parseStaffingRequest({ volume: 10, aht_seconds: 60 })).toEqual({
      volume: 10,
      aht_seconds: 60,
      interval_minutes: 30,
      target_service_level: 0.8,
      target_seconds: 20,
      shrinkage: 0.3,
    });
  });

  it('handles 10,000+ calls an hour in both models in milliseconds', () => {
    const started = performance.now();
    const c = staffingFor({ volume: 20_000, interval_minutes: 60, aht_seconds: 300 });
    const a = staffingFor({ volume: 20_000, interval_minutes: 60, aht_seconds: 300, patience_seconds: 120 });
    expect(c.agents).toBe(1683);
    expect(a.agents).toBeLessThanOrEqual(c.agents);
    expect(a.service_level).toBeGreaterThanOrEqual(0.8);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('validation', () => {
  const good = { volume: 100, interval_minutes: 30, aht_seconds: 180, target_service_level: 0.8, target_seconds: 20 };
  const bad: [string, Record<string, unknown>][] = [
    ['volume', { volume: -1 }],
    ['interval_minutes', { interval_minutes: 0 }],
    ['interval_minutes', { interval_minutes: 0.5 }],
    ['aht_seconds', { aht_seconds: 0 }],
    ['aht_seconds', { aht_seconds: 0.5 }],
    ['target_service_level', { target_service_level: 1 }],
    ['target_service_level', { target_service_level: 0 }],
    ['target_seconds', { target_seconds: -5 }],
    ['patience_seconds', { patience_seconds: 0 }],
    ['shrinkage', { shrinkage: 1 }],
    ['shrinkage', { shrinkage: -0.1 }],
    ['max_occupancy', { max_occupancy: 0 }],
    ['max_occupancy', { max_occupancy: 1.2 }],
    ['volume', { volume: Number.NaN }],
    ['volume', { volume: '100' }],
    ['aht_seconds', { aht_seconds: undefined }],
    ['extra', { extra: 1 }],
  ];

  it.each(bad)('refuses a bad %s with validation_failed naming the field, as the HTTP schema does', (field, change) => {
    const request = { ...good, ...change };
    const error = appErrorOf(() => staffingFor(request as never));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(staffingInputSchema.safeParse(request).success).toBe(false);
  });

  it('accepts the edges the schema accepts', () => {
    const edges = { ...good, volume: 0, target_seconds: 0, shrinkage: 0, max_occupancy: 1, target_service_level: 0.999 };
    expect(staffingInputSchema.safeParse(edges).success).toBe(true);
    expect(staffingFor(edges).agents).toBe(0);
  });

  it('answers 422 unprocessable for an occupancy cap that would need millions of agents', () => {
    const error = appErrorOf(() => staffingFor({ ...good, max_occupancy: 1e-9 }));
    expect(error.code).toBe('unprocessable');
    expect(error.details).toEqual([expect.objectContaining({ path: 'max_occupancy' })]);
  });

  it('answers 422 unprocessable for traffic beyond 100,000 Erlangs', () => {
    const error = appErrorOf(() => staffingFor({ ...good, volume: 10_000_000, aht_seconds: 3600, interval_minutes: 60 }));
    expect(error.code).toBe('unprocessable');
    expect(error.status).toBe(422);
  });
});

describe('many intervals at once', () => {
  it('staffs each interval and totals agent-hours, paid hours and shifts', () => {
    const { data, summary } = staffingForIntervals(
      [
        { volume: 100, aht_seconds: 180 },
        { volume: 150, aht_seconds: 360, interval_minutes: 60 },
        { volume: 0, aht_seconds: 180 },
      ],
      8,
    );
    expect(data.map((r) => r.agents)).toEqual([14, 19, 0]);
    expectClose(summary.agent_hours, 14 * 0.5 + 19 * 1, 1e-15);
    expectClose(summary.paid_hours, (14 * 0.5 + 19) / 0.7, 1e-12);
    expectClose(summary.shifts, summary.paid_hours / 8, 1e-15);
    expect(summary).toMatchObject({ intervals: 3, peak_agents: 19, peak_scheduled_agents: 28 });
  });

  it('names the interval at fault', () => {
    const error = appErrorOf(() =>
      staffingForIntervals([
        { volume: 1, aht_seconds: 60 },
        { volume: 1, aht_seconds: -60 },
      ]),
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'intervals.1.aht_seconds' })]);
  });
});

describe('the seeds’ worked example', () => {
  it('is in README.md exactly as computed now', () => {
    // Biome formats the README, padding the table's columns: compare with the padding taken out.
    const unpad = (text: string): string =>
      text
        .split('\n')
        .map((line) => (line.startsWith('|') ? line.replace(/\s+/g, ' ').replace(/-{3,}/g, '---') : line))
        .join('\n');
    const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(unpad(readme)).toContain(unpad(renderWorkedExample()));
  });

  it('lands in the seeds’ 45–55 FTE', () => {
    const text = renderWorkedExample();
    const shifts = Number(/\*\*([\d.]+) shifts a day\*\*/.exec(text)?.[1]);
    expect(shifts).toBeGreaterThanOrEqual(45);
    expect(shifts).toBeLessThanOrEqual(55);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangAMetrics, erlangAMetricsWithoutAsa, erlangB, erlangC, erlangCMetrics } from './erlang.ts';
import { digamma, logGamma, logGammaTail } from './special-functions.ts';
import { chainErlangA, exactErlangC } from './test-support/reference-queues.ts';
import { simulateQueue, type Estimate } from './test-support/simulate-queue.ts';

const relative = (actual: number, expected: number, floor = 1e-300): number =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
/** Within `tolerance` relative; below `floor` the tolerance becomes absolute (tolerance × floor). */
function expectClose(actual: number, expected: number, tolerance = 1e-6, floor = 1e-300): void {
  expect(relative(actual, expected, floor), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('Erlang B and C', () => {
  it('Erlang B follows its closed form for one agent and the recursion for more', () => {
    expect(erlangB(0, 5)).toBe(1);
    expectClose(erlangB(1, 3), 3 / 4, 1e-15);
    // B(2, 2) = (2²/2!) / (1 + 2 + 2²/2!) = 2/5
    expectClose(erlangB(2, 2), 0.4, 1e-15);
  });

  it.each([
    [11, 10n, 1n],
    [14, 10n, 1n],
    [55, 48n, 1n],
    [36, 30n, 1n],
    [3, 1n, 2n],
    [1, 1n, 10n],
    [1050, 1000n, 1n],
    [1700, 5000n, 3n],
  ])('Erlang C with %i agents for traffic %i/%i matches the exact textbook formula', (agents, p, q) => {
    expectClose(erlangC(agents, Number(p) / Number(q)), exactErlangC(agents, p, q), 1e-12);
  });

  it('stays finite at 20,000 calls an hour (1,667 Erlangs) without factorials', () => {
    const traffic = (20_000 / 3600) * 300;
    const metrics = erlangCMetrics({ agents: 1683, traffic, ahtSeconds: 300, targetSeconds: 20 });
    expectClose(metrics.probabilityOfWaiting, exactErlangC(1683, 20_000n * 300n, 3600n), 1e-10);
    expect(metrics.serviceLevel).toBeGreaterThan(0.8);
    expect(erlangC(100_000, 99_000)).toBeGreaterThan(0);
    expect(Number.isFinite(erlangC(100_000, 99_000))).toBe(true);
  });

  it('uses the definitions: SL = 1 − P(wait)·e^(−(N−A)t/AHT), ASA = P(wait)·AHT/(N−A), occupancy = A/N', () => {
    const m = erlangCMetrics({ agents: 14, traffic: 10, ahtSeconds: 180, targetSeconds: 20 });
    const c = exactErlangC(14, 10n, 1n);
    expectClose(m.serviceLevel, 1 - c * Math.exp((-4 * 20) / 180), 1e-12);
    expectClose(m.asaSeconds, (c * 180) / 4, 1e-12);
    expect(m.occupancy).toBe(10 / 14);
  });

  it('answers an overloaded queue (N ≤ A) with everyone waiting and none within target', () => {
    expect(erlangCMetrics({ agents: 10, traffic: 10, ahtSeconds: 180, targetSeconds: 20 })).toMatchObject({
      probabilityOfWaiting: 1,
      serviceLevel: 0,
    });
  });
});

describe('special functions', () => {
  it('digamma sums the harmonic series', () => {
    let harmonic = 0;
    for (let i = 1; i <= 1000; i++) harmonic += 1 / (2.5 + i);
    expectClose(digamma(1003.5) - digamma(3.5), harmonic, 1e-13);
    expectClose(digamma(1), -0.5772156649015329, 1e-13);
  });

  it('agrees with its series in both regimes and with known log-gamma values', () => {
    expectClose(logGamma(5), Math.log(24), 1e-14);
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectClose(logGamma(200), 857.9336698258574, 1e-14);
    for (const [s, x] of [
      [3.5, 2],
      [3.5, 20],
      [40, 41.5],
      [0.25, 7],
      [1000, 1100],
    ] as const) {
      // Direct summation with rescaling, the definition of T(s, x).
      let term = 1;
      let sum = 1;
      let logScale = 0;
      for (let j = 1; j < 1e6; j++) {
        term *= x / (s + j);
        sum += term;
        if (sum > 1e200) {
          term /= 1e200;
          sum /= 1e200;
          logScale += 200 * Math.LN10;
        }
        if (j > x && term < 1e-18 * sum) break;
      }
      expectClose(logGammaTail(s, x), Math.log(sum) + logScale, 1e-12);
    }
  });
});

describe('Erlang A', () => {
  const base = { traffic: 10, ahtSeconds: 180, targetSeconds: 20 };

  it('reproduces the published pyworkforce snapshot (100 calls/30 min, AHT 3 min, patience 5 min, 14 agents)', () => {
    // pyworkforce, pyworkforce/queuing/tests/test_abandonment.py (test_erlanga_regression_metrics), rounded there.
    const m = erlangAMetrics({ ...base, agents: 14, patienceSeconds: 300 });
    expect(m.probabilityOfWaiting).toBeCloseTo(0.14526, 5);
    expect(m.abandonment).toBeCloseTo(0.013984, 6);
    expect(m.occupancy).toBeCloseTo(0.704297, 6);
    expect(m.serviceLevel).toBeCloseTo(0.916792, 6);
    // Their "ASA" is the mean wait over all calls, E[queue]/λ = abandonment × patience (in minutes).
    expect((m.abandonment * 300) / 60).toBeCloseTo(0.069919, 6);
  });

  const grid = [
    { agents: 14, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 300, targetSeconds: 20 },
    { agents: 12, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 600, targetSeconds: 20 },
    { agents: 9, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 600, targetSeconds: 20 },
    { agents: 6, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 600, targetSeconds: 60 },
    { agents: 1, callsPerSecond: 1 / 60, ahtSeconds: 240, patienceSeconds: 90, targetSeconds: 30 },
    { agents: 30, callsPerSecond: 150 / 1800, ahtSeconds: 360, patienceSeconds: 120, targetSeconds: 20 },
    { agents: 40, callsPerSecond: 150 / 1800, ahtSeconds: 360, patienceSeconds: 30, targetSeconds: 10 },
    { agents: 25, callsPerSecond: 0.1, ahtSeconds: 300, patienceSeconds: 45, targetSeconds: 0 },
    { agents: 50, callsPerSecond: 0.5, ahtSeconds: 100, patienceSeconds: 200, targetSeconds: 15 },
    { agents: 3, callsPerSecond: 0.02, ahtSeconds: 600, patienceSeconds: 1800, targetSeconds: 120 },
    // Deep overload with patient callers: ~1,000 waiting, so the ASA sum starts near its peak.
    { agents: 5, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 36_000, targetSeconds: 20 },
    { agents: 8, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds: 36_000, targetSeconds: 18_000 },
  ];
  it.each(grid)('matches the birth–death chain solved independently: %o', (c) => {
    const reference = chainErlangA(c);
    const m = erlangAMetrics({
      agents: c.agents,
      traffic: c.callsPerSecond * c.ahtSeconds,
      ahtSeconds: c.ahtSeconds,
      targetSeconds: c.targetSeconds,
      patienceSeconds: c.patienceSeconds,
    });
    expectClose(m.probabilityOfWaiting, reference.probabilityOfWaiting);
    expectClose(m.abandonment, reference.abandonment);
    // A service level of 1e-15 (everyone waits, nobody within t) is rounding noise in both: 1e-12 absolute there.
    expectClose(m.serviceLevel, reference.serviceLevel, 1e-6, 1e-6);
    expectClose(m.asaSeconds, reference.asaSeconds);
    expectClose(m.occupancy, reference.occupancy);
  });

  it('gives the same figures on the fast path used by the staffing search', () => {
    for (const c of grid) {
      const input = {
        agents: c.agents,
        traffic: c.callsPerSecond * c.ahtSeconds,
        ahtSeconds: c.ahtSeconds,
        targetSeconds: c.targetSeconds,
        patienceSeconds: c.patienceSeconds,
      };
      const full = erlangAMetrics(input);
      const fast = erlangAMetricsWithoutAsa(input);
      expectClose(fast.serviceLevel, full.serviceLevel, 1e-12);
      expectClose(fast.abandonment, full.abandonment, 1e-12);
      expectClose(fast.probabilityOfWaiting, full.probabilityOfWaiting, 1e-12);
    }
  });

  it('stays finite and sensible at 20,000 calls an hour, staffed or overloaded', () => {
    const traffic = (20_000 / 3600) * 300;
    const staffed = erlangAMetrics({ agents: 1700, traffic, ahtSeconds: 300, targetSeconds: 20, patienceSeconds: 120 });
    expect(staffed.serviceLevel).toBeGreaterThan(0.99);
    expect(staffed.abandonment).toBeLessThan(0.01);
    const overloaded = erlangAMetrics({ agents: 1000, traffic, ahtSeconds: 300, targetSeconds: 20, patienceSeconds: 120 });
    // With N < A nearly every call waits and the excess load abandons: 1 − N/A of the calls.
    expectClose(overloaded.abandonment, 1 - 1000 / traffic, 1e-9);
    expect(overloaded.probabilityOfWaiting).toBeCloseTo(1, 12);
    for (const value of Object.values(overloaded)) expect(Number.isFinite(value)).toBe(true);
  });

  it('becomes Erlang C as patience grows without bound', () => {
    const a = erlangAMetrics({ ...base, agents: 14, patienceSeconds: 1e12 });
    const c = erlangCMetrics({ ...base, agents: 14 });
    expectClose(a.serviceLevel, c.serviceLevel, 1e-6);
    expectClose(a.asaSeconds, c.asaSeconds, 1e-6);
    expectClose(a.probabilityOfWaiting, c.probabilityOfWaiting, 1e-6);
    expect(a.abandonment).toBeLessThan(1e-9);
  });
});

describe('a discrete-event simulation agrees with the formulas', () => {
  // 99.9% intervals by batch means over 20 batches of 25,000 calls (t quantile, 19 degrees of freedom).
  const runs = { batchCalls: 25_000, batches: 20, warmup: 5_000, tQuantile: 3.883 };
  const within = (estimate: Estimate, value: number, widest: number): void => {
    expect(estimate.halfWidth, 'the interval is narrow enough to mean something').toBeLessThan(widest);
    expect(Math.abs(estimate.mean - value), `simulated ${estimate.mean} ± ${estimate.halfWidth}, formula ${value}`).toBeLessThanOrEqual(
      estimate.halfWidth,
    );
  };

  it('for Erlang C: P(wait), service level and ASA (100 calls/30 min, AHT 180 s, 13 agents)', () => {
    const sim = simulateQueue({ agents: 13, callsPerSecond: 100 / 1800, ahtSeconds: 180, targetSeconds: 20, seed: 11, ...runs });
    const m = erlangCMetrics({ agents: 13, traffic: 10, ahtSeconds: 180, targetSeconds: 20 });
    within(sim.probabilityOfWaiting, m.probabilityOfWaiting, 0.02);
    within(sim.serviceLevel, m.serviceLevel, 0.02);
    within(sim.asaSeconds, m.asaSeconds, 3);
  });

  it('for Erlang C at 2,000 calls an hour: 1,000 calls/30 min, AHT 180 s, 107 agents (the 80/20 count)', () => {
    const sim = simulateQueue({
      agents: 107,
      callsPerSecond: 1000 / 1800,
      ahtSeconds: 180,
      targetSeconds: 20,
      seed: 12,
      ...runs,
      batchCalls: 50_000,
    });
    const m = erlangCMetrics({ agents: 107, traffic: 100, ahtSeconds: 180, targetSeconds: 20 });
    within(sim.probabilityOfWaiting, m.probabilityOfWaiting, 0.04);
    within(sim.serviceLevel, m.serviceLevel, 0.04);
    within(sim.asaSeconds, m.asaSeconds, 3);
  });

  it.each([
    { agents: 13, patienceSeconds: 300, seed: 21 },
    { agents: 11, patienceSeconds: 120, seed: 22 },
    { agents: 8, patienceSeconds: 600, seed: 23 },
  ])('for Erlang A: abandonment, service level, ASA and P(wait) (%o)', ({ agents, patienceSeconds, seed }) => {
    const sim = simulateQueue({ agents, callsPerSecond: 100 / 1800, ahtSeconds: 180, patienceSeconds, targetSeconds: 20, seed, ...runs });
    const m = erlangAMetrics({ agents, traffic: 10, ahtSeconds: 180, targetSeconds: 20, patienceSeconds });
    within(sim.abandonment, m.abandonment, 0.02);
    within(sim.serviceLevel, m.serviceLevel, 0.03);
    within(sim.asaSeconds, m.asaSeconds, 10);
    within(sim.probabilityOfWaiting, m.probabilityOfWaiting, 0.03);
  });
});

describe('properties', () => {
  const queue = fc.record({
    traffic: fc.double({ min: 0.05, max: 300, noNaN: true }),
    ahtSeconds: fc.double({ min: 10, max: 3600, noNaN: true }),
    targetSeconds: fc.double({ min: 0, max: 300, noNaN: true }),
    extra: fc.integer({ min: 0, max: 40 }),
  });
  const patience = fc.double({ min: 1, max: 7200, noNaN: true });

  it('Erlang C: service level rises and ASA falls with every added agent', () => {
    fc.assert(
      fc.property(queue, ({ traffic, ahtSeconds, targetSeconds, extra }) => {
        const agents = Math.floor(traffic) + 1 + extra;
        const now = erlangCMetrics({ agents, traffic, ahtSeconds, targetSeconds });
        const more = erlangCMetrics({ agents: agents + 1, traffic, ahtSeconds, targetSeconds });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(now.serviceLevel);
        expect(more.asaSeconds).toBeLessThanOrEqual(now.asaSeconds);
      }),
    );
  });

  it('Erlang A: more agents raise the service level and cut the ASA, abandonment and occupancy', () => {
    fc.assert(
      fc.property(queue, patience, ({ traffic, ahtSeconds, targetSeconds, extra }, patienceSeconds) => {
        const agents = Math.max(1, Math.floor(traffic * 0.7) + extra);
        const input = { traffic, ahtSeconds, targetSeconds, patienceSeconds };
        const now = erlangAMetrics({ ...input, agents });
        const more = erlangAMetrics({ ...input, agents: agents + 1 });
        // In deep overload (P(wait) = 1 to double precision) the service level is good to ~1e-11 absolute.
        const slack = 1e-10;
        expect(more.serviceLevel).toBeGreaterThanOrEqual(now.serviceLevel - slack);
        expect(more.asaSeconds).toBeLessThanOrEqual(now.asaSeconds * (1 + 1e-9) + slack);
        expect(more.abandonment).toBeLessThanOrEqual(now.abandonment * (1 + 1e-9) + slack);
        expect(more.occupancy).toBeLessThanOrEqual(now.occupancy * (1 + 1e-12));
      }),
    );
  });

  it('Erlang A: more patient callers abandon less', () => {
    fc.assert(
      fc.property(
        queue,
        patience,
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        ({ traffic, ahtSeconds, targetSeconds, extra }, patienceSeconds, factor) => {
          const agents = Math.max(1, Math.floor(traffic * 0.7) + extra);
          const input = { agents, traffic, ahtSeconds, targetSeconds };
          const impatient = erlangAMetrics({ ...input, patienceSeconds });
          const patient = erlangAMetrics({ ...input, patienceSeconds: patienceSeconds * factor });
          expect(patient.abandonment).toBeLessThanOrEqual(impatient.abandonment * (1 + 1e-9) + 1e-300);
        },
      ),
    );
  });

  it('Erlang A tends to Erlang C as patience tends to infinity', () => {
    fc.assert(
      fc.property(queue, ({ traffic, ahtSeconds, targetSeconds, extra }) => {
        // N − A ≥ ½: next to N = A the queue is so long that even patience of 10⁹ AHT shows.
        const agents = Math.floor(traffic + 1.5) + extra;
        const c = erlangCMetrics({ agents, traffic, ahtSeconds, targetSeconds });
        const a = erlangAMetrics({ agents, traffic, ahtSeconds, targetSeconds, patienceSeconds: ahtSeconds * 1e9 });
        expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-5);
        expect(Math.abs(a.probabilityOfWaiting - c.probabilityOfWaiting)).toBeLessThan(1e-5);
        expect(relative(a.asaSeconds, c.asaSeconds)).toBeLessThan(1e-3);
      }),
    );
  });
});

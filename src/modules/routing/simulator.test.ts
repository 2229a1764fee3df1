import { describe, expect, it } from 'vitest';
import { simulateDay } from './simulator.ts';

const day = {
  roster: [
    { count: 12, tier: 1 as const, capacity: { voice: 1, chat: 2, email: 5 } },
    { count: 4, tier: 2 as const },
    { count: 2, tier: 3 as const },
  ],
  arrivals_per_hour: [30, 45, 60, 60, 50, 40, 30, 20],
};

describe('a simulated day', () => {
  it('replays the same day the same way for the same seed', () => {
    expect(simulateDay({ ...day, seed: 9 })).toEqual(simulateDay({ ...day, seed: 9 }));
    expect(simulateDay({ ...day, seed: 9 })).not.toEqual(simulateDay({ ...day, seed: 10 }));
  });

  it('solves most work at Tier 1 and little at Tier 3 with the default escalation rates (seeds: 60–75 %, under 5 %)', () => {
    const result = simulateDay({ ...day, seed: 1 });
    const [t1, , t3] = result.tier_shares;
    expect(t1?.share).toBeGreaterThanOrEqual(0.6);
    expect(t1?.share).toBeLessThanOrEqual(0.8);
    expect(t3?.share).toBeLessThan(0.06);
    expect(result.handled + result.still_waiting).toBeGreaterThanOrEqual(result.arrivals);
  });

  it('keeps equally skilled agents within a narrow band of occupancy', () => {
    const result = simulateDay({
      roster: [{ count: 20, tier: 1, capacity: { voice: 1, chat: 0, email: 0 } }],
      channel_mix: { voice: 1 },
      aht_seconds: { voice: 300 },
      escalation: { tier2: 0, tier3: 0 },
      arrivals_per_hour: Array(8).fill(200),
      seed: 4,
    });
    expect(result.occupancy.mean).toBeGreaterThan(0.7);
    expect(result.occupancy.stdev).toBeLessThan(0.06);
  });
});

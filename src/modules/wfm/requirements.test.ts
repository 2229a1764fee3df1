import { describe, expect, it } from 'vitest';
import { channelRequirement, requirementsFor, ruleFor } from './requirements.ts';
import { staffingFor } from './staffing.ts';

const at = (h: number) => new Date(Date.UTC(2026, 11, 7, h));

describe('staffing requirements from a forecast', () => {
  it('staffs a phone queue by Erlang C: the seeds’ flat day needs 36 agents a half hour, 51.4 FTE', () => {
    const need = channelRequirement(ruleFor('voice', { aht_seconds: 360 }), 150, 30, 0.3);
    expect(need.agents).toBe(36);
    expect(need.service_level).toBeGreaterThanOrEqual(0.8);
    expect(need.fte).toBeCloseTo(36 / 0.7, 12);
  });

  it('uses Erlang A when the channel has a patience', () => {
    const need = channelRequirement(ruleFor('voice', { model: 'erlang_a', patience_seconds: 20 }), 150, 30, 0.3);
    expect(need.agents).toBe(staffingFor({ volume: 150, aht_seconds: 360, patience_seconds: 20 }).agents);
    expect(need.agents).toBeLessThan(36);
    expect(need.abandonment).toBeGreaterThan(0);
  });

  it('divides chat slots by concurrency: agents = ⌈slots / concurrency⌉', () => {
    const slots = staffingFor({ volume: 100, aht_seconds: 600, target_seconds: 60 }).agents;
    const single = channelRequirement(ruleFor('chat', { concurrency: 1 }), 100, 30, 0.3);
    const double = channelRequirement(ruleFor('chat'), 100, 30, 0.3);
    const triple = channelRequirement(ruleFor('chat', { concurrency: 3 }), 100, 30, 0.3);
    expect(single.agents).toBe(slots);
    expect(double.agents).toBe(Math.ceil(slots / 2));
    expect(triple.agents).toBe(Math.ceil(slots / 3));
    expect(double.service_level).toBe(single.service_level);
    expect(double.occupancy).toBeLessThanOrEqual(1);
  });

  it('sizes deferred work by workload at the planned occupancy, unrounded', () => {
    const need = channelRequirement(ruleFor('email'), 60, 30, 0.3);
    expect(need.agents).toBeCloseTo((60 * 480) / (1800 * 0.85), 12);
    expect(need.service_level).toBeNull();
  });

  it('adds channels per interval and rounds the heads to schedule up once', () => {
    const intervals = requirementsFor(
      [
        {
          channel: 'voice',
          intervals: [
            { start: at(9), volume: 150 },
            { start: at(10), volume: 0 },
          ],
        },
        {
          channel: 'email',
          intervals: [
            { start: at(9), volume: 60 },
            { start: at(10), volume: 30 },
          ],
        },
      ],
      [ruleFor('voice'), ruleFor('email')],
      { shrinkage: 0.3 },
    );
    expect(intervals).toHaveLength(2);
    const [nine, ten] = intervals;
    expect(nine?.agents).toBeCloseTo(36 + (60 * 480) / 1530, 9);
    expect(nine?.scheduled_agents).toBe(Math.ceil((36 + (60 * 480) / 1530) / 0.7));
    expect(ten?.channels.voice?.agents).toBe(0);
    expect(ten?.scheduled_agents).toBe(Math.ceil((30 * 480) / 1530 / 0.7));
  });
});

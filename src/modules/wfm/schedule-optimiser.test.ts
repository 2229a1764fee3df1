import { describe, expect, it } from 'vitest';
import { type RequirementSlot, type ScheduleProblem, solveSchedule } from './schedule-optimiser.ts';
import type { ScheduleAgent, ShiftTemplate } from './schedule-shifts.ts';

const DAY0 = Date.UTC(2026, 11, 7); // a Monday
const at = (day: number, hour: number) => new Date(DAY0 + day * 86_400_000 + hour * 3_600_000);

function need(days: number, from: number, to: number, channels: Record<string, number>): RequirementSlot[] {
  const slots: RequirementSlot[] = [];
  for (let d = 0; d < days; d++)
    for (let h = 0; h < 24; h += 0.5) slots.push({ start: at(d, h), channels: h >= from && h < to ? channels : {} });
  return slots;
}

const agent = (id: number, over: Partial<ScheduleAgent> = {}): ScheduleAgent => ({
  user_id: id,
  time_zone: 'UTC',
  max_days_per_week: 5,
  min_hours_per_week: 0,
  max_hours_per_week: 40,
  cost_per_hour: 20,
  time_off: [],
  ...over,
});

const eight: ShiftTemplate = {
  name: 'Eight',
  length_minutes: 480,
  earliest_start: '06:00',
  latest_start: '14:00',
  start_step_minutes: 30,
  lunch: null,
};

const problem = (over: Partial<ScheduleProblem>): ScheduleProblem => ({
  from: new Date(DAY0),
  days: 1,
  time_zone: 'UTC',
  templates: [eight],
  agents: [agent(1), agent(2), agent(3)],
  requirement: need(1, 9, 17, { voice: 2 }),
  understaffing_cost_per_hour: 200,
  short_hours_cost_per_hour: 1,
  min_rest_hours: 11,
  time_limit_seconds: 20,
  mip_gap: 0,
  ...over,
});

describe('schedule optimiser', () => {
  it('covers a flat requirement exactly, at least cost, with a zero gap', async () => {
    const solution = await solveSchedule(problem({}));
    expect(solution.status).toBe('optimal');
    expect(solution.shifts).toHaveLength(2);
    expect(solution.shifts.every((s) => s.start.getTime() === at(0, 9).getTime())).toBe(true);
    expect(solution.summary).toMatchObject({
      required_hours: 16,
      scheduled_hours: 16,
      under_hours: 0,
      over_hours: 0,
      coverage: 1,
      paid_hours: 16,
      cost: 320,
    });
    expect(solution.gap).toBeLessThan(1e-6);
    expect(new Set(solution.shifts.map((s) => s.user_id)).size).toBe(2);
  });

  it('reports understaffing when there are too few agents', async () => {
    const solution = await solveSchedule(problem({ agents: [agent(1)] }));
    expect(solution.shifts).toHaveLength(1);
    expect(solution.summary.under_hours).toBe(8);
    expect(solution.summary.coverage).toBe(0.5);
  });

  it('keeps lunch off duty and staggers lunches to cover the requirement', async () => {
    const withLunch: ShiftTemplate = {
      ...eight,
      length_minutes: 540,
      lunch: { minutes: 60, earliest_after_minutes: 180, latest_after_minutes: 300 },
    };
    const solution = await solveSchedule(
      problem({ templates: [withLunch], agents: [1, 2, 3, 4].map((i) => agent(i)), requirement: need(1, 10, 16, { voice: 1 }) }),
    );
    expect(solution.summary.under_hours).toBe(0);
    for (const shift of solution.shifts) {
      expect(shift.paid_hours).toBe(8);
      expect(shift.lunch_end && shift.lunch_start ? shift.lunch_end.getTime() - shift.lunch_start.getTime() : 0).toBe(3_600_000);
    }
    // One agent cannot cover 10:00–16:00 alone with an hour's lunch inside it.
    expect(solution.shifts.length).toBe(2);
  });

  it('places agents by availability in their own time zone (follow the sun)', async () => {
    const newYork = agent(9, { time_zone: 'America/New_York', availability: [{ weekday: 1, from: '08:00', to: '16:00' }] });
    const solution = await solveSchedule(
      problem({
        templates: [{ ...eight, earliest_start: '00:00', latest_start: '16:00' }],
        agents: [newYork],
        requirement: need(1, 13, 21, { voice: 1 }),
      }),
    );
    // 08:00–16:00 in New York in December is 13:00–21:00 UTC.
    expect(solution.shifts).toEqual([expect.objectContaining({ user_id: 9, start: at(0, 13), end: at(0, 21) })]);
    expect(solution.summary.coverage).toBe(1);
  });

  it('lets only agents with the skill cover a channel, and respects time off', async () => {
    const solution = await solveSchedule(
      problem({
        agents: [
          agent(1, { channels: ['email'] }),
          agent(2, { channels: ['voice'], time_off: [{ from: at(0, 0), to: at(1, 0) }] }),
          agent(3, { channels: ['voice', 'email'] }),
        ],
        requirement: need(1, 9, 17, { voice: 1, email: 1 }),
      }),
    );
    expect(solution.summary.under_hours).toBe(0);
    expect(solution.shifts.map((s) => s.user_id).sort()).toEqual([1, 3]);
  });

  it('keeps weekly day caps and rest between shifts across a week', async () => {
    const solution = await solveSchedule(
      problem({
        days: 7,
        agents: [agent(1, { max_days_per_week: 3 }), agent(2, { max_days_per_week: 3 })],
        requirement: need(7, 9, 17, { voice: 1 }),
      }),
    );
    const perAgent = new Map<number, number>();
    for (const s of solution.shifts) perAgent.set(s.user_id, (perAgent.get(s.user_id) ?? 0) + 1);
    expect(Math.max(...perAgent.values())).toBeLessThanOrEqual(3);
    expect(solution.shifts).toHaveLength(6);
    expect(solution.summary.under_hours).toBe(8);
  });
});

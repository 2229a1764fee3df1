import { describe, expect, it } from 'vitest';
import { adherenceOf } from './adherence.ts';

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 7, h, m));
const shift = { user_id: 7, start: at(9), end: at(17), lunch_start: at(12), lunch_end: at(13) };

describe('schedule adherence', () => {
  it('is perfect when presence follows the schedule, lunch included', () => {
    const [agent] = adherenceOf(
      [shift],
      [
        { user_id: 7, state: 'online', from: at(9), to: at(12) },
        { user_id: 7, state: 'away', from: at(12), to: at(13) },
        { user_id: 7, state: 'on_call', from: at(13), to: at(17) },
      ],
      { from: at(0), to: at(24) },
    );
    expect(agent).toMatchObject({ scheduled_minutes: 480, scheduled_work_minutes: 420, in_adherence_minutes: 480, worked_minutes: 420 });
    expect(agent?.adherence).toBe(1);
    expect(agent?.conformance).toBe(1);
  });

  it('counts a late start, a long lunch and overtime', () => {
    const [agent] = adherenceOf(
      [shift],
      [
        { user_id: 7, state: 'offline', from: at(0), to: at(9, 20) },
        { user_id: 7, state: 'online', from: at(9, 20), to: at(12) },
        { user_id: 7, state: 'away', from: at(12), to: at(13, 15) },
        { user_id: 7, state: 'wrap_up', from: at(13, 15), to: at(17, 30) },
        { user_id: 7, state: 'offline', from: at(17, 30), to: at(24) },
      ],
      { from: at(0), to: at(24) },
    );
    // Out of adherence: 09:00–09:20 and 13:00–13:15; overtime 17:00–17:30 is outside the schedule.
    expect(agent?.in_adherence_minutes).toBe(480 - 35);
    expect(agent?.adherence).toBeCloseTo(445 / 480, 12);
    // Worked 160 + 255 = 415 minutes against 420 scheduled.
    expect(agent?.worked_minutes).toBe(415);
    expect(agent?.conformance).toBeCloseTo(415 / 420, 12);
    const nine = agent?.intervals.find((i) => i.start.getTime() === at(9).getTime());
    expect(nine).toMatchObject({ scheduled_minutes: 30, in_adherence_minutes: 10, worked_minutes: 10, adherence: 1 / 3 });
    const overtime = agent?.intervals.find((i) => i.start.getTime() === at(17).getTime());
    expect(overtime).toMatchObject({ scheduled_minutes: 0, worked_minutes: 30, adherence: null, conformance: null });
  });

  it('treats no recorded presence as offline and clips to the window', () => {
    const [agent] = adherenceOf([shift], [], { from: at(10), to: at(14) });
    expect(agent).toMatchObject({ scheduled_minutes: 240, scheduled_work_minutes: 180, in_adherence_minutes: 60, worked_minutes: 0 });
    expect(agent?.intervals).toHaveLength(8);
  });

  it('reports agents who worked without a shift', () => {
    const result = adherenceOf([], [{ user_id: 9, state: 'online', from: at(8), to: at(9) }], { from: at(0), to: at(24) });
    expect(result).toEqual([expect.objectContaining({ user_id: 9, scheduled_minutes: 0, worked_minutes: 60, adherence: null })]);
  });
});

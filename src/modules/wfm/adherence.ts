/**
 * Schedule adherence and conformance from agents' presence. Pure: shifts and state intervals in,
 * figures per agent and per half hour out (the service feeds it routing's `agentStateIntervals`).
 *
 * - Scheduled time is a shift from start to end, lunch included. During work the agent should be
 *   available or handling contacts (any state but `away` and `offline`); during lunch, away or offline.
 * - Adherence = scheduled minutes in the expected state / scheduled minutes.
 * - Conformance = minutes available or handling (whenever they fall in the window) / scheduled work
 *   minutes (lunch excluded): 1.1 means 10% more time on than the schedule asked.
 * - Time outside any shift is not part of adherence; working it counts towards conformance.
 */

export interface ScheduledShift {
  user_id: number;
  start: Date;
  end: Date;
  lunch_start: Date | null;
  lunch_end: Date | null;
}

export interface PresenceInterval {
  user_id: number;
  state: string;
  from: Date;
  to: Date;
}

export interface AdherenceFigures {
  scheduled_minutes: number;
  scheduled_work_minutes: number;
  in_adherence_minutes: number;
  worked_minutes: number;
  adherence: number | null;
  conformance: number | null;
}

export interface AgentAdherence extends AdherenceFigures {
  user_id: number;
  intervals: ({ start: Date } & AdherenceFigures)[];
}

const offStates = new Set(['away', 'offline']);
export const isWorkingState = (state: string): boolean => !offStates.has(state);

type Expected = 'work' | 'lunch' | 'none';

function expectedAt(shifts: ScheduledShift[], t: number): Expected {
  for (const s of shifts) {
    if (t < s.start.getTime() || t >= s.end.getTime()) continue;
    if (s.lunch_start && s.lunch_end && t >= s.lunch_start.getTime() && t < s.lunch_end.getTime()) return 'lunch';
    return 'work';
  }
  return 'none';
}

function stateAt(states: PresenceInterval[], t: number): string {
  for (const s of states) if (t >= s.from.getTime() && t < s.to.getTime()) return s.state;
  return 'offline';
}

const empty = (): AdherenceFigures => ({
  scheduled_minutes: 0,
  scheduled_work_minutes: 0,
  in_adherence_minutes: 0,
  worked_minutes: 0,
  adherence: null,
  conformance: null,
});

function finish(f: AdherenceFigures): AdherenceFigures {
  f.adherence = f.scheduled_minutes > 0 ? f.in_adherence_minutes / f.scheduled_minutes : null;
  f.conformance = f.scheduled_work_minutes > 0 ? f.worked_minutes / f.scheduled_work_minutes : null;
  return f;
}

/** Adherence and conformance per agent (every agent with a shift or a state) over [from, to). */
export function adherenceOf(
  shifts: ScheduledShift[],
  states: PresenceInterval[],
  window: { from: Date; to: Date; intervalMinutes?: number },
): AgentAdherence[] {
  const step = (window.intervalMinutes ?? 30) * 60_000;
  const from = window.from.getTime();
  const to = window.to.getTime();
  const users = [...new Set([...shifts.map((s) => s.user_id), ...states.map((s) => s.user_id)])].sort((a, b) => a - b);
  return users.map((userId) => {
    const own = shifts.filter((s) => s.user_id === userId);
    const presence = states.filter((s) => s.user_id === userId);
    // Every moment where something changes: the figures are constant between two of them.
    const cuts = new Set<number>([from, to]);
    for (let t = Math.ceil(from / step) * step; t < to; t += step) cuts.add(t);
    for (const s of own) for (const d of [s.start, s.end, s.lunch_start, s.lunch_end]) if (d) cuts.add(d.getTime());
    for (const s of presence) for (const d of [s.from, s.to]) cuts.add(d.getTime());
    const points = [...cuts].filter((t) => t >= from && t <= to).sort((a, b) => a - b);

    const total = empty();
    const byInterval = new Map<number, AdherenceFigures>();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i] as number;
      const minutes = ((points[i + 1] as number) - a) / 60_000;
      const expected = expectedAt(own, a);
      const working = isWorkingState(stateAt(presence, a));
      const slot = Math.floor(a / step) * step;
      const figures = byInterval.get(slot) ?? empty();
      byInterval.set(slot, figures);
      for (const f of [total, figures]) {
        if (expected !== 'none') f.scheduled_minutes += minutes;
        if (expected === 'work') f.scheduled_work_minutes += minutes;
        if ((expected === 'work' && working) || (expected === 'lunch' && !working)) f.in_adherence_minutes += minutes;
        if (working) f.worked_minutes += minutes;
      }
    }
    return {
      user_id: userId,
      ...finish(total),
      intervals: [...byInterval.entries()]
        .filter(([, f]) => f.scheduled_minutes > 0 || f.worked_minutes > 0)
        .sort(([x], [y]) => x - y)
        .map(([start, f]) => ({ start: new Date(start), ...finish(f) })),
    };
  });
}

/**
 * Schedule optimiser: a two-week schedule for 200 agents against a two-channel requirement (voice by
 * Erlang C from the seeds' intraday curve, plus email workload), solved by HiGHS within 60 s (the
 * solver gets BENCH_SCHEDULE_SECONDS, default 50, and the rest of the minute goes to building the
 * model and naming agents). Reported: wall time, the solver's status, objective, bound and relative
 * gap, coverage, under- and over-staffed hours and unassigned shifts. No database.
 *
 * The agents: full-timers (5 × 8 h, one-hour lunch), a tenth part-timers (5-hour shifts, 25 h a
 * week), a tenth in New York on weekday windows of their own time zone, a third blended (voice and
 * email), a few with approved time off. The last line printed is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { ruleFor } from '../src/modules/wfm/requirements.ts';
import { channelRequirement } from '../src/modules/wfm/requirements.ts';
import { type RequirementSlot, solveSchedule } from '../src/modules/wfm/schedule-optimiser.ts';
import type { ScheduleAgent, ShiftTemplate } from '../src/modules/wfm/schedule-shifts.ts';
import { envNumber } from './support/cleanup.ts';
import { printTable } from './support/report.ts';

export const description = 'Two-week schedule for 200 agents solved by HiGHS within 60 s, with its gap to the bound';

const FROM = new Date('2026-12-07T00:00:00Z'); // a Monday
const DAYS = 14;
const AGENTS = 200;
const targetSeconds = 60;
const dayWeights = [0.35, 1.15, 1.05, 1.0, 1.0, 0.9, 0.45]; // Sunday first

/** Calls per half hour: the seeds' two-peak day (08:00–20:00), 3,600 calls on an average weekday. */
function calls(slot: number, weekday: number): number {
  const hour = slot / 2;
  if (hour < 7 || hour >= 21) return 0;
  const curve = 0.25 + Math.exp(-((hour - 10.5) ** 2) / 6) + 0.85 * Math.exp(-((hour - 14) ** 2) / 5);
  return 3600 * (dayWeights[weekday] ?? 1) * (curve / 22);
}

function requirement(): RequirementSlot[] {
  const voice = ruleFor('voice', { aht_seconds: 360 });
  const email = ruleFor('email');
  const slots: RequirementSlot[] = [];
  for (let d = 0; d < DAYS; d++) {
    const weekday = (1 + d) % 7;
    for (let s = 0; s < 48; s++) {
      const v = calls(s, weekday);
      const hour = s / 2;
      const e = hour >= 7 && hour < 21 ? 40 * (dayWeights[weekday] ?? 1) : 0;
      slots.push({
        start: new Date(FROM.getTime() + (d * 48 + s) * 1_800_000),
        channels: { voice: channelRequirement(voice, v, 30, 0.3).fte, email: channelRequirement(email, e, 30, 0.3).fte },
      });
    }
  }
  return slots;
}

function agents(): ScheduleAgent[] {
  return Array.from({ length: AGENTS }, (_, i) => {
    const partTime = i % 10 === 5;
    const newYork = i % 10 === 0;
    return {
      user_id: i + 1,
      time_zone: newYork ? 'America/New_York' : 'UTC',
      channels: i % 3 === 0 ? ['voice', 'email'] : ['voice'],
      templates: partTime ? ['Part time'] : ['Full day'],
      availability: newYork ? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '05:00', to: '17:00' })) : undefined,
      max_days_per_week: 5,
      min_hours_per_week: partTime ? 20 : 32,
      max_hours_per_week: partTime ? 25 : 40,
      cost_per_hour: partTime ? 22 : 25,
      time_off: i % 25 === 7 ? [{ from: new Date('2026-12-09T00:00:00Z'), to: new Date('2026-12-12T00:00:00Z') }] : [],
    };
  });
}

const templates: ShiftTemplate[] = [
  {
    name: 'Full day',
    length_minutes: 540,
    earliest_start: '06:00',
    latest_start: '13:00',
    start_step_minutes: 30,
    lunch: { minutes: 60, earliest_after_minutes: 210, latest_after_minutes: 270 },
  },
  { name: 'Part time', length_minutes: 300, earliest_start: '07:00', latest_start: '16:00', start_step_minutes: 30, lunch: null },
];

export async function run(): Promise<void> {
  const seconds = envNumber('BENCH_SCHEDULE_SECONDS', 50, { min: 1 });
  const began = performance.now();
  const solution = await solveSchedule({
    from: FROM,
    days: DAYS,
    time_zone: 'UTC',
    templates,
    agents: agents(),
    requirement: requirement(),
    understaffing_cost_per_hour: 250,
    short_hours_cost_per_hour: 5,
    min_rest_hours: 11,
    time_limit_seconds: seconds,
    mip_gap: 0.005,
    // Extra HiGHS options for experiments, e.g. BENCH_SCHEDULE_OPTIONS='{"mip_heuristic_effort":0.3}'.
    solver_options: JSON.parse(process.env.BENCH_SCHEDULE_OPTIONS ?? '{}') as Record<string, number | string | boolean>,
  });
  const wall = (performance.now() - began) / 1000;
  const s = solution.summary;
  const hours = (x: number) => `${x.toFixed(1)} h`;
  printTable(
    `schedule: ${AGENTS} agents, ${DAYS} days, ${solution.groups} agent groups, ${solution.variables} variables, ${solution.constraints} rows`,
    [
      {
        figure: 'wall time (model, solve, assignment)',
        value: `${wall.toFixed(1)} s`,
        target: `< ${targetSeconds} s`,
        pass: wall < targetSeconds,
      },
      { figure: 'solver status', value: solution.status },
      { figure: 'objective (cost + penalties)', value: solution.objective.toFixed(0) },
      { figure: "solver's bound", value: solution.bound.toFixed(0) },
      { figure: 'gap to the bound', value: `${(solution.gap * 100).toFixed(2)} %` },
      { figure: 'required heads × hours', value: hours(s.required_hours) },
      { figure: 'scheduled heads × hours', value: hours(s.scheduled_hours) },
      { figure: 'understaffed', value: hours(s.under_hours) },
      { figure: 'overstaffed', value: hours(s.over_hours) },
      { figure: 'coverage of the requirement', value: `${(s.coverage * 100).toFixed(2)} %` },
      { figure: 'shifts / unassigned', value: `${solution.shifts.length} / ${solution.unassigned.length}` },
      { figure: 'paid hours', value: hours(s.paid_hours) },
    ],
  );
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  console.log(
    JSON.stringify({
      bench: 'schedule',
      agents: AGENTS,
      days: DAYS,
      wall_seconds: round(wall, 2),
      solve_seconds: round(solution.solve_seconds, 2),
      status: solution.status,
      objective: round(solution.objective, 2),
      bound: round(solution.bound, 2),
      gap: round(solution.gap),
      coverage: round(s.coverage),
      under_hours: round(s.under_hours, 2),
      over_hours: round(s.over_hours, 2),
      shifts: solution.shifts.length,
      unassigned: solution.unassigned.length,
      target_seconds: targetSeconds,
      target_met: wall < targetSeconds,
    }),
  );
}

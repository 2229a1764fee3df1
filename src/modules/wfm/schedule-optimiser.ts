/**
 * The schedule optimiser: a mixed-integer programme solved by HiGHS (the `highs` package, HiGHS
 * compiled to WebAssembly), then shifts handed to named agents.
 *
 * Agents with identical availability, contract and skills form a group g (schedule-shifts.ts), so the
 * programme counts shifts rather than naming people — 200 agents in a handful of groups make a model
 * of thousands of variables instead of hundreds of thousands:
 *
 *   y[g,s] ∈ ℤ≥0   agents of group g working shift option s (template × start × lunch placement)
 *   z[g,t,c] ≥ 0   of those on duty in half hour t, how many work channel c (blended agents split)
 *   u[t,c] ≥ 0     heads short of the requirement r[t,c]
 *   m[g,w] ≥ 0     contracted hours group g falls short of in week w
 *
 *   minimise  Σ cost_g · paid_s · y[g,s]  +  P_under · ½ · Σ u  +  P_hours · Σ m
 *   s.t.      Σ_g z[g,t,c] + u[t,c] ≥ r[t,c]                     every half hour and channel
 *             Σ_c z[g,t,c] ≤ Σ_{s on duty at t} y[g,s]           (lunch is off duty)
 *             Σ_{s on day d} y[g,s] ≤ members of g free that day  (one shift a day each)
 *             Σ_{s in week w} y[g,s] ≤ Σ_members max days a week
 *             Σ_{s in week w} paid_s · y[g,s] ≤ Σ max hours,  + m[g,w] ≥ Σ min hours
 *
 * The requirement r is in heads on duty (FTE after shrinkage, requirements.ts). The relaxation's
 * bound and the gap come from HiGHS. Then each day's chosen shifts, earliest first, go to the free
 * member of the group with the fewest hours that week whose last shift ended longest ago, keeping
 * one shift a day, the weekly caps and `min_rest_hours` between shifts; a shift nobody can take is
 * reported as unassigned (and not counted as coverage).
 */
import highsModule from 'highs';
import { SLOT_MS } from './forecast-models.ts';
import {
  type AgentGroup,
  dayStartSlot,
  groupAgents,
  onTimeOff,
  type ScheduleAgent,
  type ShiftOption,
  shiftOptions,
  type ShiftTemplate,
} from './schedule-shifts.ts';

export interface RequirementSlot {
  start: Date;
  /** Heads needed on duty per channel ("*" when the requirement is not split by channel). */
  channels: Record<string, number>;
}

export interface ScheduleProblem {
  from: Date;
  days: number;
  time_zone: string;
  templates: ShiftTemplate[];
  agents: ScheduleAgent[];
  requirement: RequirementSlot[];
  /** Cost of one uncovered head for an hour, in the same unit as agents' cost per hour. */
  understaffing_cost_per_hour: number;
  /** Cost per contracted hour not given to agents. */
  short_hours_cost_per_hour: number;
  min_rest_hours: number;
  time_limit_seconds: number;
  mip_gap: number;
  /** Further HiGHS options (benches and experiments). */
  solver_options?: Record<string, number | string | boolean> | undefined;
}

export interface AssignedShift {
  user_id: number;
  template: string;
  start: Date;
  end: Date;
  lunch_start: Date | null;
  lunch_end: Date | null;
  paid_hours: number;
}

export interface CoverageSlot {
  start: Date;
  required: number;
  scheduled: number;
  under: number;
  over: number;
}

export interface ScheduleSolution {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'other';
  objective: number;
  bound: number;
  gap: number;
  solve_seconds: number;
  variables: number;
  constraints: number;
  groups: number;
  shifts: AssignedShift[];
  unassigned: { template: string; start: Date; end: Date }[];
  coverage: CoverageSlot[];
  summary: {
    required_hours: number;
    scheduled_hours: number;
    under_hours: number;
    over_hours: number;
    coverage: number;
    paid_hours: number;
    cost: number;
  };
  agents: { user_id: number; shifts: number; paid_hours: number }[];
}

// The package's types describe its CommonJS face (the loader under `default`); imported as ESM, the
// module's default export is the loader itself.
type Loader = typeof highsModule.default;
type Highs = Awaited<ReturnType<Loader>>;
const loadHighs = (typeof highsModule === 'function' ? highsModule : highsModule.default) as Loader;
let solver: Promise<Highs> | undefined;
const highs = (): Promise<Highs> => {
  solver ??= loadHighs();
  return solver;
};

interface Column {
  cost: number;
  upper: number;
  integer: boolean;
  rows: number[];
  values: number[];
}

/**
 * Builds and solves the programme week by week (weeks share no constraint; a shift running past the
 * week's end counts as coverage already given to the next week), then names the agents.
 */
export async function solveSchedule(problem: ScheduleProblem): Promise<ScheduleSolution> {
  const options = shiftOptions(problem.templates, problem.from, problem.days, problem.time_zone);
  const groups = groupAgents(problem.agents, options);
  const slots = [...problem.requirement].sort((a, b) => a.start.getTime() - b.start.getTime());
  const weeks = Math.ceil(problem.days / 7);
  const given = new Map<number, number>();
  const chosen: ChosenShift[] = [];
  const totals = { objective: 0, bound: 0, seconds: 0, variables: 0, constraints: 0 };
  let status: ScheduleSolution['status'] = 'optimal';
  for (let w = 0; w < weeks; w++) {
    const budget = (problem.time_limit_seconds - totals.seconds) / (weeks - w);
    const week = await solveWeek(problem, options, groups, slots, w, given, budget);
    totals.objective += week.objective;
    totals.bound += week.bound;
    totals.seconds += week.seconds;
    totals.variables += week.variables;
    totals.constraints += week.constraints;
    if (week.status !== 'optimal') status = status === 'infeasible' ? status : week.status;
    for (const shift of week.chosen) {
      chosen.push(shift);
      for (let slot = shift.option.startSlot; slot < shift.option.endSlot; slot++) {
        if (slot < shift.option.lunchStart || slot >= shift.option.lunchEnd) given.set(slot, (given.get(slot) ?? 0) + shift.count);
      }
    }
  }
  const { shifts, unassigned } = assignShifts(chosen, problem);
  return {
    status,
    objective: totals.objective,
    bound: totals.bound,
    gap: totals.objective > 0 ? Math.max(0, (totals.objective - totals.bound) / totals.objective) : 0,
    solve_seconds: totals.seconds,
    variables: totals.variables,
    constraints: totals.constraints,
    groups: groups.length,
    shifts,
    unassigned,
    ...coverageReport(slots, shifts, problem.agents),
  };
}

/** One week's programme: the shifts starting on days 7w … 7w + 6. */
async function solveWeek(
  problem: ScheduleProblem,
  options: ShiftOption[],
  groups: AgentGroup[],
  allSlots: RequirementSlot[],
  w: number,
  given: Map<number, number>,
  seconds: number,
) {
  const firstDay = 7 * w;
  const daysInWeek = Math.min(7, problem.days - firstDay);
  let slots = allSlots;
  const channels = [...new Set(slots.flatMap((s) => Object.keys(s.channels)))].sort();
  // The half hours this week answers for: from its first midnight to the next week's (the last week: to the end).
  const weekStart = w === 0 ? Number.NEGATIVE_INFINITY : dayStartSlot(problem.from, firstDay, problem.time_zone);
  const weekEnd = firstDay + 7 >= problem.days ? Number.POSITIVE_INFINITY : dayStartSlot(problem.from, firstDay + 7, problem.time_zone);
  const slotOf = (slot: RequirementSlot) => Math.floor(slot.start.getTime() / SLOT_MS);
  slots = slots.filter((slot) => slotOf(slot) >= weekStart && slotOf(slot) < weekEnd);
  const slotIndex = new Map(slots.map((s, i) => [slotOf(s), i]));

  const columns: Column[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (lower: number, upper: number): number => {
    rowLower.push(lower);
    rowUpper.push(upper);
    return rowLower.length - 1;
  };
  const addColumn = (column: Column): number => columns.push(column) - 1;

  // Coverage rows and their shortfall columns; heads already on duty from last week's shifts come off.
  const coverRow = new Map<string, number>();
  slots.forEach((slot, t) => {
    let carried = given.get(Math.floor(slot.start.getTime() / SLOT_MS)) ?? 0;
    for (const c of channels) {
      let need = slot.channels[c] ?? 0;
      const used = Math.min(need, carried);
      need -= used;
      carried -= used;
      if (need <= 1e-9) continue;
      const row = addRow(need, Number.POSITIVE_INFINITY);
      coverRow.set(`${t}|${c}`, row);
      addColumn({
        cost: problem.understaffing_cost_per_hour / 2,
        upper: Number.POSITIVE_INFINITY,
        integer: false,
        rows: [row],
        values: [1],
      });
    }
  });

  const shiftColumns: { group: AgentGroup; option: ShiftOption; column: number }[] = [];
  for (const group of groups) {
    const weekOptions = group.options
      .map((o) => options[o] as ShiftOption)
      .filter((o) => o.day >= firstDay && o.day < firstDay + daysInWeek);
    if (weekOptions.length === 0) continue;
    const reach = new Set<number>();
    for (const o of weekOptions) for (let slot = o.startSlot; slot < o.endSlot; slot++) reach.add(slot);
    // Allocation rows: channels worked ≤ on duty, per half hour the group's shifts reach.
    const allocRow = new Map<number, number>();
    slots.forEach((slot, t) => {
      if (!reach.has(Math.floor(slot.start.getTime() / SLOT_MS))) return;
      const served = channels.filter((c) => coverRow.has(`${t}|${c}`) && (c === '*' || !group.channels || group.channels.includes(c)));
      if (served.length === 0) return;
      const row = addRow(Number.NEGATIVE_INFINITY, 0);
      allocRow.set(t, row);
      for (const c of served) {
        addColumn({
          cost: 0,
          upper: Number.POSITIVE_INFINITY,
          integer: false,
          rows: [coverRow.get(`${t}|${c}`) as number, row],
          values: [1, 1],
        });
      }
    });
    const dayRows = Array.from({ length: daysInWeek }, (_, i) => {
      const today = weekOptions.filter((o) => o.day === firstDay + i);
      const free = group.agents.filter((a) => !today.some((o) => onTimeOff(a, o))).length;
      return addRow(Number.NEGATIVE_INFINITY, free);
    });
    const share = daysInWeek / 7;
    const weekDays = addRow(
      Number.NEGATIVE_INFINITY,
      group.agents.reduce((sum, a) => sum + Math.min(a.max_days_per_week, daysInWeek), 0),
    );
    const weekHours = addRow(
      group.agents.reduce((sum, a) => sum + a.min_hours_per_week * share, 0),
      group.agents.reduce((sum, a) => sum + a.max_hours_per_week, 0),
    );
    addColumn({ cost: problem.short_hours_cost_per_hour, upper: Number.POSITIVE_INFINITY, integer: false, rows: [weekHours], values: [1] });
    for (const option of weekOptions) {
      const rows = [dayRows[option.day - firstDay] as number, weekDays, weekHours];
      const values = [1, 1, option.paidHours];
      for (let slot = option.startSlot; slot < option.endSlot; slot++) {
        if (slot >= option.lunchStart && slot < option.lunchEnd) continue;
        const t = slotIndex.get(slot);
        const row = t === undefined ? undefined : allocRow.get(t);
        if (row === undefined) continue;
        rows.push(row);
        values.push(-1);
      }
      const column = addColumn({ cost: group.costPerHour * option.paidHours, upper: group.agents.length, integer: true, rows, values });
      shiftColumns.push({ group, option, column });
    }
  }

  const solved = await runMip(columns, rowLower, rowUpper, problem, seconds);
  const chosen = shiftColumns.flatMap(({ group, option, column }) => {
    const count = Math.round(solved.values[column] ?? 0);
    return count > 0 ? [{ group, option, count }] : [];
  });
  return { ...solved, chosen, variables: columns.length, constraints: rowLower.length };
}

async function runMip(columns: Column[], rowLower: number[], rowUpper: number[], problem: ScheduleProblem, seconds: number) {
  if (columns.length === 0) return { status: 'optimal' as const, seconds: 0, objective: 0, bound: 0, gap: 0, values: [] as number[] };
  const h = await highs();
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of columns) {
    // Rows are added in increasing order per column except coverage/alloc pairs; HiGHS takes any order.
    indices.push(...column.rows);
    values.push(...column.values);
    starts.push(indices.length);
  }
  const infinity = h.infinity;
  const clamp = (x: number) => (x === Number.POSITIVE_INFINITY ? infinity : x === Number.NEGATIVE_INFINITY ? -infinity : x);
  const model = h.createModel({
    numCols: columns.length,
    numRows: rowLower.length,
    colCost: columns.map((c) => c.cost),
    colLower: columns.map(() => 0),
    colUpper: columns.map((c) => clamp(c.upper)),
    rowLower: rowLower.map(clamp),
    rowUpper: rowUpper.map(clamp),
    matrix: { format: 'csc', numRows: rowLower.length, numCols: columns.length, starts, indices, values },
    integrality: columns.map((c) => (c.integer ? 1 : 0)),
  });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(1, seconds), mip_rel_gap: problem.mip_gap, ...problem.solver_options });
    const began = performance.now();
    model.run();
    const elapsed = (performance.now() - began) / 1000;
    const code = model.getModelStatus();
    const statuses = h.constants.modelStatus;
    const status: ScheduleSolution['status'] =
      code === statuses.optimal
        ? 'optimal'
        : code === statuses.timeLimit
          ? 'time_limit'
          : code === statuses.infeasible
            ? 'infeasible'
            : 'other';
    const solution = model.getSolution();
    const bound = Number(model.info.get('mip_dual_bound'));
    const objective = model.getObjectiveValue();
    const gap = Number(model.info.get('mip_gap'));
    return { status, seconds: elapsed, objective, bound, gap: Number.isFinite(gap) ? gap : 0, values: Array.from(solution.colValue) };
  } finally {
    model.dispose();
  }
}

interface ChosenShift {
  group: AgentGroup;
  option: ShiftOption;
  count: number;
}

/** Hands the chosen shifts to named agents (see the file's comment for the rule). */
function assignShifts(chosen: ChosenShift[], problem: ScheduleProblem) {
  const state = new Map<number, { lastEnd: number; days: Set<number>; hoursByWeek: number[]; daysByWeek: number[] }>();
  for (const a of problem.agents)
    state.set(a.user_id, { lastEnd: Number.NEGATIVE_INFINITY, days: new Set(), hoursByWeek: [], daysByWeek: [] });
  const restSlots = (problem.min_rest_hours * 3_600_000) / SLOT_MS;
  const shifts: AssignedShift[] = [];
  const unassigned: ScheduleSolution['unassigned'] = [];
  const ordered = [...chosen].sort((a, b) => a.option.startSlot - b.option.startSlot || a.option.lunchStart - b.option.lunchStart);
  for (const { group, option, count } of ordered) {
    const w = Math.floor(option.day / 7);
    for (let k = 0; k < count; k++) {
      let best: ScheduleAgent | undefined;
      let bestKey: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      for (const agent of group.agents) {
        const s = state.get(agent.user_id);
        if (!s || s.days.has(option.day) || option.startSlot - s.lastEnd < restSlots || onTimeOff(agent, option)) continue;
        const hours = s.hoursByWeek[w] ?? 0;
        if ((s.daysByWeek[w] ?? 0) >= agent.max_days_per_week || hours + option.paidHours > agent.max_hours_per_week + 1e-9) continue;
        const key: [number, number] = [hours, s.lastEnd];
        if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
          best = agent;
          bestKey = key;
        }
      }
      const at = (slot: number) => new Date(slot * SLOT_MS);
      if (!best) {
        unassigned.push({ template: option.template, start: at(option.startSlot), end: at(option.endSlot) });
        continue;
      }
      const s = state.get(best.user_id) as NonNullable<ReturnType<typeof state.get>>;
      s.days.add(option.day);
      s.lastEnd = option.endSlot;
      s.hoursByWeek[w] = (s.hoursByWeek[w] ?? 0) + option.paidHours;
      s.daysByWeek[w] = (s.daysByWeek[w] ?? 0) + 1;
      const lunch = option.lunchEnd > option.lunchStart;
      shifts.push({
        user_id: best.user_id,
        template: option.template,
        start: at(option.startSlot),
        end: at(option.endSlot),
        lunch_start: lunch ? at(option.lunchStart) : null,
        lunch_end: lunch ? at(option.lunchEnd) : null,
        paid_hours: option.paidHours,
      });
    }
  }
  return { shifts, unassigned };
}

/** Heads on duty (lunch excluded) against the requirement, per half hour, and the totals. */
export function coverageReport(requirement: RequirementSlot[], shifts: AssignedShift[], agents: ScheduleAgent[]) {
  const onDuty = new Map<number, number>();
  for (const shift of shifts) {
    const lunchStart = shift.lunch_start ? shift.lunch_start.getTime() / SLOT_MS : -1;
    const lunchEnd = shift.lunch_end ? shift.lunch_end.getTime() / SLOT_MS : -1;
    for (let slot = shift.start.getTime() / SLOT_MS; slot < shift.end.getTime() / SLOT_MS; slot++) {
      if (slot >= lunchStart && slot < lunchEnd) continue;
      onDuty.set(slot, (onDuty.get(slot) ?? 0) + 1);
    }
  }
  const coverage: CoverageSlot[] = requirement.map((slot) => {
    const required = Object.values(slot.channels).reduce((a, b) => a + b, 0);
    const scheduled = onDuty.get(Math.floor(slot.start.getTime() / SLOT_MS)) ?? 0;
    return { start: slot.start, required, scheduled, under: Math.max(0, required - scheduled), over: Math.max(0, scheduled - required) };
  });
  const sum = (f: (c: CoverageSlot) => number) => coverage.reduce((a, c) => a + f(c), 0) / 2;
  const required = sum((c) => c.required);
  const under = sum((c) => c.under);
  const costOf = new Map(agents.map((a) => [a.user_id, a.cost_per_hour]));
  const perAgent = new Map<number, { user_id: number; shifts: number; paid_hours: number }>();
  for (const a of agents) perAgent.set(a.user_id, { user_id: a.user_id, shifts: 0, paid_hours: 0 });
  for (const shift of shifts) {
    const entry = perAgent.get(shift.user_id);
    if (entry) {
      entry.shifts++;
      entry.paid_hours += shift.paid_hours;
    }
  }
  return {
    coverage,
    summary: {
      required_hours: required,
      scheduled_hours: sum((c) => c.scheduled),
      under_hours: under,
      over_hours: sum((c) => c.over),
      coverage: required > 0 ? 1 - under / required : 1,
      paid_hours: shifts.reduce((a, s) => a + s.paid_hours, 0),
      cost: shifts.reduce((a, s) => a + s.paid_hours * (costOf.get(s.user_id) ?? 0), 0),
    },
    agents: [...perAgent.values()],
  };
}

/**
 * The shifts a schedule may use: every start time of every template on every day, with every lunch
 * placement, and which agents (grouped by identical availability, contract and skills) may work it.
 * Pure; the optimiser (schedule-optimiser.ts) chooses among them.
 *
 * Times: templates' start windows are local times in the schedule's time zone; agents' availability
 * is in each agent's own time zone, so one schedule can staff follow-the-sun or 24/7 coverage with
 * teams in several zones. Everything is turned into absolute half-hour slots (UTC) here.
 */
import { TZDate } from '@date-fns/tz';
import { SLOT_MS } from './forecast-models.ts';

export interface ShiftTemplate {
  name: string;
  /** From the start to the end of the shift, lunch included. */
  length_minutes: number;
  /** Earliest and latest start, local time in the schedule's zone ("06:00"; "22:00" runs past midnight). */
  earliest_start: string;
  latest_start: string;
  start_step_minutes: number;
  /** Unpaid lunch, placed between `earliest_after_minutes` and `latest_after_minutes` after the start. */
  lunch: { minutes: number; earliest_after_minutes: number; latest_after_minutes: number } | null;
  /** Weekdays (0 = Sunday) the template may be used; all when absent. */
  weekdays?: number[] | undefined;
}

export interface AvailabilityWindow {
  /** 0 = Sunday, in the agent's time zone. */
  weekday: number;
  from: string;
  /** "24:00" for the end of the day. */
  to: string;
}

export interface ScheduleAgent {
  user_id: number;
  name?: string | undefined;
  time_zone: string;
  /** Channels the agent may work; absent: all. */
  channels?: string[] | undefined;
  /** Templates the agent may work (by name); absent: all. */
  templates?: string[] | undefined;
  /** Absent: always available. */
  availability?: AvailabilityWindow[] | undefined;
  max_days_per_week: number;
  min_hours_per_week: number;
  max_hours_per_week: number;
  cost_per_hour: number;
  /** Approved time off: no shift may overlap these. */
  time_off: { from: Date; to: Date }[];
}

export interface ShiftOption {
  index: number;
  template: string;
  /** Day of the horizon (0-based) the shift starts on, in the schedule's zone. */
  day: number;
  /** Absolute half-hour slots [startSlot, endSlot), lunch [lunchStart, lunchEnd) (equal when none). */
  startSlot: number;
  endSlot: number;
  lunchStart: number;
  lunchEnd: number;
  paidHours: number;
}

export interface AgentGroup {
  key: string;
  agents: ScheduleAgent[];
  channels: string[] | null;
  costPerHour: number;
  /** Shift options (indexes into `options`) this group may work. */
  options: number[];
}

const SLOT_MINUTES = SLOT_MS / 60_000;

export function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new RangeError(`"${hhmm}" is not a time of day (HH:MM)`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) >= 60 || minutes > 24 * 60) throw new RangeError(`"${hhmm}" is not a time of day (HH:MM)`);
  return minutes;
}

/** Absolute slot of a local time on a local date (`dayStart` is that date's midnight in `zone`). */
function localSlot(date: { y: number; m: number; d: number }, minutes: number, zone: string): number {
  const t = new TZDate(date.y, date.m, date.d, 0, 0, zone).getTime() + minutes * 60_000;
  return Math.floor(t / SLOT_MS);
}

/** Absolute slot of local midnight `day` days after `from`'s date in `zone`. */
export function dayStartSlot(from: Date, day: number, zone: string): number {
  const first = new TZDate(from.getTime(), zone);
  const local = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + day, 0, 0, zone);
  return Math.floor(local.getTime() / SLOT_MS);
}

/** Every shift option over `days` days from `from` (a date, read in the schedule's zone). */
export function shiftOptions(templates: ShiftTemplate[], from: Date, days: number, zone: string): ShiftOption[] {
  const first = new TZDate(from.getTime(), zone);
  const options: ShiftOption[] = [];
  for (let day = 0; day < days; day++) {
    const local = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + day, 0, 0, zone);
    const date = { y: local.getFullYear(), m: local.getMonth(), d: local.getDate() };
    for (const template of templates) {
      if (template.weekdays && !template.weekdays.includes(local.getDay())) continue;
      const lengthSlots = Math.round(template.length_minutes / SLOT_MINUTES);
      const step = Math.max(1, Math.round(template.start_step_minutes / SLOT_MINUTES));
      const lunchSlots = template.lunch ? Math.round(template.lunch.minutes / SLOT_MINUTES) : 0;
      for (let m = minutesOf(template.earliest_start); m <= minutesOf(template.latest_start); m += step * SLOT_MINUTES) {
        const startSlot = localSlot(date, m, zone);
        const placements = template.lunch
          ? range(
              Math.round(template.lunch.earliest_after_minutes / SLOT_MINUTES),
              Math.round(template.lunch.latest_after_minutes / SLOT_MINUTES),
            )
          : [0];
        for (const offset of placements) {
          options.push({
            index: options.length,
            template: template.name,
            day,
            startSlot,
            endSlot: startSlot + lengthSlots,
            lunchStart: startSlot + offset,
            lunchEnd: startSlot + offset + lunchSlots,
            paidHours: ((lengthSlots - lunchSlots) * SLOT_MINUTES) / 60,
          });
        }
      }
    }
  }
  return options;
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Whether the whole shift [start, end) lies inside the agent's availability. */
function fitsAvailability(agent: ScheduleAgent, option: ShiftOption): boolean {
  if (!agent.availability) return true;
  // Walk the shift slot by slot in the agent's zone; each slot must be inside some window.
  for (let slot = option.startSlot; slot < option.endSlot; slot++) {
    const local = new TZDate(slot * SLOT_MS, agent.time_zone);
    const minute = local.getHours() * 60 + local.getMinutes();
    const ok = agent.availability.some(
      (w) => w.weekday === local.getDay() && minutesOf(w.from) <= minute && minute + SLOT_MINUTES <= minutesOf(w.to),
    );
    if (!ok) return false;
  }
  return true;
}

/** Agents with the same availability, zone, contract, skills and templates form one group. */
export function groupAgents(agents: ScheduleAgent[], options: ShiftOption[]): AgentGroup[] {
  const groups = new Map<string, AgentGroup>();
  for (const agent of agents) {
    // The time zone matters only through availability windows.
    const key = JSON.stringify([
      agent.availability ? agent.time_zone : null,
      agent.availability ?? null,
      agent.channels ? [...agent.channels].sort() : null,
      agent.templates ? [...agent.templates].sort() : null,
      agent.max_days_per_week,
      agent.min_hours_per_week,
      agent.max_hours_per_week,
      agent.cost_per_hour,
    ]);
    const group = groups.get(key);
    if (group) {
      group.agents.push(agent);
      continue;
    }
    const allowed = options
      .filter((o) => (!agent.templates || agent.templates.includes(o.template)) && fitsAvailability(agent, o))
      .map((o) => o.index);
    groups.set(key, { key, agents: [agent], channels: agent.channels ?? null, costPerHour: agent.cost_per_hour, options: allowed });
  }
  return [...groups.values()];
}

/** Whether an agent's time off overlaps the shift. */
export function onTimeOff(agent: ScheduleAgent, option: ShiftOption): boolean {
  const start = option.startSlot * SLOT_MS;
  const end = option.endSlot * SLOT_MS;
  return agent.time_off.some((off) => off.from.getTime() < end && off.to.getTime() > start);
}

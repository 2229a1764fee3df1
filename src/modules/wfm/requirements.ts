/**
 * Staffing requirements per half hour and channel from a forecast: Erlang C (or A, with patience)
 * for live channels, chat with concurrency, and a workload figure for deferred work. Pure.
 *
 * - Live queues (voice): `staffingFor` per interval — the smallest agent count meeting the X/Y target.
 * - Chat with concurrency c: each agent holds c conversations at once, so the queue has agents × c
 *   "slots" and a conversation occupies a slot for its whole duration (`aht_seconds` is the
 *   conversation's length while shared with others). Erlang C/A sizes the slots for the target and
 *   agents = ⌈slots / c⌉. With c = 1 this is plain Erlang C.
 * - Deferred work (email, web, messaging): nobody waits on the line, so the interval needs its
 *   workload at the occupancy cap: agents = volume × AHT / (interval × max_occupancy), unrounded —
 *   backlog carries from one half hour to the next, and rounding each up would overstaff.
 *
 * FTE = agents / (1 − shrinkage); the interval's `scheduled_agents` is Σ FTE over its channels,
 * rounded up: the heads the schedule must put on duty.
 */
import { staffingFor } from './staffing.ts';

export type RequirementModel = 'erlang_c' | 'erlang_a' | 'workload';

export interface ChannelStaffingRule {
  channel: string;
  model: RequirementModel;
  aht_seconds: number;
  target_service_level: number;
  target_seconds: number;
  patience_seconds?: number | undefined;
  /** Conversations an agent handles at once (chat); 1 for a phone queue. */
  concurrency: number;
  /** Cap on occupancy: an Erlang target, and the workload model's planned occupancy. */
  max_occupancy?: number | undefined;
}

/** The product's defaults per channel; a request overrides any field of any channel. */
export const defaultStaffingRules: Record<string, Omit<ChannelStaffingRule, 'channel'>> = {
  voice: { model: 'erlang_c', aht_seconds: 360, target_service_level: 0.8, target_seconds: 20, concurrency: 1 },
  chat: { model: 'erlang_c', aht_seconds: 600, target_service_level: 0.8, target_seconds: 60, concurrency: 2 },
  messaging: { model: 'workload', aht_seconds: 300, target_service_level: 0.8, target_seconds: 3600, concurrency: 1, max_occupancy: 0.85 },
  email: { model: 'workload', aht_seconds: 480, target_service_level: 0.8, target_seconds: 86_400, concurrency: 1, max_occupancy: 0.85 },
  web: { model: 'workload', aht_seconds: 480, target_service_level: 0.8, target_seconds: 86_400, concurrency: 1, max_occupancy: 0.85 },
};
const fallbackRule: Omit<ChannelStaffingRule, 'channel'> = {
  model: 'workload',
  aht_seconds: 480,
  target_service_level: 0.8,
  target_seconds: 86_400,
  concurrency: 1,
  max_occupancy: 0.85,
};

export function ruleFor(channel: string, override: Partial<Omit<ChannelStaffingRule, 'channel'>> = {}): ChannelStaffingRule {
  const rule = { channel, ...(defaultStaffingRules[channel] ?? fallbackRule), ...override };
  if (rule.model === 'erlang_a' && rule.patience_seconds === undefined) rule.patience_seconds = 120;
  if (rule.model !== 'erlang_a') rule.patience_seconds = undefined;
  return rule;
}

export interface ChannelRequirement {
  volume: number;
  agents: number;
  service_level: number | null;
  asa_seconds: number | null;
  occupancy: number;
  abandonment: number | null;
  fte: number;
}

export interface IntervalRequirement {
  start: Date;
  channels: Record<string, ChannelRequirement>;
  agents: number;
  fte: number;
  scheduled_agents: number;
}

export interface RequirementInput {
  channel: string;
  intervals: { start: Date; volume: number }[];
}

const roundUp = (x: number): number => Math.ceil(x * (1 - 1e-12));

/** Agents one channel needs in one interval, with the figures at that count. */
export function channelRequirement(
  rule: ChannelStaffingRule,
  volume: number,
  intervalMinutes: number,
  shrinkage: number,
): ChannelRequirement {
  if (rule.model === 'workload') {
    const occupancy = rule.max_occupancy ?? 0.85;
    const agents = (volume * rule.aht_seconds) / (intervalMinutes * 60 * occupancy * rule.concurrency);
    return {
      volume,
      agents,
      service_level: null,
      asa_seconds: null,
      occupancy: volume > 0 ? occupancy : 0,
      abandonment: null,
      fte: agents / (1 - shrinkage),
    };
  }
  const slots = staffingFor({
    volume,
    interval_minutes: intervalMinutes,
    aht_seconds: rule.aht_seconds,
    target_service_level: rule.target_service_level,
    target_seconds: rule.target_seconds,
    shrinkage,
    ...(rule.patience_seconds !== undefined ? { patience_seconds: rule.patience_seconds } : {}),
    ...(rule.max_occupancy !== undefined ? { max_occupancy: rule.max_occupancy } : {}),
  });
  const agents = Math.ceil(slots.agents / rule.concurrency);
  return {
    volume,
    agents,
    service_level: slots.service_level,
    asa_seconds: slots.asa_seconds,
    // Agents' occupancy counts busy slots over the agents' slots.
    occupancy: agents > 0 ? (slots.occupancy * slots.agents) / (agents * rule.concurrency) : 0,
    abandonment: slots.abandonment,
    fte: agents / (1 - shrinkage),
  };
}

/** Requirements for every interval of the forecast (channels aligned on the same starts). */
export function requirementsFor(
  forecasts: RequirementInput[],
  rules: ChannelStaffingRule[],
  options: { shrinkage: number; intervalMinutes?: number },
): IntervalRequirement[] {
  const intervalMinutes = options.intervalMinutes ?? 30;
  const byStart = new Map<number, IntervalRequirement>();
  const ruleOf = new Map(rules.map((r) => [r.channel, r]));
  for (const forecast of forecasts) {
    const rule = ruleOf.get(forecast.channel) ?? ruleFor(forecast.channel);
    for (const { start, volume } of forecast.intervals) {
      let interval = byStart.get(start.getTime());
      if (!interval) {
        interval = { start, channels: {}, agents: 0, fte: 0, scheduled_agents: 0 };
        byStart.set(start.getTime(), interval);
      }
      const need = channelRequirement(rule, volume, intervalMinutes, options.shrinkage);
      interval.channels[forecast.channel] = need;
      interval.agents += need.agents;
      interval.fte += need.fte;
    }
  }
  const intervals = [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const interval of intervals) interval.scheduled_agents = roundUp(interval.fte);
  return intervals;
}

import type { TicketPriority } from '../../db/schema.ts';
import { MaxHeap } from './max-heap.ts';
import { type ChannelClass, type RoutableAgent, Router, type TieBreak, type WorkItem } from './routing-engine.ts';
import { defaultRoutingSettings } from './routing-settings.ts';

/**
 * Replays a day of arrivals against a roster with the real routing engine: every arrival is routed
 * at once or waits, every finished item frees capacity for the next, and some items escalate to the
 * next tier when the first line cannot solve them. Answers waits, occupancy per agent and tier shares.
 */
export interface SimulationInput {
  /** the roster: `count` agents of each kind */
  roster: { count: number; tier: 1 | 2 | 3; skills?: Record<string, number>; capacity?: Partial<Record<ChannelClass, number>> }[];
  /** arrivals per hour, hour by hour from the start of the day */
  arrivals_per_hour: number[];
  channel_mix?: Partial<Record<ChannelClass, number>>;
  /** average handling time per channel, seconds (exponentially distributed) */
  aht_seconds?: Partial<Record<ChannelClass, number>>;
  /** share of Tier 1 items escalated to Tier 2, and of Tier 2 items escalated to Tier 3 */
  escalation?: { tier2: number; tier3: number };
  /** skills an arrival may need, each with its probability */
  skill_mix?: Record<string, number>;
  tie_break?: TieBreak;
  seed?: number;
}

export interface SimulationResult {
  arrivals: number;
  handled: number;
  still_waiting: number;
  wait_seconds: { mean: number; p50: number; p90: number; max: number };
  answered_within_60s: number;
  occupancy: { mean: number; min: number; max: number; spread: number; stdev: number };
  tier_shares: { tier: number; solved: number; share: number }[];
  agents: number;
}

/** A small, seeded generator (mulberry32): the same seed replays the same day. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

function pick<K extends string>(random: () => number, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r <= 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}

interface SimEvent {
  at: number;
  seq: number;
  kind: 'arrive' | 'finish';
  item: WorkItem;
  agentId?: number;
}

export function simulateDay(input: SimulationInput): SimulationResult {
  const random = seededRandom(input.seed ?? 42);
  const channelMix = input.channel_mix ?? { email: 0.6, chat: 0.3, voice: 0.1 };
  const aht = { voice: 360, chat: 600, email: 900, ...input.aht_seconds };
  const escalation = input.escalation ?? { tier2: 0.25, tier3: 0.15 };
  const router = new Router({ weights: defaultRoutingSettings.weights, tieBreak: input.tie_break ?? 'least_loaded' });
  const dayMs = input.arrivals_per_hour.length * 3_600_000;
  const agents: RoutableAgent[] = [];
  for (const kind of input.roster) {
    for (let i = 0; i < kind.count; i++) {
      const agent: RoutableAgent = {
        id: agents.length + 1,
        tier: kind.tier,
        groupIds: [],
        skills: new Map(Object.entries(kind.skills ?? {})),
        available: true,
        capacity: { ...defaultRoutingSettings.default_capacity, ...kind.capacity },
        load: { voice: 0, chat: 0, email: 0 },
        lastAssignedAt: 0,
      };
      agents.push(agent);
      router.addAgent(agent);
    }
  }
  const events = new MaxHeap<SimEvent>((a, b) => (a.at !== b.at ? a.at < b.at : a.seq < b.seq));
  let seq = 0;
  let nextId = 1;
  const priorities: Partial<Record<TicketPriority, number>> = { p1: 0.05, p2: 0.2, p3: 0.55, p4: 0.2 };
  for (let hour = 0; hour < input.arrivals_per_hour.length; hour++) {
    const rate = input.arrivals_per_hour[hour] ?? 0;
    if (rate <= 0) continue;
    for (
      let t = hour * 3_600_000 + exponential(random, 3_600_000 / rate);
      t < (hour + 1) * 3_600_000;
      t += exponential(random, 3_600_000 / rate)
    ) {
      const skills = Object.entries(input.skill_mix ?? {})
        .filter(([, p]) => random() < p)
        .map(([name]) => ({ name, min: 1 }));
      const item: WorkItem = {
        id: nextId++,
        channel: pick(random, channelMix),
        groupId: null,
        tier: 1,
        skills,
        priority: pick(random, priorities),
        value: 0,
        topTier: false,
        ownerId: null,
        waitingSince: t,
        dueAt: t + 8 * 3_600_000,
      };
      events.push({ at: t, seq: seq++, kind: 'arrive', item });
    }
  }

  const arrivedAt = new Map<number, number>();
  const waiting = new Map<number, WorkItem>();
  const waits: number[] = [];
  const busySince = new Map<number, number>();
  const busyMs = new Map<number, number>(agents.map((a) => [a.id, 0]));
  const active = new Map<number, number>(agents.map((a) => [a.id, 0]));
  const solvedAt = [0, 0, 0];
  let arrivals = 0;
  const start = (itemId: number, agentId: number, now: number) => {
    const item = waiting.get(itemId) as WorkItem;
    waiting.delete(itemId);
    waits.push(now - (arrivedAt.get(itemId) as number));
    const count = (active.get(agentId) ?? 0) + 1;
    active.set(agentId, count);
    if (count === 1) busySince.set(agentId, now);
    events.push({ at: now + exponential(random, aht[item.channel] * 1000), seq: seq++, kind: 'finish', item, agentId });
  };
  for (let event = events.pop(); event; event = events.pop()) {
    const now = event.at;
    if (event.kind === 'arrive') {
      if (event.item.tier === 1) arrivals += 1;
      arrivedAt.set(event.item.id, now);
      waiting.set(event.item.id, event.item);
      const assignment = router.offer(event.item, now);
      if (assignment) start(assignment.itemId, assignment.agentId, now);
      continue;
    }
    const agentId = event.agentId as number;
    router.release(agentId, event.item.channel);
    const count = (active.get(agentId) ?? 1) - 1;
    active.set(agentId, count);
    if (count === 0)
      busyMs.set(agentId, (busyMs.get(agentId) ?? 0) + Math.min(now, dayMs) - Math.min(busySince.get(agentId) ?? now, dayMs));
    const up = event.item.tier === 1 ? escalation.tier2 : event.item.tier === 2 ? escalation.tier3 : 0;
    if (random() < up) {
      const next: WorkItem = { ...event.item, id: nextId++, tier: event.item.tier + 1, waitingSince: now };
      events.push({ at: now, seq: seq++, kind: 'arrive', item: next });
    } else {
      solvedAt[event.item.tier - 1] = (solvedAt[event.item.tier - 1] ?? 0) + 1;
    }
    for (const made of router.fill(agentId, now)) start(made.itemId, made.agentId, now);
  }
  for (const [agentId, count] of active)
    if (count > 0) busyMs.set(agentId, (busyMs.get(agentId) ?? 0) + dayMs - Math.min(busySince.get(agentId) ?? dayMs, dayMs));

  waits.sort((a, b) => a - b);
  const quantile = (q: number) =>
    waits.length ? (waits[Math.min(waits.length - 1, Math.ceil(q * waits.length) - 1)] as number) / 1000 : 0;
  const occupancies = agents.map((a) => (busyMs.get(a.id) ?? 0) / dayMs);
  const mean = occupancies.reduce((s, o) => s + o, 0) / Math.max(1, occupancies.length);
  const stdev = Math.sqrt(occupancies.reduce((s, o) => s + (o - mean) ** 2, 0) / Math.max(1, occupancies.length));
  const solved = solvedAt.reduce((s, n) => s + n, 0);
  const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    arrivals,
    handled: waits.length,
    still_waiting: router.waiting,
    wait_seconds: {
      mean: round(waits.reduce((s, w) => s + w, 0) / Math.max(1, waits.length) / 1000, 1),
      p50: round(quantile(0.5), 1),
      p90: round(quantile(0.9), 1),
      max: round(quantile(1), 1),
    },
    answered_within_60s: round(waits.filter((w) => w <= 60_000).length / Math.max(1, waits.length)),
    occupancy: {
      mean: round(mean),
      min: round(Math.min(...occupancies)),
      max: round(Math.max(...occupancies)),
      spread: round(Math.max(...occupancies) - Math.min(...occupancies)),
      stdev: round(stdev),
    },
    tier_shares: solvedAt.map((n, i) => ({ tier: i + 1, solved: n, share: round(solved ? n / solved : 0) })),
    agents: agents.length,
  };
}

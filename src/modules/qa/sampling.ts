/**
 * Which conversations to review in a week: pure and deterministic (the same seed, week and
 * conversations pick the same tickets and reviewers), so a sample can be re-run and explained.
 *
 * Rules, in this order (a conversation is picked once, for the first rule that takes it):
 * 1. `low_csat`: every conversation with a CSAT at or below `max_score` (default 2);
 * 2. `escalated`: every conversation escalated to a higher tier;
 * 3. `random_per_agent`: `per_agent` (default 3) random conversations per agent among the rest;
 * 4. `new_hires`: agents who joined less than `tenure_days` (default 90) before the week get
 *    `per_agent` (default 3) more random ones.
 * Reviewers are assigned by load (fewest so far, then the rotation order), never to their own conversations.
 */

export interface Conversation {
  ticketId: number;
  agentId: number;
  csat: number | null;
  escalated: boolean;
}

export interface SamplingRule {
  id: number;
  kind: 'random_per_agent' | 'low_csat' | 'escalated' | 'new_hires';
  params: { per_agent?: number; max_score?: number; tenure_days?: number };
}

export interface Pick {
  ticketId: number;
  agentId: number;
  ruleId: number;
  reason: string;
  reviewerId: number | null;
}

/** mulberry32: a small, well-distributed 32-bit PRNG; enough for sampling, and reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit mix of the parts (FNV-1a over their decimal text), so each agent's draw has its own stream. */
export function mixSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` items drawn without replacement (a partial Fisher–Yates shuffle of a copy sorted by ticket id). */
function draw(items: Conversation[], n: number, random: () => number): Conversation[] {
  const pool = [...items].sort((a, b) => a.ticketId - b.ticketId);
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as Conversation, pool[i] as Conversation];
  }
  return pool.slice(0, count);
}

export function sampleWeek(input: {
  week: string;
  seed: number;
  conversations: Conversation[];
  rules: SamplingRule[];
  /** Agents' join dates (ISO), for the new-hire rule. */
  joined: Map<number, Date>;
  reviewers: number[];
}): Pick[] {
  const picks: Pick[] = [];
  const taken = new Set<number>();
  const take = (c: Conversation, rule: SamplingRule, reason: string) => {
    if (taken.has(c.ticketId)) return;
    taken.add(c.ticketId);
    picks.push({ ticketId: c.ticketId, agentId: c.agentId, ruleId: rule.id, reason, reviewerId: null });
  };
  const byId = [...input.conversations].sort((a, b) => a.ticketId - b.ticketId);
  const ofKind = (kind: SamplingRule['kind']) => input.rules.filter((r) => r.kind === kind);

  for (const rule of ofKind('low_csat')) {
    const max = rule.params.max_score ?? 2;
    for (const c of byId) if (c.csat !== null && c.csat <= max) take(c, rule, `CSAT ${c.csat}`);
  }
  for (const rule of ofKind('escalated')) for (const c of byId) if (c.escalated) take(c, rule, 'escalated');

  const agents = [...new Set(byId.map((c) => c.agentId))].sort((a, b) => a - b);
  const weekStart = new Date(`${input.week}T00:00:00Z`).getTime();
  for (const rule of [...ofKind('random_per_agent'), ...ofKind('new_hires')]) {
    for (const agentId of agents) {
      if (rule.kind === 'new_hires') {
        const joined = input.joined.get(agentId);
        const tenureDays = rule.params.tenure_days ?? 90;
        if (!joined || weekStart - joined.getTime() >= tenureDays * 86_400_000) continue;
      }
      const rest = byId.filter((c) => c.agentId === agentId && !taken.has(c.ticketId));
      const random = prng(mixSeed(input.seed, input.week, rule.id, agentId));
      const reason = rule.kind === 'new_hires' ? 'new hire' : 'random';
      for (const c of draw(rest, rule.params.per_agent ?? 3, random)) take(c, rule, reason);
    }
  }

  const load = new Map(input.reviewers.map((r) => [r, 0]));
  const order = [...input.reviewers].sort((a, b) => a - b);
  let turn = 0;
  for (const pick of [...picks].sort((a, b) => a.agentId - b.agentId || a.ticketId - b.ticketId)) {
    const candidates = order.filter((r) => r !== pick.agentId);
    if (!candidates.length) continue;
    const least = Math.min(...candidates.map((r) => load.get(r) ?? 0));
    const tied = candidates.filter((r) => (load.get(r) ?? 0) === least);
    const reviewer = tied[turn % tied.length] as number;
    turn++;
    pick.reviewerId = reviewer;
    load.set(reviewer, least + 1);
  }
  return picks;
}

/** The Monday (UTC) of the week a date falls in, as YYYY-MM-DD. */
export function weekOf(date: string | Date): string {
  const d =
    typeof date === 'string'
      ? new Date(`${date}T00:00:00Z`)
      : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

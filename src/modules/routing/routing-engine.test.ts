import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketPriority } from '../../db/schema.ts';
import {
  type ChannelClass,
  channelClasses,
  channelClassOf,
  type EngineConfig,
  hasFreeCapacity,
  isEligible,
  type RoutableAgent,
  Router,
  scoreAt,
  type WorkItem,
} from './routing-engine.ts';

const config: EngineConfig = { weights: { priority: 60, sla: 1, value: 30, wait: 1 }, tieBreak: 'least_loaded' };
const T0 = Date.parse('2026-03-02T09:00:00Z');

function agent(id: number, fields: Partial<RoutableAgent> = {}): RoutableAgent {
  return {
    id,
    tier: 1,
    groupIds: [],
    skills: new Map(),
    available: true,
    capacity: { voice: 1, chat: 3, email: 10 },
    load: { voice: 0, chat: 0, email: 0 },
    lastAssignedAt: 0,
    ...fields,
  };
}

function item(id: number, fields: Partial<WorkItem> = {}): WorkItem {
  return {
    id,
    channel: 'email',
    groupId: null,
    tier: 1,
    skills: [],
    priority: 'p3',
    value: 0,
    topTier: false,
    ownerId: null,
    waitingSince: T0,
    dueAt: T0 + 8 * 3_600_000,
    ...fields,
  };
}

describe('routing rules', () => {
  it('counts calls, conversations and tickets as separate capacities', () => {
    expect(channelClassOf('voice')).toBe('voice');
    expect(channelClassOf('messaging')).toBe('chat');
    expect(channelClassOf('chat')).toBe('chat');
    expect(channelClassOf('web')).toBe('email');
    expect(channelClassOf('email')).toBe('email');
  });

  it('gives an item only to an online agent with the skills at the required proficiency and free capacity', () => {
    const router = new Router(config);
    router.addAgent(agent(1, { skills: new Map([['product:billing', 2]]) }));
    router.addAgent(agent(2, { skills: new Map([['product:billing', 4]]), available: false }));
    router.addAgent(agent(3, { skills: new Map([['product:billing', 4]]), load: { voice: 0, chat: 0, email: 10 } }));
    router.addAgent(agent(4, { skills: new Map([['product:billing', 3]]) }));
    const billing = item(100, { skills: [{ name: 'product:billing', min: 3 }] });
    expect(router.bestAgentFor(billing)?.agentId).toBe(4);
  });

  it('keeps to the ticket group, or to the ticket tier when it has no group', () => {
    const router = new Router(config);
    router.addAgent(agent(1, { tier: 1, groupIds: [7] }));
    router.addAgent(agent(2, { tier: 2, groupIds: [8] }));
    expect(router.bestAgentFor(item(1, { groupId: 8 }))?.agentId).toBe(2);
    expect(router.bestAgentFor(item(2, { tier: 2 }))?.agentId).toBe(2);
    expect(router.bestAgentFor(item(3, { tier: 3 }))).toBeUndefined();
  });

  it('picks the least-loaded agent, then the longest idle, then the lowest id', () => {
    const router = new Router(config);
    router.addAgent(agent(1, { load: { voice: 0, chat: 0, email: 3 }, lastAssignedAt: 1 }));
    router.addAgent(agent(2, { load: { voice: 0, chat: 0, email: 1 }, lastAssignedAt: 50 }));
    router.addAgent(agent(3, { load: { voice: 0, chat: 0, email: 1 }, lastAssignedAt: 10 }));
    expect(router.bestAgentFor(item(1))?.agentId).toBe(3);
  });

  it('round-robin ignores load and takes the agent who waited longest for work', () => {
    const router = new Router({ ...config, tieBreak: 'round_robin' });
    router.addAgent(agent(1, { load: { voice: 0, chat: 0, email: 0 }, lastAssignedAt: 90 }));
    router.addAgent(agent(2, { load: { voice: 0, chat: 0, email: 5 }, lastAssignedAt: 10 }));
    expect(router.bestAgentFor(item(1))?.agentId).toBe(2);
  });

  it('sends a top-tier customer to their account owner first, then to the most proficient agent', () => {
    const router = new Router(config);
    router.addAgent(agent(1, { skills: new Map([['product:platform', 2]]) }));
    router.addAgent(agent(2, { skills: new Map([['product:platform', 5]]), load: { voice: 0, chat: 0, email: 6 } }));
    router.addAgent(agent(9, { tier: null, groupIds: [] }));
    const vip = item(1, { topTier: true, value: 1, ownerId: 9, skills: [{ name: 'product:platform', min: 1 }] });
    expect(router.bestAgentFor(vip)).toEqual({ itemId: 1, agentId: 9, reason: 'account_owner' });
    router.setAvailable(9, false);
    expect(router.bestAgentFor(vip)).toEqual({ itemId: 1, agentId: 2, reason: 'senior' });
    // A standard customer goes to the least loaded instead.
    expect(router.bestAgentFor({ ...vip, topTier: false, ownerId: null })?.agentId).toBe(1);
  });

  it('orders the queue by priority, SLA time left, value and waiting time with the configured weights', () => {
    const router = new Router(config);
    router.enqueue(item(1, { priority: 'p4', waitingSince: T0 - 30 * 60_000 }));
    router.enqueue(item(2, { priority: 'p1' }));
    router.enqueue(item(3, { priority: 'p4', value: 1 }));
    router.enqueue(item(4, { priority: 'p4', dueAt: T0 + 5 * 60_000 }));
    const order = router.queue(T0).map((q) => q.item.id);
    // p1 = +180; due in 5 min instead of 8 h = +475; value = +30; 30 min waiting = +30 (then lower id).
    expect(order).toEqual([4, 2, 1, 3]);
    const [first] = router.queue(T0 + 60_000);
    expect(first && first.score - scoreAt(item(4, { priority: 'p4', dueAt: T0 + 5 * 60_000 }), config.weights, T0)).toBeCloseTo(2);
  });

  it('never offers an item again to an agent who declined it', () => {
    const router = new Router(config);
    router.addAgent(agent(1));
    router.addAgent(agent(2, { load: { voice: 0, chat: 0, email: 4 } }));
    expect(router.bestAgentFor(item(1, { excluded: [1] }))?.agentId).toBe(2);
    expect(router.bestAgentFor(item(1, { excluded: [1, 2] }))).toBeUndefined();
  });

  it('pull mode gives an agent the most urgent item they may take, skipping what they may not', () => {
    const router = new Router(config);
    router.addAgent(agent(1, { skills: new Map([['language:de', 4]]) }));
    router.enqueue(item(1, { priority: 'p1', skills: [{ name: 'language:fr', min: 1 }] }));
    router.enqueue(item(2, { priority: 'p3', skills: [{ name: 'language:de', min: 3 }] }));
    router.enqueue(item(3, { priority: 'p2', skills: [{ name: 'language:de', min: 1 }], excluded: [1] }));
    router.enqueue(item(4, { priority: 'p4' }));
    expect(router.nextItemFor(1)?.id).toBe(2);
    router.remove(2);
    expect(router.nextItemFor(1)?.id).toBe(4);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────

const skillNames = ['product:billing', 'product:platform', 'language:de', 'language:es'];
const priorities: TicketPriority[] = ['p1', 'p2', 'p3', 'p4'];

const agentArb = fc.record({
  tier: fc.constantFrom(1, 2, null),
  groupIds: fc.subarray([1, 2]),
  skills: fc.dictionary(fc.constantFrom(...skillNames), fc.integer({ min: 1, max: 5 })),
  available: fc.boolean(),
  capacity: fc.record({
    voice: fc.integer({ min: 0, max: 1 }),
    chat: fc.integer({ min: 0, max: 3 }),
    email: fc.integer({ min: 0, max: 4 }),
  }),
});

const itemArb = fc.record({
  channel: fc.constantFrom<ChannelClass>(...channelClasses),
  groupId: fc.constantFrom(null, 1, 2),
  tier: fc.constantFrom(1, 2),
  skills: fc.uniqueArray(fc.record({ name: fc.constantFrom(...skillNames), min: fc.integer({ min: 1, max: 5 }) }), {
    maxLength: 2,
    selector: (s) => s.name,
  }),
  priority: fc.constantFrom(...priorities),
  value: fc.constantFrom(0, 0.5, 1),
  ownerIndex: fc.option(fc.nat(), { nil: null }),
  waitMinutes: fc.nat({ max: 600 }),
});

type AgentSpec = typeof agentArb extends fc.Arbitrary<infer A> ? A : never;
type ItemSpec = typeof itemArb extends fc.Arbitrary<infer I> ? I : never;

function buildAgent(spec: AgentSpec, id: number): RoutableAgent {
  return agent(id, { ...spec, skills: new Map(Object.entries(spec.skills)), load: { voice: 0, chat: 0, email: 0 } });
}

function buildItem(spec: ItemSpec, id: number, agentCount: number): WorkItem {
  const ownerId = spec.ownerIndex !== null && agentCount > 0 ? (spec.ownerIndex % agentCount) + 1 : null;
  return item(id, {
    channel: spec.channel,
    groupId: spec.groupId,
    tier: spec.tier,
    skills: spec.skills,
    priority: spec.priority,
    value: spec.value,
    topTier: spec.value === 1,
    ownerId,
    waitingSince: T0 - spec.waitMinutes * 60_000,
  });
}

/** Checks the two invariants by brute force over every agent and item. */
function checkInvariants(router: Router, agents: RoutableAgent[], waiting: WorkItem[]): void {
  for (const a of agents) for (const channel of channelClasses) expect(a.load[channel]).toBeLessThanOrEqual(a.capacity[channel]);
  for (const w of waiting) {
    const free = agents.find((a) => isEligible(a, w));
    expect(free, `item ${w.id} waits while agent ${free?.id} could take it`).toBeUndefined();
  }
  expect(router.waiting).toBe(waiting.length);
}

describe('routing properties', () => {
  it('no agent exceeds capacity and no item waits while an eligible agent has free capacity (full pass)', () => {
    fc.assert(
      fc.property(fc.array(agentArb, { maxLength: 12 }), fc.array(itemArb, { maxLength: 40 }), (agentSpecs, itemSpecs) => {
        const router = new Router(config);
        const agents = agentSpecs.map((spec, i) => buildAgent(spec, i + 1));
        for (const a of agents) router.addAgent(a);
        const items = itemSpecs.map((spec, i) => buildItem(spec, 1000 + i, agents.length));
        for (const w of items) router.enqueue(w);
        const assigned = new Set(router.routeAll(T0).map((a) => a.itemId));
        checkInvariants(
          router,
          agents,
          items.filter((w) => !assigned.has(w.id)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keeps both invariants through arrivals, finished work and presence changes (event by event)', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('arrive' as const), spec: itemArb }),
      fc.record({ kind: fc.constant('finish' as const), agent: fc.nat(), channel: fc.constantFrom<ChannelClass>(...channelClasses) }),
      fc.record({ kind: fc.constant('presence' as const), agent: fc.nat(), available: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(agentArb, { minLength: 1, maxLength: 8 }), fc.array(event, { maxLength: 60 }), (agentSpecs, events) => {
        const router = new Router(config);
        const agents = agentSpecs.map((spec, i) => buildAgent(spec, i + 1));
        for (const a of agents) router.addAgent(a);
        const waiting = new Map<number, WorkItem>();
        let nextId = 1000;
        let now = T0;
        for (const e of events) {
          now += 60_000;
          if (e.kind === 'arrive') {
            const w = buildItem(e.spec, nextId++, agents.length);
            if (!router.offer(w, now)) waiting.set(w.id, w);
          } else {
            const a = agents[e.agent % agents.length] as RoutableAgent;
            if (e.kind === 'finish') router.release(a.id, e.channel);
            else router.setAvailable(a.id, e.available);
            for (const made of router.fill(a.id, now)) waiting.delete(made.itemId);
          }
          checkInvariants(router, agents, [...waiting.values()]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same assignments for the same inputs, whatever order they were loaded in', () => {
    fc.assert(
      fc.property(
        fc.array(agentArb, { maxLength: 10 }),
        fc.array(itemArb, { maxLength: 30 }),
        fc.integer(),
        (agentSpecs, itemSpecs, seed) => {
          const run = (shuffle: boolean) => {
            const router = new Router(config);
            const agents = agentSpecs.map((spec, i) => buildAgent(spec, i + 1));
            const items = itemSpecs.map((spec, i) => buildItem(spec, 1000 + i, agents.length));
            const order = <T>(list: T[]) => (shuffle ? shuffled(list, seed) : list);
            for (const a of order(agents)) router.addAgent(a);
            for (const w of order(items)) router.enqueue(w);
            return router.routeAll(T0);
          };
          expect(run(true)).toEqual(run(false));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fills an agent coming online up to capacity and no further', () => {
    const router = new Router(config);
    const a = agent(1, { available: false, capacity: { voice: 1, chat: 2, email: 0 } });
    router.addAgent(a);
    for (let i = 0; i < 5; i++) router.enqueue(item(i + 1, { channel: i % 2 ? 'chat' : 'voice' }));
    router.setAvailable(1, true);
    expect(router.fill(1, T0)).toHaveLength(3);
    expect(hasFreeCapacity(a, 'chat') || hasFreeCapacity(a, 'voice')).toBe(false);
    expect(router.waiting).toBe(2);
  });
});

/** A seeded Fisher–Yates shuffle (deterministic for a given seed). */
function shuffled<T>(list: T[], seed: number): T[] {
  const copy = [...list];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

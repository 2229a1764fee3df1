import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { systemActor } from '../../platform/context.ts';
import { createCategory } from '../taxonomy/index.ts';
import { updateTicket } from '../tickets/index.ts';
import { createGroup, updateUser } from '../users/index.ts';
import { agentStateIntervals, setAgentState } from './agent-states.ts';
import { acceptOffer, declineOffer, expireOffers, pullNext } from './offers.service.ts';
import { updateRoutingSettings } from './routing-settings.ts';
import { runRouting } from './routing.service.ts';

let env: TestEnvironment;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  const billing = await createCategory(env.ctx, systemActor, { name: 'Billing' });
  await createCategory(env.ctx, systemActor, { name: 'Refunds', parent_id: billing.id });
  const platform = await createCategory(env.ctx, systemActor, { name: 'Platform' });
  await createCategory(env.ctx, systemActor, { name: 'Outage', parent_id: platform.id });
});
afterAll(() => env.close());

const minutes = (n: number) => n * 60_000;

async function agentWith(fields: { tier?: number; skills?: Record<string, number>; groupIds?: number[] } = {}): Promise<TestUser> {
  const agent = await makeUser(env.ctx, 'associate', { tier: fields.tier ?? 1 });
  await updateUser(env.ctx, systemActor, agent.user.id, {
    skills: Object.entries(fields.skills ?? {}).map(([name, proficiency]) => ({ name, proficiency })),
    group_ids: fields.groupIds ?? [],
  });
  return agent;
}

async function route(ticketIds?: number[]) {
  return env.ctx.db.transaction().execute((trx) => runRouting(trx, env.ctx.clock.now(), ticketIds ? { ticketIds } : {}));
}

describe('agent presence', () => {
  it('records every state change and answers intervals clipped to the window, offline before the first', async () => {
    const agent = await makeUser(env.ctx, 'associate', { tier: 1 });
    const start = env.clock.now();
    env.clock.advance(minutes(10));
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'online' });
    env.clock.advance(minutes(30));
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'on_call', channel: 'voice' });
    env.clock.advance(minutes(5));
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'wrap_up', channel: 'voice' });
    env.clock.advance(minutes(2));
    // Setting the same state again records nothing new.
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'wrap_up', channel: 'voice' });
    await setAgentState(env.ctx, admin.actor, agent.user.id, { state: 'away', reason: 'lunch' });
    env.clock.advance(minutes(13));
    const end = env.clock.now();

    const at = (m: number) => new Date(start.getTime() + minutes(m));
    const intervals = await agentStateIntervals(env.ctx.db, { userIds: [agent.user.id], from: start, to: end });
    expect(intervals).toEqual([
      { user_id: agent.user.id, state: 'offline', channel: null, from: at(0), to: at(10) },
      { user_id: agent.user.id, state: 'online', channel: null, from: at(10), to: at(40) },
      { user_id: agent.user.id, state: 'on_call', channel: 'voice', from: at(40), to: at(45) },
      { user_id: agent.user.id, state: 'wrap_up', channel: 'voice', from: at(45), to: at(47) },
      { user_id: agent.user.id, state: 'away', channel: null, from: at(47), to: at(60) },
    ]);
    // A window starting inside a state begins with that state.
    const inner = await agentStateIntervals(env.ctx.db, { userIds: [agent.user.id], from: at(20), to: at(42) });
    expect(inner.map((i) => [i.state, i.from, i.to])).toEqual([
      ['online', at(20), at(40)],
      ['on_call', at(40), at(42)],
    ]);
    const changes = await env.ctx.db
      .selectFrom('agent_state_changes')
      .selectAll()
      .where('user_id', '=', agent.user.id)
      .orderBy('id')
      .execute();
    expect(changes.map((c) => [c.state, c.source])).toEqual([
      ['online', 'agent'],
      ['on_call', 'agent'],
      ['wrap_up', 'agent'],
      ['away', 'manager'],
    ]);
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'offline' });
  });
});

describe('routing', () => {
  it('assigns a new ticket to the online agent with the product skill, with a ticket.routed event', async () => {
    const group = await createGroup(env.ctx, systemActor, { name: 'Billing desk' });
    const novice = await agentWith({ skills: { 'product:billing': 1 }, groupIds: [group.id] });
    const expert = await agentWith({ skills: { 'product:billing': 4 }, groupIds: [group.id] });
    const offline = await agentWith({ skills: { 'product:billing': 5 }, groupIds: [group.id] });
    await updateRoutingSettings(env.ctx, systemActor, { min_proficiency: 2 });
    for (const a of [novice, expert]) await setAgentState(env.ctx, a.actor, a.user.id, { state: 'online' });
    const ticket = await makeTicket(env.ctx, { category: 'billing/refunds', group_id: group.id });
    // The ticket hook routed it in the creating transaction.
    const row = await env.ctx.db
      .selectFrom('tickets')
      .select(['assignee_id', 'status'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: expert.user.id, status: 'open' });
    const routed = await env.ctx.db
      .selectFrom('ticket_events')
      .select('after')
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'ticket.routed')
      .execute();
    expect(routed).toHaveLength(1);
    await updateRoutingSettings(env.ctx, systemActor, { min_proficiency: 1 });
    for (const a of [novice, expert, offline]) await setAgentState(env.ctx, a.actor, a.user.id, { state: 'offline' });
  });

  it('never exceeds an agent capacity and fills it again when work is solved', async () => {
    const group = await createGroup(env.ctx, systemActor, { name: 'Capacity desk' });
    const agent = await agentWith({ groupIds: [group.id] });
    await env.ctx.db.insertInto('routing_capacities').values({ user_id: agent.user.id, channel: 'email', capacity: 2 }).execute();
    const tickets = [];
    for (let i = 0; i < 3; i++) {
      env.clock.advance(1000);
      tickets.push(await makeTicket(env.ctx, { group_id: group.id, channel: 'email' }));
    }
    const routed = (await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'online' })).routed;
    expect(routed.map((r) => r.ticket_id)).toEqual([tickets[0]?.id, tickets[1]?.id]);
    expect(await route()).toEqual([]);
    // Pending work waits on the customer: the ticket hook hands the freed capacity the next item at once.
    await updateTicket(env.ctx, agent.actor, tickets[0]?.id as number, { status: 'pending' });
    const third = await env.ctx.db
      .selectFrom('tickets')
      .select('assignee_id')
      .where('id', '=', tickets[2]?.id as number)
      .executeTakeFirstOrThrow();
    expect(third.assignee_id).toBe(agent.user.id);
    expect(await route()).toEqual([]);
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'offline' });
  });

  it('hands an agent the next item when a manager moves their ticket to someone else', async () => {
    const group = await createGroup(env.ctx, systemActor, { name: 'Reassign desk' });
    const agent = await agentWith({ groupIds: [group.id] });
    const other = await agentWith({ groupIds: [] });
    await env.ctx.db.insertInto('routing_capacities').values({ user_id: agent.user.id, channel: 'email', capacity: 1 }).execute();
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'online' });
    const first = await makeTicket(env.ctx, { group_id: group.id });
    const second = await makeTicket(env.ctx, { group_id: group.id });
    const assignee = async (id: number) =>
      (await env.ctx.db.selectFrom('tickets').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow()).assignee_id;
    expect([await assignee(first.id), await assignee(second.id)]).toEqual([agent.user.id, null]);
    await updateTicket(env.ctx, admin.actor, first.id, { assignee_id: other.user.id });
    expect(await assignee(second.id)).toBe(agent.user.id);
    await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'offline' });
  });

  it('offers work when offers are on: decline and timeout go to the next agent, accept assigns', async () => {
    const group = await createGroup(env.ctx, systemActor, { name: 'Offer desk' });
    const first = await agentWith({ groupIds: [group.id] });
    const second = await agentWith({ groupIds: [group.id] });
    await updateRoutingSettings(env.ctx, systemActor, { offer_timeout_seconds: 30 });
    try {
      for (const a of [first, second]) await setAgentState(env.ctx, a.actor, a.user.id, { state: 'online' });
      const ticket = await makeTicket(env.ctx, { group_id: group.id });
      const offer = await env.ctx.db.selectFrom('routing_offers').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(offer).toMatchObject({ status: 'offered', user_id: first.user.id });
      expect(
        (await env.ctx.db.selectFrom('tickets').select('assignee_id').where('id', '=', ticket.id).executeTakeFirstOrThrow()).assignee_id,
      ).toBeNull();
      const [again] = await declineOffer(env.ctx, first.actor, offer.id, 'not my area');
      expect(again).toMatchObject({ kind: 'offered', user_id: second.user.id });
      env.clock.advance(31_000);
      // Nobody else is eligible: the ticket waits, with no open offer.
      expect(await env.ctx.db.transaction().execute((trx) => expireOffers(trx, env.ctx.clock.now()))).toEqual([]);
      const other = await makeTicket(env.ctx, { group_id: group.id });
      const open = await env.ctx.db
        .selectFrom('routing_offers')
        .selectAll()
        .where('ticket_id', '=', other.id)
        .where('status', '=', 'offered')
        .executeTakeFirstOrThrow();
      expect(open.user_id).toBe(first.user.id);
      await expect(acceptOffer(env.ctx, second.actor, open.id)).rejects.toMatchObject({ code: 'forbidden' });
      expect(await acceptOffer(env.ctx, first.actor, open.id)).toEqual({ ticket_id: other.id });
      const row = await env.ctx.db.selectFrom('tickets').select('assignee_id').where('id', '=', other.id).executeTakeFirstOrThrow();
      expect(row.assignee_id).toBe(first.user.id);
      const statuses = await env.ctx.db
        .selectFrom('routing_offers')
        .select(['user_id', 'status'])
        .where('ticket_id', '=', ticket.id)
        .orderBy('id')
        .execute();
      expect(statuses).toEqual([
        { user_id: first.user.id, status: 'declined' },
        { user_id: second.user.id, status: 'timed_out' },
      ]);
    } finally {
      await updateRoutingSettings(env.ctx, systemActor, { offer_timeout_seconds: 0 });
      for (const a of [first, second]) await setAgentState(env.ctx, a.actor, a.user.id, { state: 'offline' });
    }
  });

  it('pull mode assigns nothing by itself and gives an agent the most urgent item on request', async () => {
    const group = await createGroup(env.ctx, systemActor, { name: 'Pull desk' });
    const agent = await agentWith({ groupIds: [group.id] });
    await updateRoutingSettings(env.ctx, systemActor, { mode: 'pull' });
    try {
      await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'online' });
      const low = await makeTicket(env.ctx, { group_id: group.id, priority: 'p4' });
      const urgent = await makeTicket(env.ctx, { group_id: group.id, priority: 'p1' });
      expect(await route()).toEqual([]);
      expect(await pullNext(env.ctx, agent.actor)).toEqual({ ticket_id: urgent.id });
      expect(await pullNext(env.ctx, agent.actor)).toEqual({ ticket_id: low.id });
    } finally {
      await updateRoutingSettings(env.ctx, systemActor, { mode: 'push' });
      await setAgentState(env.ctx, agent.actor, agent.user.id, { state: 'offline' });
    }
  });
});

/**
 * The SLA terms of the search language against real clocks: tickets opened on the seeded policies
 * (P1: first response in 60 minutes around the clock, warned at 75 %), a manual clock moved past the
 * warning and the deadline, and the answers of GET /api/v1/tickets?q=….
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { detectBreaches } from '../../sla/index.ts';
import { addComment, updateTicket } from '../index.ts';

let env: TestEnvironment;
let agent: TestUser;
const M = 60_000;
let urgent: number;
let routine: number;
let waiting: number;
let solved: number;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'engineer');
  urgent = (await makeTicket(env.ctx, { priority: 'p1', channel: 'voice', subject: 'Checkout down' })).id;
  routine = (await makeTicket(env.ctx, { priority: 'p3', channel: 'email', subject: 'Invoice address' })).id;
  waiting = (await makeTicket(env.ctx, { priority: 'p3', channel: 'email', subject: 'Waiting on the customer' })).id;
  solved = (await makeTicket(env.ctx, { priority: 'p4', channel: 'email', subject: 'Thanks' })).id;
  // Answered, then waiting on the customer: first response met, the resolution clock paused.
  await addComment(env.ctx, agent.actor, waiting, { body: 'Could you send the order number?', public: true, status: 'pending' });
  await updateTicket(env.ctx, agent.actor, solved, { status: 'solved' });
});
afterAll(() => env.close());

async function search(q: string): Promise<number[]> {
  const response = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=50`, { as: agent });
  expect(response.status).toBe(200);
  return response.body.data.map((t: { id: number }) => t.id);
}

describe('sla: in the search language', () => {
  it('finds running, paused and clock-less tickets', async () => {
    expect(new Set(await search('sla:running'))).toEqual(new Set([urgent, routine]));
    expect(await search('sla:paused')).toEqual([waiting]);
    expect(await search('sla:none')).toEqual([solved]);
    expect(new Set(await search('sla:paused,none'))).toEqual(new Set([waiting, solved]));
    expect(new Set(await search('-sla:none'))).toEqual(new Set([urgent, routine, waiting]));
  });

  it('shows agents the next deadline on each ticket, and customers none', async () => {
    const list = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('order_by:sla')}`, { as: agent });
    const byId = new Map(list.body.data.map((t: { id: number; sla: unknown }) => [t.id, t.sla]));
    expect(byId.get(urgent)).toEqual({ target: 'first_response', due_at: new Date(env.clock.now().getTime() + 60 * M).toISOString() });
    expect(byId.get(solved)).toBeNull();
    expect((await api(env.app, 'GET', `/api/v1/tickets/${urgent}`, { as: agent })).body.sla).toEqual(byId.get(urgent));
  });

  it('finds the next deadline within a time ahead', async () => {
    expect(await search('sla<2h')).toEqual([urgent]);
    expect(await search('sla<59m')).toEqual([]);
    expect(await search('sla>2h')).toEqual([routine]);
  });

  it('marks a ticket at risk from its first warning threshold, and breached after its deadline', async () => {
    env.clock.advance(45 * M - 1);
    expect(await search('sla:at_risk')).toEqual([]);
    env.clock.advance(1);
    expect(await search('sla:at_risk')).toEqual([urgent]);
    expect(await search('sla:breached')).toEqual([]);
    env.clock.advance(15 * M + 1);
    expect(await search('sla:at_risk')).toEqual([]);
    // Not yet marked by the breach detector: a running clock past its deadline already counts.
    expect(await search('sla:breached')).toEqual([urgent]);
    expect(await search('sla<0m')).toEqual([urgent]);
    // Once the detector has marked it, it still is breached, still ticking and still the most urgent.
    await detectBreaches(env.ctx.db, env.clock.now());
    expect(await search('sla:breached')).toEqual([urgent]);
    expect(await search('sla<0m')).toEqual([urgent]);
    expect(new Set(await search('sla:running'))).toEqual(new Set([urgent, routine]));
  });

  it('orders by the most urgent deadline, tickets without a running clock last, and pages through them', async () => {
    const all = await search('order_by:sla');
    expect(all.slice(0, 2)).toEqual([urgent, routine]);
    expect(new Set(all.slice(2))).toEqual(new Set([waiting, solved]));
    const first = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('order_by:sla')}&limit=1`, { as: agent });
    const ids = first.body.data.map((t: { id: number }) => t.id);
    let cursor = first.body.next_cursor;
    while (cursor) {
      const page = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('order_by:sla')}&limit=1&cursor=${cursor}`, {
        as: agent,
      });
      expect(page.status).toBe(200);
      ids.push(...page.body.data.map((t: { id: number }) => t.id));
      cursor = page.body.next_cursor;
    }
    expect(ids).toEqual(all);
    expect(await search('order_by:sla sort:desc')).toEqual([...all].reverse());
  });

  it('explains a value it does not understand', async () => {
    for (const q of ['sla:late', 'sla<soon', 'sla<2', 'sla>=tomorrow']) {
      const response = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`, { as: agent });
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/for sla/);
    }
  });
});

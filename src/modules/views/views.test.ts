import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let agent: TestUser;
let manager: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'associate');
  manager = await makeUser(env.ctx, 'manager');
});
afterAll(() => env.close());

describe('views', () => {
  it('starts every agent with shared views whose counts follow the tickets', async () => {
    const before = await api(env.app, 'GET', '/api/v1/views', { as: agent });
    expect(before.body.data.map((v: { name: string }) => v.name)).toEqual([
      'My open tickets',
      'SLA at risk',
      'Unassigned',
      'All unsolved',
      'Urgent and high priority',
      'Waiting on the customer',
      'Recently solved',
    ]);
    const unassigned = () =>
      api(env.app, 'GET', '/api/v1/views', { as: agent }).then(
        (r) => r.body.data.find((v: { name: string }) => v.name === 'Unassigned').count,
      );
    const start = await unassigned();
    const ticket = await makeTicket(env.ctx);
    expect(await unassigned()).toBe(start + 1);
    await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { assignee_id: agent.user.id } });
    expect(await unassigned()).toBe(start);
    const mine = (await api(env.app, 'GET', '/api/v1/views', { as: agent })).body.data.find(
      (v: { name: string }) => v.name === 'My open tickets',
    );
    expect(mine.count).toBe(1);
  });

  it('keeps personal views to their owner and shared ones to managers', async () => {
    const personal = await api(env.app, 'POST', '/api/v1/views', { as: agent, body: { name: 'My P1s', query: 'assignee:me priority:p1' } });
    expect(personal.status).toBe(201);
    expect(personal.body).toMatchObject({ shared: false, count: 0 });
    const otherAgent = await makeUser(env.ctx, 'associate');
    const theirs = await api(env.app, 'GET', '/api/v1/views', { as: otherAgent });
    expect(theirs.body.data.some((v: { name: string }) => v.name === 'My P1s')).toBe(false);
    expect((await api(env.app, 'DELETE', `/api/v1/views/${personal.body.id}`, { as: otherAgent })).status).toBe(404);

    expect(
      (await api(env.app, 'POST', '/api/v1/views', { as: agent, body: { name: 'Team', query: 'status:open', shared: true } })).status,
    ).toBe(403);
    const shared = await api(env.app, 'POST', '/api/v1/views', {
      as: manager,
      body: { name: 'VIP', query: 'tag:vip status<solved', shared: true },
    });
    expect(shared.status).toBe(201);
    expect((await api(env.app, 'GET', '/api/v1/views', { as: otherAgent })).body.data.some((v: { name: string }) => v.name === 'VIP')).toBe(
      true,
    );
  });

  it('refuses a view whose query does not parse, naming the position', async () => {
    const response = await api(env.app, 'POST', '/api/v1/views', { as: agent, body: { name: 'Broken', query: 'status:opne' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_query');
  });
});

describe('bulk changes', () => {
  it('applies one change to many tickets and reports the ones that refuse', async () => {
    const a = await makeTicket(env.ctx);
    const b = await makeTicket(env.ctx);
    const c = await makeTicket(env.ctx);
    await api(env.app, 'PATCH', `/api/v1/tickets/${c.id}`, { as: agent, body: { status: 'solved' } });
    await api(env.app, 'PATCH', `/api/v1/tickets/${c.id}`, { as: agent, body: { status: 'closed' } });
    const response = await api(env.app, 'POST', '/api/v1/tickets/bulk', {
      as: agent,
      body: { ids: [a.id, b.id, c.id, 999_999], changes: { priority: 'p2', add_tags: ['triaged'] } },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.map((r: { id: number; ok: boolean }) => [r.id, r.ok])).toEqual([
      [a.id, true],
      [b.id, true],
      [c.id, false],
      [999_999, false],
    ]);
    expect(response.body.data[2].error.code).toBe('invalid_transition');
    expect(response.body.data[3].error.code).toBe('ticket_not_found');
    expect(response.body.data[0].ticket).toMatchObject({ priority: 'p2', tags: ['triaged'] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { addComment, updateTicket } from '../tickets/index.ts';
import { type DetectResult, detectBreaches, recomputeAll, recomputeSlaForTicket } from './index.ts';

let env: TestEnvironment;
let admin: TestUser;
let agent: TestUser;
const M = 60_000;
const H = 60 * M;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  agent = await makeUser(env.ctx, 'associate');
});
afterAll(() => env.close());

const now = () => env.clock.now();
const recompute = (ticketId: number) => recomputeSlaForTicket(env.ctx.db, ticketId, now());
const stored = async (ticketId: number) => {
  const rows = await env.ctx.db.selectFrom('sla_clocks').selectAll().where('ticket_id', '=', ticketId).orderBy('target').execute();
  return Object.fromEntries(rows.map((r) => [r.target, r]));
};
const slaEvents = (ticketId: number) =>
  env.ctx.db
    .selectFrom('ticket_events')
    .select(['type', 'after', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('type', 'like', 'sla.%')
    .orderBy('id')
    .execute();
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

describe('seeded defaults', () => {
  it('ships a 24/7 and an office-hours calendar and the seeds’ policies, in order', async () => {
    const calendars = await api(env.app, 'GET', '/api/v1/business-hours', { as: agent });
    expect(calendars.status).toBe(200);
    expect(calendars.body.data.map((c: { name: string }) => c.name)).toEqual(['24/7', 'Business hours']);
    const policies = await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent });
    expect(policies.body.data.map((p: { name: string }) => p.name)).toEqual([
      'Live chat',
      'P1 — system down',
      'Messaging and social',
      'Email, web and API',
      'Standard',
    ]);
    const chat = policies.body.data[0];
    expect(chat.targets.find((t: { target: string }) => t.target === 'first_response')).toEqual({
      target: 'first_response',
      priority: null,
      minutes: 2,
      business_hours: false,
    });
  });
});

describe('clocks of a ticket', () => {
  it('starts first response and resolution at creation, in calendar and business time', async () => {
    env.clock.set('2026-03-02T09:00:00Z'); // Monday
    const ticket = await makeTicket(env.ctx, { priority: 'p3' }); // web → "Email, web and API"
    await recompute(ticket.id);
    const clocks = await stored(ticket.id);
    expect(clocks.first_response).toMatchObject({ status: 'running', target_minutes: 24 * 60, business_hours: false });
    expect(iso(clocks.first_response?.due_at)).toBe('2026-03-03T09:00:00.000Z');
    // P3: 3 business days of 09:00–17:00 UTC.
    expect(clocks.resolution).toMatchObject({ status: 'running', target_minutes: 3 * 8 * 60, business_hours: true });
    expect(iso(clocks.resolution?.due_at)).toBe('2026-03-04T17:00:00.000Z');

    env.clock.advance(2 * H);
    const live = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}/sla`, { as: agent });
    expect(live.status).toBe(200);
    expect(live.body.policy.name).toBe('Email, web and API');
    const first = live.body.clocks.find((c: { target: string }) => c.target === 'first_response');
    expect(first).toMatchObject({ status: 'running', remaining_ms: 22 * H, due_in_ms: 22 * H, elapsed_ms: 2 * H });
    expect((await api(env.app, 'GET', '/api/v1/tickets/999999/sla', { as: agent })).status).toBe(404);
  });

  it('pauses resolution and next reply while pending and resumes when the customer writes', async () => {
    env.clock.set('2026-03-02T09:00:00Z');
    const ticket = await makeTicket(env.ctx, { priority: 'p2' }); // 8 business hours
    env.clock.advance(H);
    await addComment(env.ctx, agent.actor, ticket.id, { body: 'Could you send the logs?', public: true, status: 'pending' });
    await recompute(ticket.id);
    let clocks = await stored(ticket.id);
    expect(clocks.first_response).toMatchObject({ status: 'met' });
    expect(clocks.resolution).toMatchObject({ status: 'paused', due_at: null, remaining_ms: 7 * H });

    // A day later (Tuesday 10:00) the customer answers: the ticket opens and the clock resumes with 7 hours left.
    env.clock.set('2026-03-03T10:00:00Z');
    const requester = { ...agent.actor, role: 'customer' as const, userId: agent.actor.userId, customerId: ticket.requester.id };
    await addComment(env.ctx, requester, ticket.id, { body: 'Here they are.', public: true });
    await recompute(ticket.id);
    clocks = await stored(ticket.id);
    expect(clocks.resolution).toMatchObject({ status: 'running', remaining_ms: 7 * H });
    expect(iso(clocks.resolution?.due_at)).toBe('2026-03-03T17:00:00.000Z');
    expect(Number(clocks.resolution?.paused_ms)).toBe(24 * H);
    expect(clocks.next_reply).toMatchObject({ status: 'running', cycle: 1 });
    expect(iso(clocks.next_reply?.due_at)).toBe('2026-03-04T10:00:00.000Z');

    env.clock.advance(30 * M);
    await addComment(env.ctx, agent.actor, ticket.id, { body: 'Fixed.', public: true, status: 'solved' });
    await recompute(ticket.id);
    clocks = await stored(ticket.id);
    expect(clocks.next_reply).toMatchObject({ status: 'met', cycles_met: 1 });
    expect(clocks.resolution).toMatchObject({ status: 'met', due_at: null });
    expect(iso(clocks.resolution?.met_at)).toBe('2026-03-03T10:30:00.000Z');
  });
});

describe('warnings and breaches', () => {
  it('warns at the threshold and breaches the first instant after the deadline, each exactly once', async () => {
    env.clock.set('2026-03-07T22:00:00Z'); // a Saturday night: P1 runs around the clock
    const ticket = await makeTicket(env.ctx, { priority: 'p1' });
    await recompute(ticket.id);
    const first = (await stored(ticket.id)).first_response;
    expect(iso(first?.due_at)).toBe('2026-03-07T23:00:00.000Z');
    expect(iso(first?.next_warning_at)).toBe('2026-03-07T22:45:00.000Z'); // the default 75 % threshold

    const own = (r: DetectResult) => ({
      breaches: r.breaches.filter((n) => n.ticket_id === ticket.id),
      warnings: r.warnings.filter((n) => n.ticket_id === ticket.id),
    });
    env.clock.set('2026-03-07T22:44:59.999Z');
    expect(own(await detectBreaches(env.ctx.db, now()))).toEqual({ breaches: [], warnings: [] });
    env.clock.set('2026-03-07T22:45:00.000Z');
    const warned = own(await detectBreaches(env.ctx.db, now()));
    expect(warned.warnings.map((w) => w.target).sort()).toEqual(['first_response']);
    expect(warned.warnings[0]).toMatchObject({ threshold_percent: 75 });
    expect(own(await detectBreaches(env.ctx.db, now())).warnings).toEqual([]);

    env.clock.set('2026-03-07T23:00:00.000Z');
    expect(own(await detectBreaches(env.ctx.db, now())).breaches).toEqual([]);
    env.clock.set('2026-03-07T23:00:00.001Z');
    const breached = own(await detectBreaches(env.ctx.db, now()));
    expect(breached.breaches.map((b) => b.target)).toEqual(['first_response']);
    expect(own(await detectBreaches(env.ctx.db, now())).breaches).toEqual([]);

    // Recomputing (as every ticket change does) keeps what was notified for this cycle.
    await recompute(ticket.id);
    expect((await stored(ticket.id)).first_response).toMatchObject({ status: 'breached' });
    expect(own(await detectBreaches(env.ctx.db, now())).breaches).toEqual([]);

    env.clock.advance(10 * M);
    await addComment(env.ctx, agent.actor, ticket.id, { body: 'On it.', public: true });
    await recompute(ticket.id);
    const after = await stored(ticket.id);
    expect(after.first_response).toMatchObject({ status: 'met_late' });
    expect(iso(after.first_response?.breached_at)).toBe('2026-03-07T23:00:00.000Z');
    expect(after.periodic_update).toMatchObject({ status: 'running' });

    const events = await slaEvents(ticket.id);
    expect(events.map((e) => [e.type, (e.after as { target: string }).target])).toEqual([
      ['sla.warning', 'first_response'],
      ['sla.breached', 'first_response'],
    ]);
    expect(events[1]?.after).toMatchObject({ target: 'first_response', due_at: '2026-03-07T23:00:00+00:00' });
  });

  it('lists the clocks at risk, soonest first', async () => {
    const response = await api(env.app, 'GET', '/api/v1/sla/at-risk?within_minutes=120', { as: agent });
    expect(response.status).toBe(200);
    const dues = response.body.data.map((r: { due_at: string }) => r.due_at);
    expect([...dues].sort()).toEqual(dues);
    expect(response.body.data.some((r: { overdue: boolean }) => r.overdue)).toBe(true);
  });
});

describe('policies', () => {
  it('lets only admins change them, and recomputes open tickets after a change', async () => {
    env.clock.set('2026-03-09T09:00:00Z');
    const ticket = await makeTicket(env.ctx, { priority: 'p3' });
    await recompute(ticket.id);
    expect(iso((await stored(ticket.id)).first_response?.due_at)).toBe('2026-03-10T09:00:00.000Z');

    const list = (await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent })).body.data;
    const email = list.find((p: { name: string }) => p.name === 'Email, web and API');
    const targets = email.targets.map((t: { target: string; minutes: number }) =>
      t.target === 'first_response' ? { ...t, minutes: 4 * 60 } : t,
    );
    expect((await api(env.app, 'PATCH', `/api/v1/sla-policies/${email.id}`, { as: agent, body: { targets } })).status).toBe(403);
    const changed = await api(env.app, 'PATCH', `/api/v1/sla-policies/${email.id}`, { as: admin, body: { targets } });
    expect(changed.status).toBe(200);
    // The recomputation is a job, committed with the change.
    expect(await env.ctx.jobs.drain({ names: ['sla.recompute_all'] })).toBe(1);
    expect(iso((await stored(ticket.id)).first_response?.due_at)).toBe('2026-03-09T13:00:00.000Z');

    const invalid = await api(env.app, 'PATCH', `/api/v1/sla-policies/${email.id}`, {
      as: admin,
      body: { targets: [...targets, { target: 'first_response', priority: null, minutes: 5, business_hours: false }] },
    });
    expect(invalid.status).toBe(400);
    expect((await api(env.app, 'PATCH', `/api/v1/sla-policies/${email.id}`, { as: admin, body: { calendar_id: 999_999 } })).status).toBe(
      400,
    );
    expect(
      (await api(env.app, 'PATCH', `/api/v1/sla-policies/${email.id}`, { as: admin, body: { conditions: { colour: ['red'] } } })).status,
    ).toBe(400);
  });

  it('applies the first matching policy: a new policy for gold customers placed first wins', async () => {
    env.clock.set('2026-03-09T09:00:00Z');
    const org = await api(env.app, 'POST', '/api/v1/organizations', {
      as: admin,
      body: { name: 'Goldcorp', domains: ['goldcorp.test'], value_tier: 'gold' },
    });
    expect(org.status).toBe(201);
    const business = (await api(env.app, 'GET', '/api/v1/business-hours', { as: agent })).body.data[1];
    const created = await api(env.app, 'POST', '/api/v1/sla-policies', {
      as: admin,
      body: {
        name: 'Gold customers',
        position: 0,
        calendar_id: business.id,
        conditions: { value_tiers: ['gold'] },
        targets: [
          { target: 'first_response', minutes: 30, business_hours: false },
          { target: 'resolution', minutes: 8 * 60, business_hours: true },
        ],
        warning_thresholds: [90, 50, 50],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      position: 0,
      warning_thresholds: [50, 90],
      on_reopen: 'resume',
      pause_statuses: ['pending', 'on_hold'],
    });
    const order = (await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent })).body.data.map(
      (p: { name: string; position: number }) => [p.position, p.name],
    );
    expect(order[0]).toEqual([0, 'Gold customers']);
    expect(order[1]).toEqual([1, 'Live chat']);

    const gold = await makeTicket(env.ctx, { priority: 'p3', requesterEmail: 'ceo@goldcorp.test' });
    const plain = await makeTicket(env.ctx, { priority: 'p3' });
    await recompute(gold.id);
    await recompute(plain.id);
    expect((await stored(gold.id)).first_response).toMatchObject({ policy_id: created.body.id, target_minutes: 30 });
    expect((await stored(plain.id)).first_response).toMatchObject({ target_minutes: 4 * 60 });

    const first = await api(env.app, 'GET', `/api/v1/organizations/${org.body.id}/sla`, { as: agent });
    expect(first.body.rows.every((r: { policy: { name: string } }) => r.policy.name === 'Gold customers')).toBe(true);

    // Moving it last lets the channel policies win again, for open tickets too.
    const ids = (await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent })).body.data.map((p: { id: number }) => p.id);
    const reordered = await api(env.app, 'PUT', '/api/v1/sla-policies/order', { as: admin, body: { ids: [...ids.slice(1), ids[0]] } });
    expect(reordered.status).toBe(200);
    await env.ctx.jobs.drain({ names: ['sla.recompute_all'] });
    expect(reordered.body.data.at(-1).name).toBe('Gold customers');
    expect((await stored(gold.id)).first_response).toMatchObject({ target_minutes: 4 * 60 });
    expect((await api(env.app, 'PUT', '/api/v1/sla-policies/order', { as: admin, body: { ids: ids.slice(1) } })).status).toBe(400);

    // The statement for the organization follows the same order.
    const statement = await api(env.app, 'GET', `/api/v1/organizations/${org.body.id}/sla`, { as: agent });
    expect(statement.status).toBe(200);
    const row = (channel: string, priority: string) =>
      statement.body.rows.find((r: { channel: string; priority: string }) => r.channel === channel && r.priority === priority);
    expect(row('chat', 'p3').targets.first_response).toMatchObject({ minutes: 2, business_hours: false });
    expect(row('email', 'p1').policy.name).toBe('P1 — system down');
    // Placed after the catch-all, the gold policy no longer applies anywhere.
    expect(row('voice', 'p3').policy.name).toBe('Standard');
    expect(statement.body.rows.some((r: { policy: { name: string } }) => r.policy.name === 'Gold customers')).toBe(false);

    const page = await env.app.inject({ method: 'GET', url: `/sla/organizations/${org.body.id}`, headers: agent.auth });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Service levels for Goldcorp');
    expect(page.body).toContain('2 minutes');
    expect(page.body).toContain('@media print');

    // A customer of another organization does not see it; nobody signed out does.
    const outsider = await makeUser(env.ctx, 'customer');
    expect((await api(env.app, 'GET', `/api/v1/organizations/${org.body.id}/sla`, { as: outsider })).status).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/sla/organizations/${org.body.id}` })).statusCode).toBe(401);

    expect((await api(env.app, 'DELETE', `/api/v1/sla-policies/${created.body.id}`, { as: admin })).status).toBe(204);
    const after = (await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent })).body.data;
    expect(after.map((p: { position: number }) => p.position)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('business-hours calendars', () => {
  it('creates, validates, changes and deletes calendars; one in use cannot be deleted', async () => {
    const body = {
      name: 'Berlin office',
      time_zone: 'Europe/Berlin',
      weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
      exceptions: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }],
    };
    expect((await api(env.app, 'POST', '/api/v1/business-hours', { as: agent, body })).status).toBe(403);
    const created = await api(env.app, 'POST', '/api/v1/business-hours', { as: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Berlin office', time_zone: 'Europe/Berlin', used_by_policies: [] });
    expect((await api(env.app, 'POST', '/api/v1/business-hours', { as: admin, body })).status).toBe(409);
    for (const bad of [
      { ...body, name: 'x1', time_zone: 'Europe/Atlantis' },
      { ...body, name: 'x2', weekly: { mon: [{ start: '17:00', end: '09:00' }] } },
      { ...body, name: 'x3', weekly: {} },
      { ...body, name: 'x4', weekly: { mon: [{ start: '9:00', end: '17:00' }] } },
      { ...body, name: 'x5', weekly: { monday: [] } },
      { ...body, name: 'x6', holidays: [{ date: '2026-02-31' }] },
    ]) {
      const response = await api(env.app, 'POST', '/api/v1/business-hours', { as: admin, body: bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    const changed = await api(env.app, 'PATCH', `/api/v1/business-hours/${created.body.id}`, {
      as: admin,
      body: { time_zone: 'America/New_York' },
    });
    expect(changed.body.time_zone).toBe('America/New_York');
    expect((await api(env.app, 'DELETE', `/api/v1/business-hours/${created.body.id}`, { as: admin })).status).toBe(204);
    expect((await api(env.app, 'GET', `/api/v1/business-hours/${created.body.id}`, { as: admin })).status).toBe(404);
    const inUse = (await api(env.app, 'GET', '/api/v1/business-hours', { as: admin })).body.data[1];
    expect((await api(env.app, 'DELETE', `/api/v1/business-hours/${inUse.id}`, { as: admin })).status).toBe(409);
  });
});

describe('bad input', () => {
  it('answers 4xx, never 5xx', async () => {
    const cases: [string, string, unknown][] = [
      ['GET', '/api/v1/tickets/abc/sla', undefined],
      ['GET', '/api/v1/sla/at-risk?within_minutes=-5', undefined],
      ['GET', '/api/v1/sla/at-risk?limit=100000', undefined],
      ['GET', '/api/v1/organizations/999999/sla', undefined],
      ['GET', '/api/v1/sla-policies/999999', undefined],
      ['DELETE', '/api/v1/sla-policies/999999', undefined],
      ['PATCH', '/api/v1/business-hours/999999', { name: 'x' }],
      [
        'POST',
        '/api/v1/sla-policies',
        { name: 'x', calendar_id: Number.MAX_SAFE_INTEGER, targets: [{ target: 'resolution', minutes: 60, business_hours: true }] },
      ],
      ['POST', '/api/v1/sla-policies', { name: 'x', calendar_id: 1, targets: [] }],
      [
        'POST',
        '/api/v1/sla-policies',
        { name: 'x', calendar_id: 1, targets: [{ target: 'resolution', minutes: 0, business_hours: true }] },
      ],
      ['POST', '/api/v1/sla-policies', { name: 'x', calendar_id: 1, targets: [{ target: 'lunch', minutes: 10, business_hours: true }] }],
      [
        'POST',
        '/api/v1/sla-policies',
        { name: 'x', calendar_id: 1, targets: [{ target: 'resolution', minutes: 10, business_hours: true }], warning_thresholds: [100] },
      ],
      [
        'POST',
        '/api/v1/sla-policies',
        { name: 'x', calendar_id: 1, targets: [{ target: 'resolution', minutes: 10, business_hours: true }], pause_statuses: ['solved'] },
      ],
      [
        'POST',
        '/api/v1/sla-policies',
        { name: 'Standard', calendar_id: 1, targets: [{ target: 'resolution', minutes: 10, business_hours: true }] },
      ],
      ['PUT', '/api/v1/sla-policies/order', { ids: [1, 1, 2, 3, 4] }],
      ['PUT', '/api/v1/sla-policies/order', { ids: [] }],
      ['POST', '/api/v1/business-hours', { name: 'y', time_zone: 'UTC', weekly: { mon: [{ start: '09:00', end: '24:01' }] } }],
      [
        'POST',
        '/api/v1/business-hours',
        {
          name: 'y',
          time_zone: 'UTC',
          weekly: { mon: [{ start: '09:00', end: '17:00' }] },
          exceptions: [{ date: '2026-13-01', hours: [] }],
        },
      ],
      ['POST', '/api/v1/business-hours', { name: 'y', time_zone: '+05:00', weekly: { mon: [{ start: '09:00', end: '17:00' }] } }],
    ];
    for (const [method, url, body] of cases) {
      const response = await api(env.app, method, url, { as: admin, body });
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBeLessThan(500);
    }
  });
});

describe('recomputing a ticket', () => {
  it('runs inside the caller’s transaction, and drops a clock whose target the policy no longer has', async () => {
    env.clock.set('2026-03-11T09:00:00Z');
    const ticket = await makeTicket(env.ctx, { priority: 'p3', channel: 'messaging' });
    env.clock.advance(10 * M);
    await addComment(env.ctx, agent.actor, ticket.id, { body: 'Hello!', public: true });
    env.clock.advance(10 * M);
    const requester = { ...agent.actor, role: 'customer' as const, customerId: ticket.requester.id };
    await addComment(env.ctx, requester, ticket.id, { body: 'Still broken.', public: true });
    // As the tickets module will call it: with the transaction of the change.
    const clocks = await env.ctx.db.transaction().execute((trx) => recomputeSlaForTicket(trx, ticket.id, now()));
    expect(clocks.map((c) => c.target)).toEqual(['first_response', 'next_reply', 'resolution']);
    expect(iso(clocks.find((c) => c.target === 'next_reply')?.due_at)).toBe('2026-03-11T10:20:00.000Z');

    const policies = (await api(env.app, 'GET', '/api/v1/sla-policies', { as: agent })).body.data;
    const messaging = policies.find((p: { name: string }) => p.name === 'Messaging and social');
    const targets = messaging.targets.filter((t: { target: string }) => t.target !== 'next_reply');
    expect((await api(env.app, 'PATCH', `/api/v1/sla-policies/${messaging.id}`, { as: admin, body: { targets } })).status).toBe(200);
    await env.ctx.jobs.drain({ names: ['sla.recompute_all'] });
    expect(Object.keys(await stored(ticket.id)).sort()).toEqual(['first_response', 'resolution']);
  });
});

describe('recomputing everything', () => {
  it('re-derives every open ticket’s clocks and leaves solved ones as they ended', async () => {
    env.clock.set('2026-03-10T09:00:00Z');
    const open = await makeTicket(env.ctx, { priority: 'p4' });
    const solved = await makeTicket(env.ctx, { priority: 'p4' });
    await updateTicket(env.ctx, agent.actor, solved.id, { status: 'solved' });
    await env.ctx.db.deleteFrom('sla_clocks').where('ticket_id', 'in', [open.id, solved.id]).execute();
    const result = await recomputeAll(env.ctx.db, now(), { batchSize: 3, concurrency: 2 });
    expect(result.tickets).toBeGreaterThan(1);
    expect(Object.keys(await stored(open.id)).sort()).toEqual(['first_response', 'resolution']);
    expect(await stored(solved.id)).toEqual({});
    const viaApi = await api(env.app, 'POST', '/api/v1/sla/recompute', { as: admin });
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.tickets).toBe(result.tickets);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import type { OutgoingMail } from '../../platform/mail.ts';
import { addComment, updateTicket } from '../tickets/index.ts';
import { detectAndNotify, runAutomations } from './index.ts';

let env: TestEnvironment;
let admin: TestUser;
let agent: TestUser;
let groupId: number;
const sent: OutgoingMail[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  agent = await makeUser(env.ctx, 'associate', { name: 'Ada Agent' });
  env.ctx.mailer = {
    async send(mail) {
      sent.push(mail);
      return { messageId: `<${sent.length}@test>` };
    },
  };
  const group = await api(env.app, 'POST', '/api/v1/groups', { as: admin, body: { name: 'Billing' } });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});
afterAll(() => env.close());

const ticketRow = (id: number) => env.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: number, type: string) =>
  env.ctx.db
    .selectFrom('ticket_events')
    .select(['type', 'after', 'actor_user_id'])
    .where('ticket_id', '=', id)
    .where('type', '=', type)
    .orderBy('id')
    .execute();

async function createTrigger(body: Record<string, unknown>) {
  const created = await api(env.app, 'POST', '/api/v1/triggers', { as: admin, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number };
}

async function removeAllRules() {
  for (const t of (await api(env.app, 'GET', '/api/v1/triggers', { as: admin })).body.data)
    await api(env.app, 'DELETE', `/api/v1/triggers/${t.id}`, { as: admin });
  for (const a of (await api(env.app, 'GET', '/api/v1/automations', { as: admin })).body.data)
    await api(env.app, 'DELETE', `/api/v1/automations/${a.id}`, { as: admin });
}

describe('triggers', () => {
  beforeEach(removeAllRules);

  it('are managed by admins only, and refuse conditions and actions that make no sense', async () => {
    const body = {
      name: 'Route refunds',
      conditions: { all: [{ field: 'subject', operator: 'contains', value: 'refund' }] },
      actions: [{ type: 'set', field: 'group_id', value: groupId }],
    };
    expect((await api(env.app, 'POST', '/api/v1/triggers', { as: agent, body })).status).toBe(403);
    expect((await api(env.app, 'GET', '/api/v1/triggers', { as: agent })).status).toBe(403);
    await createTrigger(body);
    expect((await api(env.app, 'POST', '/api/v1/triggers', { as: admin, body })).status).toBe(409);
    const bad = [
      { ...body, name: 'x1', conditions: { all: [{ field: 'subject', operator: 'is', value: 'x' }] } },
      { ...body, name: 'x2', conditions: { all: [{ field: 'status', operator: 'in', value: 'open' }] } },
      { ...body, name: 'x3', conditions: { all: [] } },
      { ...body, name: 'x4', actions: [{ type: 'set', field: 'priority', value: 'p9' }] },
      { ...body, name: 'x5', actions: [{ type: 'set', field: 'group_id', value: 999_999 }] },
      { ...body, name: 'x6', actions: [{ type: 'call_webhook', subscription_id: 999_999 }] },
      { ...body, name: 'x7', actions: [{ type: 'explode' }] },
      { ...body, name: 'x8', colour: 'red' },
    ];
    for (const invalid of bad) {
      const response = await api(env.app, 'POST', '/api/v1/triggers', { as: admin, body: invalid });
      expect(response.status, invalid.name).toBe(400);
    }
  });

  it('act on a new ticket: set fields, add tags, and record which trigger did it', async () => {
    await createTrigger({
      name: 'Route refunds',
      conditions: {
        all: [
          { field: 'update_type', operator: 'is', value: 'created' },
          { field: 'subject', operator: 'contains', value: 'refund' },
        ],
      },
      actions: [
        { type: 'assign', assignee_id: null, group_id: groupId },
        { type: 'add_tags', tags: ['billing'] },
        { type: 'set', field: 'priority', value: 'p2' },
      ],
    });
    const refund = await makeTicket(env.ctx, { subject: 'Refund for order 7' });
    const other = await makeTicket(env.ctx, { subject: 'Printer jam' });
    expect(await ticketRow(refund.id)).toMatchObject({ group_id: groupId, tags: ['billing'], priority: 'p2' });
    expect(await ticketRow(other.id)).toMatchObject({ group_id: null, tags: [], priority: 'p3' });
    expect((await eventsOf(refund.id, 'automation.trigger_fired')).map((e) => e.after)).toEqual([
      expect.objectContaining({ name: 'Route refunds' }),
    ]);
    expect(await eventsOf(other.id, 'automation.trigger_fired')).toEqual([]);
  });

  it('run in order, and a trigger sees what an earlier one changed', async () => {
    // Position 0 reacts to the tag that position 1 adds: the pass restarts after each firing.
    await createTrigger({
      name: 'VIPs are P1',
      conditions: { all: [{ field: 'tags', operator: 'contains', value: 'vip' }] },
      actions: [{ type: 'set', field: 'priority', value: 'p1' }],
    });
    await createTrigger({
      name: 'Urgent means VIP',
      conditions: { all: [{ field: 'subject', operator: 'contains', value: 'urgent' }] },
      actions: [{ type: 'add_tags', tags: ['vip'] }],
    });
    const ticket = await makeTicket(env.ctx, { subject: 'URGENT: site down' });
    expect(await ticketRow(ticket.id)).toMatchObject({ priority: 'p1', tags: ['vip'] });
    expect((await eventsOf(ticket.id, 'automation.trigger_fired')).map((e) => (e.after as { name: string }).name)).toEqual([
      'Urgent means VIP',
      'VIPs are P1',
    ]);
    const order = (await api(env.app, 'GET', '/api/v1/triggers', { as: admin })).body.data.map((t: { name: string }) => t.name);
    expect(order).toEqual(['VIPs are P1', 'Urgent means VIP']);
  });

  it('a trigger that would re-fire itself runs once per change', async () => {
    // Its own action is an update that matches its own conditions again.
    await createTrigger({
      name: 'Count touches',
      conditions: { all: [{ field: 'update_type', operator: 'is', value: 'updated' }] },
      actions: [
        { type: 'add_tags', tags: ['touched'] },
        { type: 'set', field: 'tier', value: 2 },
      ],
    });
    const ticket = await makeTicket(env.ctx);
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p2' });
    expect(await eventsOf(ticket.id, 'automation.trigger_fired')).toHaveLength(1);
    expect(await ticketRow(ticket.id)).toMatchObject({ priority: 'p2', tier: 2, tags: ['touched'] });
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p4' });
    expect(await eventsOf(ticket.id, 'automation.trigger_fired')).toHaveLength(2);
  });

  it('react to changes and comments: changed_to, comment from the customer, and send emails through the queue', async () => {
    await createTrigger({
      name: 'Tell the customer',
      conditions: { all: [{ field: 'status', operator: 'changed_to', value: 'pending' }] },
      actions: [
        {
          type: 'send_email',
          to: 'requester',
          subject: 'Ticket #{{ticket.id}} is waiting for you',
          body: 'Hello {{requester.first_name}}',
        },
      ],
    });
    await createTrigger({
      name: 'Wake the agent',
      conditions: {
        all: [
          { field: 'comment', operator: 'is', value: 'from_customer' },
          { field: 'update_type', operator: 'is', value: 'commented' },
        ],
      },
      actions: [{ type: 'notify', to: { user_ids: [agent.user.id] }, subject: 'Reply on #{{ticket.id}}', body: '{{ticket.subject}}' }],
    });
    const ticket = await makeTicket(env.ctx, { requesterEmail: 'grace.hopper@example.com' });
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p2' });
    sent.length = 0;
    await updateTicket(env.ctx, agent.actor, ticket.id, { status: 'pending' });
    expect(sent).toEqual([]); // queued, not sent inside the change
    expect(await env.ctx.jobs.drain({ names: ['automation.email'] })).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ to: 'grace.hopper@example.com', subject: `Ticket #${ticket.id} is waiting for you` })]);
    expect(sent[0]?.text).toMatch(/^Hello /);

    const customer = await env.ctx.db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('value', '=', 'grace.hopper@example.com')
      .executeTakeFirstOrThrow();
    const customerActor = {
      userId: null,
      role: 'customer' as const,
      customerId: customer.customer_id,
      name: 'Grace',
      via: 'session' as const,
    };
    await addComment(env.ctx, customerActor as never, ticket.id, { body: 'Here is the log file', public: true });
    await env.ctx.jobs.drain({ names: ['automation.email'] });
    expect(sent.map((m) => m.to)).toEqual(['grace.hopper@example.com', agent.user.email]);
    // The customer's reply reopened the ticket; "changed to pending" did not fire again.
    expect((await eventsOf(ticket.id, 'automation.trigger_fired')).map((e) => (e.after as { name: string }).name)).toEqual([
      'Tell the customer',
      'Wake the agent',
    ]);
  });

  it('escalate a ticket when its SLA is breached', async () => {
    await createTrigger({
      name: 'Escalate breaches',
      conditions: { all: [{ field: 'sla', operator: 'is', value: 'breached' }] },
      actions: [
        { type: 'escalate', group_id: groupId },
        { type: 'add_tags', tags: ['sla-breached'] },
      ],
    });
    env.clock.set('2026-03-02T09:00:00Z');
    const ticket = await makeTicket(env.ctx, { priority: 'p1', channel: 'email' });
    env.clock.set('2026-03-02T09:30:00Z');
    await detectAndNotify(env.ctx);
    expect((await ticketRow(ticket.id)).tier).toBe(1);
    env.clock.set('2026-03-02T10:01:00Z');
    await detectAndNotify(env.ctx);
    expect(await ticketRow(ticket.id)).toMatchObject({ tier: 2, group_id: groupId, tags: ['sla-breached'] });
    expect(await eventsOf(ticket.id, 'ticket.escalated')).toHaveLength(1);
    // Detected once: running again changes nothing.
    await detectAndNotify(env.ctx);
    expect(await eventsOf(ticket.id, 'ticket.escalated')).toHaveLength(1);
  });
});

describe('time-based automations', () => {
  beforeEach(removeAllRules);

  it('run once per ticket when the ticket has been pending for the business hours given', async () => {
    const calendars = (await api(env.app, 'GET', '/api/v1/business-hours', { as: admin })).body.data;
    const office = calendars.find((c: { name: string }) => c.name === 'Business hours');
    const created = await api(env.app, 'POST', '/api/v1/automations', {
      as: admin,
      body: {
        name: 'Close stale pending',
        time_condition: { since: 'status_changed', hours: 16, business_hours: true, calendar_id: office.id },
        conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }] },
        actions: [
          { type: 'set', field: 'status', value: 'solved' },
          { type: 'add_tags', tags: ['auto-solved'] },
          { type: 'send_email', to: 'requester', subject: 'We solved #{{ticket.id}}', body: 'Reply to reopen it.' },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(
      (
        await api(env.app, 'POST', '/api/v1/automations', {
          as: admin,
          body: {
            name: 'On the change',
            time_condition: { since: 'created', hours: 4 },
            conditions: { all: [{ field: 'status', operator: 'changed_to', value: 'open' }] },
            actions: [{ type: 'add_tags', tags: ['x'] }],
          },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api(env.app, 'POST', '/api/v1/automations', {
          as: admin,
          body: {
            name: 'Needs a calendar',
            time_condition: { since: 'created', hours: 4, business_hours: true },
            actions: [{ type: 'add_tags', tags: ['x'] }],
          },
        })
      ).status,
    ).toBe(400);

    // Monday 09:00: pending from then on. Sixteen business hours later is Tuesday 17:00.
    env.clock.set('2026-03-02T09:00:00Z');
    const ticket = await makeTicket(env.ctx);
    const fresh = await makeTicket(env.ctx);
    await updateTicket(env.ctx, agent.actor, ticket.id, { status: 'pending' });
    env.clock.set('2026-03-03T16:59:00Z');
    expect((await runAutomations(env.ctx)).ran).toBe(0);
    env.clock.set('2026-03-03T17:00:00Z');
    expect((await runAutomations(env.ctx)).ran).toBe(1);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: 'solved', tags: ['auto-solved'] });
    expect((await ticketRow(fresh.id)).status).toBe('new');
    env.clock.set('2026-03-04T12:00:00Z');
    expect((await runAutomations(env.ctx)).ran).toBe(0);
    expect(await eventsOf(ticket.id, 'automation.ran')).toHaveLength(1);
    sent.length = 0;
    await env.ctx.jobs.drain({ names: ['automation.email'] });
    expect(sent.map((m) => m.subject)).toEqual([`We solved #${ticket.id}`]);
  });

  it('run concurrently, still only once per ticket and condition', async () => {
    const created = await api(env.app, 'POST', '/api/v1/automations', {
      as: admin,
      body: {
        name: 'Tag old new tickets',
        time_condition: { since: 'created', hours: 2 },
        conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }] },
        actions: [
          { type: 'add_tags', tags: ['waiting'] },
          { type: 'set', field: 'tier', value: 2 },
        ],
      },
    });
    expect(created.status).toBe(201);
    env.clock.set('2026-03-09T09:00:00Z');
    const tickets = await Promise.all(Array.from({ length: 6 }, () => makeTicket(env.ctx)));
    env.clock.set('2026-03-09T12:00:00Z');
    const results = await Promise.all([runAutomations(env.ctx), runAutomations(env.ctx), runAutomations(env.ctx)]);
    expect(results.reduce((sum, r) => sum + r.ran, 0)).toBeGreaterThanOrEqual(tickets.length);
    for (const ticket of tickets) {
      expect(await eventsOf(ticket.id, 'automation.ran')).toHaveLength(1);
      expect((await ticketRow(ticket.id)).tags).toEqual(['waiting']);
    }
  });
});

describe('macros', () => {
  it('apply actions and a templated reply in one step', async () => {
    const body = {
      name: 'Ask for logs',
      actions: [
        { type: 'set', field: 'status', value: 'pending' },
        { type: 'add_tags', tags: ['needs-logs'] },
        { type: 'assign', assignee_id: 'current_user' },
      ],
      reply: { body: 'Hi {{requester.first_name}}, could you send the logs for #{{ticket.id}}? — {{agent.name}}', public: true },
    };
    expect((await api(env.app, 'POST', '/api/v1/macros', { as: agent, body })).status).toBe(403);
    const macro = await api(env.app, 'POST', '/api/v1/macros', { as: admin, body });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    expect((await api(env.app, 'POST', '/api/v1/macros', { as: admin, body: { name: 'Empty' } })).status).toBe(400);
    expect(
      (
        await api(env.app, 'POST', '/api/v1/macros', {
          as: admin,
          body: { name: 'Webhooky', actions: [{ type: 'call_webhook', subscription_id: 1 }] },
        })
      ).status,
    ).toBe(400);
    const list = await api(env.app, 'GET', '/api/v1/macros', { as: agent });
    expect(list.body.data.map((m: { name: string }) => m.name)).toContain('Ask for logs');

    const ticket = await makeTicket(env.ctx, { requesterEmail: 'linus@example.com' });
    await env.ctx.db.updateTable('customers').set({ name: 'Linus Torvalds' }).where('id', '=', ticket.requester_id).execute();
    const preview = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}/macros/${macro.body.id}/preview`, { as: agent });
    expect(preview.status).toBe(200);
    expect(preview.body.reply.body).toBe(`Hi Linus, could you send the logs for #${ticket.id}? — Ada Agent`);
    expect(preview.body.changes).toMatchObject({ status: 'pending', assignee_id: agent.user.id });

    const stale = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.body.id}/apply`, {
      as: agent,
      body: { version: 999 },
    });
    expect(stale.status).toBe(409);
    const applied = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.body.id}/apply`, { as: agent, body: {} });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ status: 'pending', tags: ['needs-logs'], assignee_id: agent.user.id });
    const comments = await env.ctx.db
      .selectFrom('ticket_comments')
      .select(['body', 'public', 'author_user_id'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(comments.at(-1)).toEqual({ body: preview.body.reply.body, public: true, author_user_id: agent.user.id });
    expect((await api(env.app, 'GET', `/api/v1/macros/${macro.body.id}`, { as: agent })).body.usage_count).toBe(1);
    expect((await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/macros/999999/apply`, { as: agent, body: {} })).status).toBe(404);
  });
});

describe('bad input', () => {
  it('is a clear 4xx on every automation, macro and webhook route', async () => {
    const cases: [string, string, unknown][] = [
      ['GET', '/api/v1/triggers/abc', undefined],
      ['GET', '/api/v1/triggers/999999', undefined],
      ['PATCH', '/api/v1/triggers/999999', { name: 'x' }],
      ['PATCH', '/api/v1/triggers/1', []],
      ['PUT', '/api/v1/triggers/order', { ids: [1, 1] }],
      ['PUT', '/api/v1/triggers/order', { ids: 'all' }],
      [
        'POST',
        '/api/v1/triggers',
        { name: 'x', conditions: { all: [{ field: 'status', operator: 'is', value: { $gt: 1 } }] }, actions: [] },
      ],
      [
        'POST',
        '/api/v1/automations',
        { name: 'x', time_condition: { since: 'yesterday', hours: 1 }, actions: [{ type: 'add_tags', tags: ['a'] }] },
      ],
      [
        'POST',
        '/api/v1/automations',
        { name: 'x', time_condition: { since: 'created', hours: -1 }, actions: [{ type: 'add_tags', tags: ['a'] }] },
      ],
      [
        'POST',
        '/api/v1/automations',
        {
          name: 'x',
          time_condition: { since: 'created', hours: 1, business_hours: true, calendar_id: 999_999 },
          actions: [{ type: 'add_tags', tags: ['a'] }],
        },
      ],
      ['DELETE', '/api/v1/automations/999999', undefined],
      ['POST', '/api/v1/macros', { name: 'x', actions: [{ type: 'add_tags', tags: ['has space'] }] }],
      ['POST', '/api/v1/macros', { name: 'x', reply: { body: '' } }],
      ['GET', '/api/v1/macros?include_inactive=maybe', undefined],
      ['POST', '/api/v1/tickets/999999/macros/1/apply', {}],
      ['POST', '/api/v1/tickets/1/macros/abc/apply', {}],
      ['POST', '/api/v1/tickets/1/macros/1/apply', { version: 'one' }],
      ['GET', '/api/v1/tickets/999999/macros/1/preview', undefined],
      ['POST', '/api/v1/webhooks', { name: 'x', url: 'not a url', event_types: ['ticket.created'] }],
      ['POST', '/api/v1/webhooks', { name: 'x', url: 'javascript:alert(1)', event_types: ['ticket.created'] }],
      ['PATCH', '/api/v1/webhooks/999999', { name: 'x' }],
      ['PATCH', '/api/v1/webhooks/1', { active: true }],
      ['POST', '/api/v1/webhooks/999999/enable', undefined],
      ['POST', '/api/v1/webhooks/999999/ping', undefined],
      ['GET', '/api/v1/webhooks/999999/deliveries', undefined],
      ['GET', '/api/v1/webhooks/1/deliveries?cursor=%%%', undefined],
      ['GET', '/api/v1/webhooks/1/deliveries?limit=0', undefined],
      ['POST', '/api/v1/webhooks/1/deliveries/999999/redeliver', undefined],
    ];
    for (const [method, url, body] of cases) {
      const response = await api(env.app, method, url, { as: admin, body });
      expect(response.status, `${method} ${url} → ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${url}`).toBeLessThan(500);
    }
  });
});

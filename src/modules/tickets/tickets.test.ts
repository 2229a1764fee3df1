import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let agent: TestUser;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'associate');
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(() => env.close());

describe('creating a ticket', () => {
  it('answers 201 with the ticket, its requester found or created by email', async () => {
    const { status, body, headers } = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: {
        subject: 'Refund not received',
        description: 'I was promised a refund two weeks ago.',
        requester: { email: 'Dana@Example.com', name: 'Dana' },
        priority: 'p2',
        tags: ['refund'],
      },
    });
    expect(status).toBe(201);
    expect(headers.location).toBe(`/api/v1/tickets/${body.id}`);
    expect(body).toMatchObject({
      subject: 'Refund not received',
      status: 'new',
      priority: 'p2',
      tags: ['refund'],
      channel: 'api',
      requester: { name: 'Dana', email: 'dana@example.com' },
    });
    const again = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 'Another', description: 'x', requester: { email: 'dana@example.com' } },
    });
    expect(again.body.requester_id).toBe(body.requester_id);
    expect(again.body.id).toBe(body.id + 1);
  });

  it('normalises a phone requester to E.164 and matches it later', async () => {
    const first = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 'Call back', description: 'Please call', requester: { phone: '+44 20 7946 0958' }, channel: 'voice' },
    });
    const second = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 'Again', description: 'Still waiting', requester: { phone: '+442079460958' } },
    });
    expect(first.status).toBe(201);
    expect(second.body.requester_id).toBe(first.body.requester_id);
    const customer = await api(env.app, 'GET', `/api/v1/customers/${first.body.requester_id}`, { as: agent });
    expect(customer.body.identities).toEqual([expect.objectContaining({ kind: 'phone', value: '+442079460958' })]);
  });

  it('requires a requester from agents and refuses an invalid email', async () => {
    expect((await api(env.app, 'POST', '/api/v1/tickets', { as: agent, body: { subject: 's', description: 'd' } })).status).toBe(400);
    const bad = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 's', description: 'd', requester: { email: 'not-an-email' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/not an email/);
  });

  it('sets the taxonomy at intake by path or slug and refuses an unknown category', async () => {
    const product = await api(env.app, 'POST', '/api/v1/categories', { as: admin, body: { name: 'Billing' } });
    const category = await api(env.app, 'POST', '/api/v1/categories', { as: admin, body: { name: 'Refunds', parent_id: product.body.id } });
    expect(category.body.path).toBe('billing/refunds');
    const ticket = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 's', description: 'd', requester: { email: 'tax@example.com' }, category: 'billing/refunds' },
    });
    expect(ticket.body.category).toEqual({ id: category.body.id, name: 'Refunds', path: 'billing/refunds' });
    const unknown = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { subject: 's', description: 'd', requester: { email: 'tax@example.com' }, category: 'billing/nothing' },
    });
    expect(unknown.status).toBe(400);
  });
});

describe('custom fields', () => {
  it('validates each type, reports every problem at once, and enforces required fields', async () => {
    await api(env.app, 'POST', '/api/v1/custom-fields', { as: admin, body: { key: 'order_total', label: 'Order total', type: 'number' } });
    await api(env.app, 'POST', '/api/v1/custom-fields', {
      as: admin,
      body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Team'] },
    });
    await api(env.app, 'POST', '/api/v1/custom-fields', { as: admin, body: { key: 'renewal', label: 'Renewal', type: 'date' } });
    await api(env.app, 'POST', '/api/v1/custom-fields', { as: admin, body: { key: 'vip', label: 'VIP', type: 'checkbox' } });
    const noOptions = await api(env.app, 'POST', '/api/v1/custom-fields', {
      as: admin,
      body: { key: 'size', label: 'Size', type: 'dropdown' },
    });
    expect(noOptions.status).toBe(400);

    const base = { subject: 's', description: 'd', requester: { email: 'cf@example.com' } };
    const bad = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { ...base, custom_fields: { order_total: 'ten', plan: 'Gold', renewal: '2026-02-30', vip: 'yes', colour: 'red' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['custom_fields.colour', 'custom_fields.order_total', 'custom_fields.plan', 'custom_fields.renewal', 'custom_fields.vip'].sort(),
    );
    const good = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: { ...base, custom_fields: { order_total: 10.5, plan: 'Team', renewal: '2026-02-28', vip: true } },
    });
    expect(good.status).toBe(201);
    expect(good.body.custom_fields).toEqual({ order_total: 10.5, plan: 'Team', renewal: '2026-02-28', vip: true });

    await api(env.app, 'POST', '/api/v1/custom-fields', {
      as: admin,
      body: { key: 'contract', label: 'Contract', type: 'text', required: true },
    });
    const missing = await api(env.app, 'POST', '/api/v1/tickets', { as: agent, body: base });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'custom_fields.contract', message: 'Contract is required' }]);
    const fields = await api(env.app, 'GET', '/api/v1/custom-fields', { as: admin });
    const contract = fields.body.data.find((f: { key: string }) => f.key === 'contract');
    await api(env.app, 'PATCH', `/api/v1/custom-fields/${contract.id}`, { as: admin, body: { required: false } });
  });
});

describe('the status machine over the API', () => {
  it('refuses a forbidden transition with 422 and the allowed ones', async () => {
    const ticket = await makeTicket(env.ctx);
    const closed = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'closed' } });
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('invalid_transition');
    expect(closed.body.allowed).toEqual(['open', 'pending', 'on_hold', 'solved']);
  });

  it('records solve and close times, and a closed ticket no longer changes', async () => {
    const ticket = await makeTicket(env.ctx);
    env.clock.advance(60_000);
    const solved = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'solved' } });
    expect(solved.body.solved_at).toBe(env.clock.now().toISOString());
    const closed = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'closed' } });
    expect(closed.body.closed_at).not.toBeNull();
    const change = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p1' } });
    expect(change.status).toBe(422);
  });

  it('requires a resolution code to solve when the admin says so', async () => {
    await api(env.app, 'PATCH', '/api/v1/settings/tickets', { as: admin, body: { resolution_code_required: true } });
    await api(env.app, 'POST', '/api/v1/resolution-codes', { as: admin, body: { code: 'answered', label: 'Answered' } });
    const ticket = await makeTicket(env.ctx);
    const without = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'solved' } });
    expect(without.status).toBe(400);
    expect(without.body.errors[0].path).toBe('resolution_code');
    const unknown = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { status: 'solved', resolution_code: 'magic' },
    });
    expect(unknown.status).toBe(400);
    const withCode = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { status: 'solved', resolution_code: 'answered' },
    });
    expect(withCode.status).toBe(200);
    await api(env.app, 'PATCH', '/api/v1/settings/tickets', { as: admin, body: { resolution_code_required: false } });
  });

  it('opens a new ticket when it is assigned, and records each change as an event with before and after', async () => {
    const ticket = await makeTicket(env.ctx);
    const assigned = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { assignee_id: agent.user.id, priority: 'p1' },
    });
    expect(assigned.body).toMatchObject({
      status: 'open',
      assignee: { id: agent.user.id, name: agent.user.name },
      priority: 'p1',
      version: 2,
    });
    const events = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}/events`, { as: agent });
    const changes = events.body.data.filter((e: { type: string }) => e.type === 'ticket.field_changed');
    expect(changes.map((e: { field: string; before: unknown; after: unknown }) => [e.field, e.before, e.after])).toEqual([
      ['status', 'new', 'open'],
      ['priority', 'p3', 'p1'],
      ['assignee_id', null, agent.user.id],
    ]);
    expect(changes[0].actor).toEqual({ type: 'agent', id: agent.user.id, name: agent.user.name });
  });

  it('refuses to assign a ticket to a customer or an unknown user', async () => {
    const ticket = await makeTicket(env.ctx);
    const customer = await makeUser(env.ctx, 'customer');
    for (const assignee_id of [customer.user.id, 999_999]) {
      const response = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { assignee_id } });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe('assignee_id');
    }
  });
});

describe('replies and notes', () => {
  it('keeps internal notes from the customer and reopens a solved ticket when the customer replies', async () => {
    const customer = await makeUser(env.ctx, 'customer');
    const created = await api(env.app, 'POST', '/api/v1/tickets', { as: customer, body: { subject: 'Broken', description: 'It broke' } });
    expect(created.body.channel).toBe('web');
    const id = created.body.id;
    await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, { as: agent, body: { body: 'Looks like bug #42', public: false } });
    env.clock.advance(5 * 60_000);
    const reply = await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, {
      as: agent,
      body: { body: 'Fixed, please retry.', status: 'solved' },
    });
    expect(reply.status).toBe(201);
    const afterReply = await api(env.app, 'GET', `/api/v1/tickets/${id}`, { as: agent });
    expect(afterReply.body).toMatchObject({ status: 'solved', first_response_at: env.clock.now().toISOString() });

    const seen = await api(env.app, 'GET', `/api/v1/tickets/${id}/comments`, { as: customer });
    expect(seen.body.data.map((c: { body: string }) => c.body)).toEqual(['It broke', 'Fixed, please retry.']);
    const internal = await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, {
      as: customer,
      body: { body: 'sneaky', public: false },
    });
    expect(internal.status).toBe(403);

    const back = await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, { as: customer, body: { body: 'Still broken' } });
    expect(back.body.author).toMatchObject({ type: 'customer' });
    const reopened = await api(env.app, 'GET', `/api/v1/tickets/${id}`, { as: agent });
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.solved_at).toBeNull();
    const events = await api(env.app, 'GET', `/api/v1/tickets/${id}/events`, { as: agent });
    expect(events.body.data.some((e: { type: string }) => e.type === 'ticket.reopened')).toBe(true);
  });

  it('starts a linked follow-up when the customer replies to a closed ticket', async () => {
    const customer = await makeUser(env.ctx, 'customer');
    const created = await api(env.app, 'POST', '/api/v1/tickets', {
      as: customer,
      body: { subject: 'Invoice', description: 'Wrong VAT', tags: ['billing'] },
    });
    const id = created.body.id;
    await api(env.app, 'PATCH', `/api/v1/tickets/${id}`, { as: agent, body: { status: 'solved' } });
    await api(env.app, 'PATCH', `/api/v1/tickets/${id}`, { as: agent, body: { status: 'closed' } });
    const reply = await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, { as: customer, body: { body: 'Same problem this month' } });
    expect(reply.status).toBe(201);
    expect(reply.body.ticket_id).not.toBe(id);
    const followUp = await api(env.app, 'GET', `/api/v1/tickets/${reply.body.ticket_id}`, { as: customer });
    expect(followUp.body).toMatchObject({ follow_up_of_id: id, status: 'new', subject: 'Re: Invoice', tags: ['billing'] });
    const links = await api(env.app, 'GET', `/api/v1/tickets/${id}/links`, { as: agent });
    expect(links.body.data).toEqual([expect.objectContaining({ kind: 'follow_up', ticket_id: reply.body.ticket_id })]);
    const agentReply = await api(env.app, 'POST', `/api/v1/tickets/${id}/comments`, { as: agent, body: { body: 'hello?' } });
    expect(agentReply.status).toBe(422);
  });
});

describe('concurrent updates', () => {
  it('answers 409 to a stale version instead of losing either change', async () => {
    const ticket = await makeTicket(env.ctx);
    const first = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p1', version: 1 } });
    expect(first.status).toBe(200);
    const stale = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p4', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', current_version: 2 });
    const viaHeader = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { priority: 'p4' },
      headers: { 'if-match': '"1"' },
    });
    expect(viaHeader.status).toBe(409);
    const current = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: agent });
    expect(current.body.priority).toBe('p1');
  });

  it('applies two simultaneous updates of different fields without losing either', async () => {
    const ticket = await makeTicket(env.ctx);
    const results = await Promise.all([
      api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p2' } }),
      api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { add_tags: ['urgent'] } }),
      api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { add_tags: ['vip'] } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const current = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: agent });
    expect(current.body.priority).toBe('p2');
    expect([...current.body.tags].sort()).toEqual(['urgent', 'vip']);
    expect(current.body.version).toBe(4);
  });

  it('lets exactly one of two updates carrying the same version win', async () => {
    const ticket = await makeTicket(env.ctx);
    const results = await Promise.all([
      api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p1', version: 1 } }),
      api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p4', version: 1 } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('merging and linking tickets', () => {
  it('moves the conversation into the target, closes the source, and forwards later replies', async () => {
    const source = await makeTicket(env.ctx, { requesterEmail: 'merge@example.com', tags: ['a'] });
    const target = await makeTicket(env.ctx, { requesterEmail: 'merge@example.com', tags: ['b'] });
    const merged = await api(env.app, 'POST', `/api/v1/tickets/${source.id}/merge`, { as: agent, body: { target_id: target.id } });
    expect(merged.status).toBe(200);
    expect([...merged.body.tags].sort()).toEqual(['a', 'b']);
    const closed = await api(env.app, 'GET', `/api/v1/tickets/${source.id}`, { as: agent });
    expect(closed.body).toMatchObject({ status: 'closed', merged_into_id: target.id });
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${target.id}/comments`, { as: agent });
    expect(comments.body.data).toHaveLength(2);
    const again = await api(env.app, 'POST', `/api/v1/tickets/${source.id}/merge`, { as: agent, body: { target_id: target.id } });
    expect(again.status).toBe(422);
    const self = await api(env.app, 'POST', `/api/v1/tickets/${target.id}/merge`, { as: agent, body: { target_id: target.id } });
    expect(self.status).toBe(422);
  });

  it('links parent and child, related and duplicate tickets both ways', async () => {
    const parent = await makeTicket(env.ctx);
    const child = await makeTicket(env.ctx);
    const linked = await api(env.app, 'POST', `/api/v1/tickets/${child.id}/links`, {
      as: agent,
      body: { target_id: parent.id, kind: 'parent' },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.data).toEqual([expect.objectContaining({ kind: 'parent', ticket_id: parent.id })]);
    const fromParent = await api(env.app, 'GET', `/api/v1/tickets/${parent.id}/links`, { as: agent });
    expect(fromParent.body.data).toEqual([expect.objectContaining({ kind: 'child', ticket_id: child.id })]);
    const duplicate = await api(env.app, 'POST', `/api/v1/tickets/${child.id}/links`, {
      as: agent,
      body: { target_id: parent.id, kind: 'parent' },
    });
    expect(duplicate.status).toBe(409);
    const removed = await api(env.app, 'DELETE', `/api/v1/tickets/${parent.id}/links/${linked.body.data[0].id}`, { as: agent });
    expect(removed.body.data).toEqual([]);
  });
});

describe('unknown ids', () => {
  it('answers 404 problem+json for tickets that do not exist', async () => {
    const response = await api(env.app, 'GET', '/api/v1/tickets/424242', { as: agent });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('ticket_not_found');
  });
});

describe('searching', () => {
  it('pages through results with a cursor, in order, without repeats', async () => {
    const tag = `page${Date.now()}`;
    const created: number[] = [];
    for (let i = 0; i < 5; i++) {
      env.clock.advance(1000);
      created.push((await makeTicket(env.ctx, { tags: [tag] })).id);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/tickets?q=${encodeURIComponent(`tag:${tag} order_by:created sort:asc`)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api(env.app, 'GET', query, { as: agent });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((t: { id: number }) => t.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(created);
    const bad = await api(env.app, 'GET', '/api/v1/tickets?cursor=not-a-cursor', { as: agent });
    expect(bad.status).toBe(400);
  });

  it('names the position of a syntax error', async () => {
    const response = await api(env.app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('status:open priority:p7')}`, { as: agent });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_query', position: 21 });
    expect(response.body.detail).toContain('p7');
  });

  it('finds words in messages, but a customer is not matched through an internal note', async () => {
    const customer = await makeUser(env.ctx, 'customer');
    const created = await api(env.app, 'POST', '/api/v1/tickets', {
      as: customer,
      body: { subject: 'Sync stopped', description: 'Nothing syncs' },
    });
    await api(env.app, 'POST', `/api/v1/tickets/${created.body.id}/comments`, {
      as: agent,
      body: { body: 'Known regression zebrafish', public: false },
    });
    const asAgent = await api(env.app, 'GET', '/api/v1/tickets?q=zebrafish', { as: agent });
    expect(asAgent.body.data.map((t: { id: number }) => t.id)).toEqual([created.body.id]);
    const asCustomer = await api(env.app, 'GET', '/api/v1/tickets?q=zebrafish', { as: customer });
    expect(asCustomer.body.data).toEqual([]);
    const own = await api(env.app, 'GET', '/api/v1/tickets?q=syncs', { as: customer });
    expect(own.body.data.map((t: { id: number }) => t.id)).toEqual([created.body.id]);
  });
});

describe('reopening', () => {
  it('clears the resolution of a solved ticket when it reopens', async () => {
    await api(env.app, 'POST', '/api/v1/resolution-codes', { as: admin, body: { code: 'configuration', label: 'Configuration' } });
    const ticket = await makeTicket(env.ctx);
    await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { status: 'solved', resolution_code: 'configuration' },
    });
    const reopened = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'open' } });
    expect(reopened.body).toMatchObject({ status: 'open', resolution_code: null, solved_at: null });
  });
});

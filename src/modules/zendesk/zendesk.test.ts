import type { AddressInfo } from 'node:net';
import { createClient } from 'node-zendesk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { systemActor } from '../../platform/context.ts';
import { createCustomField } from '../taxonomy/index.ts';
import { translateSearch } from './zendesk.mapping.ts';
import { ZENDESK_REQUESTS_PER_MINUTE } from './zendesk.routes.ts';

let env: TestEnvironment;
let agent: TestUser;
let customer: TestUser;
let endpointUri: string;
let fieldId: number;

const basic = (login: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}` });

// node-zendesk's types are loose (any); the client under test is the real package over real HTTP.
// biome-ignore lint/suspicious/noExplicitAny: the client's own result types
type Any = any;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'manager', { email: 'lee@example.com' });
  customer = await makeUser(env.ctx, 'customer');
  fieldId = (await createCustomField(env.ctx, systemActor, { key: 'order_id', label: 'Order id', type: 'text' })).id;
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  endpointUri = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}/api/v2`;
});
afterAll(async () => env?.close());

const client = (options: Record<string, unknown> = {}) =>
  createClient({ username: agent.user.email, token: agent.token, endpointUri, ...options } as Parameters<typeof createClient>[0]);

describe('the Zendesk API v2 through node-zendesk', () => {
  it('authenticates with email/token and answers users/me', async () => {
    const me: Any = await client().users.me();
    expect(me.result ?? me).toMatchObject({ id: agent.user.id, email: 'lee@example.com', role: 'agent' });
  });

  it('creates, shows, updates and lists tickets with Zendesk field names and values', async () => {
    const zd = client();
    const created: Any = await zd.tickets.create({
      ticket: {
        subject: 'Printer on fire',
        comment: { body: 'It started smoking.' },
        requester: { name: 'Ana Ruiz', email: 'ana@example.com' },
        priority: 'urgent',
        type: 'incident',
        tags: ['hardware'],
        custom_fields: [{ id: fieldId, value: 'A-100' }],
      },
    } as Any);
    const ticket = created.result ?? created;
    expect(ticket).toMatchObject({
      subject: 'Printer on fire',
      priority: 'urgent',
      status: 'new',
      type: 'incident',
      tags: ['hardware'],
      description: 'It started smoking.',
      custom_fields: [{ id: fieldId, value: 'A-100' }],
    });
    expect(ticket.url).toBe(`${endpointUri}/tickets/${ticket.id}.json`);
    expect(ticket.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const shown: Any = await zd.tickets.show(ticket.id);
    expect((shown.result ?? shown).requester_id).toBe(ticket.requester_id);

    const updated: Any = await zd.tickets.update(ticket.id, {
      ticket: { status: 'hold', priority: 'low', comment: { body: 'Waiting on the vendor.', public: false } },
    } as Any);
    expect(updated.result ?? updated).toMatchObject({ status: 'hold', priority: 'low' });

    const comments: Any = await zd.tickets.getComments(ticket.id);
    const list = (comments.result ?? comments) as Any[];
    expect(list.map((c: Any) => [c.body, c.public])).toEqual([
      ['It started smoking.', true],
      ['Waiting on the vendor.', false],
    ]);

    const many: Any = await zd.tickets.showMany([ticket.id, 999_999]);
    expect((many.result ?? many).map((t: Any) => t.id)).toEqual([ticket.id]);
  });

  it('walks offset pages to the end (next_page) when listing tickets', async () => {
    for (let i = 0; i < 3; i++) await makeTicket(env.ctx, { subject: `Batch ${i}` });
    const all: Any = await client().tickets.list();
    const total = (await api(env.app, 'GET', '/api/v2/tickets.json?per_page=1', { as: agent })).body.count;
    expect((all.result ?? all).length).toBe(total);
  });

  it('searches with Zendesk query syntax and counts', async () => {
    const found: Any = await client().search.query('type:ticket priority:low status:hold');
    const results = (found.result ?? found) as Any;
    const rows = Array.isArray(results) ? results : results.results;
    expect(rows.map((r: Any) => r.subject)).toEqual(['Printer on fire']);
  });

  it('lists users, organizations, groups and memberships, changes tags, reads audits and the incremental export', async () => {
    const zd = client();
    const users: Any = await zd.users.list();
    expect((users.result ?? users).map((u: Any) => u.email)).toContain('lee@example.com');
    await api(env.app, 'POST', '/api/v2/organizations.json', {
      as: agent,
      body: { organization: { name: 'Globex', domain_names: ['globex.com'] } },
    });
    const orgs: Any = await zd.organizations.list();
    expect((orgs.result ?? orgs).map((o: Any) => o.name)).toContain('Globex');
    const groups: Any = await zd.groups.list();
    expect(Array.isArray(groups.result ?? groups)).toBe(true);
    const memberships: Any = await zd.groupmemberships.list();
    expect(Array.isArray(memberships.result ?? memberships)).toBe(true);

    const t = await makeTicket(env.ctx, { subject: 'Tagged', tags: ['one'] });
    await zd.tickets.addTags(t.id, { tags: ['two'] } as Any);
    expect((await api(env.app, 'GET', `/api/v2/tickets/${t.id}/tags.json`, { as: agent })).body.tags.sort()).toEqual(['one', 'two']);
    await zd.tickets.updateTags(t.id, { tags: ['three'] } as Any);
    const removed = await api(env.app, 'DELETE', `/api/v2/tickets/${t.id}/tags.json`, { as: agent, body: { tags: ['three'] } });
    expect(removed.body.tags).toEqual([]);

    const audits: Any = await zd.tickets.exportAudit(t.id);
    const list = (audits.result ?? audits) as Any[];
    expect(list[0].events[0].type).toBe('Create');
    expect(list.some((a: Any) => a.events[0].field_name === 'tags')).toBe(true);

    const exported: Any = await zd.tickets.incremental(0 as Any);
    const rows = (exported.result ?? exported) as Any[];
    const total = (await api(env.app, 'GET', '/api/v2/tickets.json', { as: agent })).body.count;
    expect(rows.length).toBe(total);
  });

  it('exports incrementally by cursor until end_of_stream', async () => {
    const ids: number[] = [];
    let next: string | null = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=2';
    let guard = 0;
    while (next && guard++ < 50) {
      const page = await api(env.app, 'GET', next.replace(/^http:\/\/[^/]+/, ''), { as: agent });
      expect(page.status).toBe(200);
      ids.push(...page.body.tickets.map((t: { id: number }) => t.id));
      next = page.body.end_of_stream ? null : page.body.after_url;
    }
    const total = (await api(env.app, 'GET', '/api/v2/tickets.json', { as: agent })).body.count;
    expect(new Set(ids).size).toBe(total);
    expect((await api(env.app, 'GET', '/api/v2/incremental/tickets/cursor.json', { as: agent })).status).toBe(422);
  });

  it('answers Zendesk-shaped errors through the client (404)', async () => {
    await expect(client().tickets.show(987_654)).rejects.toThrow();
  });

  it('refuses a wrong token', async () => {
    await expect(client({ token: 'nope' }).users.me()).rejects.toThrow();
  });
});

describe('the Zendesk API v2 over HTTP', () => {
  it('takes email:password and Bearer too, and 401s in Zendesk shape', async () => {
    expect((await api(env.app, 'GET', '/api/v2/users/me.json', { headers: basic(agent.user.email, 'correct horse battery') })).status).toBe(
      200,
    );
    expect((await api(env.app, 'GET', '/api/v2/users/me', { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(200);
    const bad = await api(env.app, 'GET', '/api/v2/users/me.json', { headers: basic(agent.user.email, 'wrong password') });
    expect(bad).toMatchObject({ status: 401, body: { error: "Couldn't authenticate you" } });
    expect(await api(env.app, 'GET', '/api/v2/tickets.json')).toMatchObject({ status: 401 });
  });

  it('answers RecordNotFound, RecordInvalid with details, Forbidden and InvalidEndpoint', async () => {
    expect(await api(env.app, 'GET', '/api/v2/tickets/424242.json', { as: agent })).toMatchObject({
      status: 404,
      body: { error: 'RecordNotFound', description: 'Not found' },
    });
    const invalid = await api(env.app, 'POST', '/api/v2/tickets.json', {
      as: agent,
      body: { ticket: { subject: 'x', priority: 'extreme' } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
    expect(invalid.body.details.priority[0].description).toContain('priority');
    expect((await api(env.app, 'POST', '/api/v2/tickets.json', { as: agent, body: { nope: 1 } })).status).toBe(422);
    expect((await api(env.app, 'GET', '/api/v2/tickets.json', { as: customer })).body).toMatchObject({ error: 'Forbidden' });
    expect(await api(env.app, 'GET', '/api/v2/no_such_thing.json', { as: agent })).toMatchObject({
      status: 404,
      body: { error: 'InvalidEndpoint' },
    });
    expect((await api(env.app, 'GET', '/api/v2/tickets.json?per_page=0', { as: agent })).status).toBe(422);
    expect((await api(env.app, 'GET', '/api/v2/search.json?query=status%3Cbogus', { as: agent })).status).toBe(400);
  });

  it('paginates by cursor: page[size], meta.has_more, absolute links.next, null at the end', async () => {
    const seen: number[] = [];
    let next: string | null = '/api/v2/tickets.json?page[size]=2';
    let pages = 0;
    while (next) {
      const page = await api(env.app, 'GET', next.replace(/^http:\/\/[^/]+/, ''), { as: agent });
      expect(page.status).toBe(200);
      seen.push(...page.body.tickets.map((t: { id: number }) => t.id));
      expect(page.body.meta.has_more).toBe(page.body.links.next !== null);
      if (page.body.links.next) expect(page.body.links.next).toMatch(/^http:\/\/.+\/api\/v2\/tickets\.json\?page\[size\]=2&page\[after\]=/);
      next = page.body.links.next;
      pages++;
    }
    const total = (await api(env.app, 'GET', '/api/v2/tickets.json', { as: agent })).body.count;
    expect(seen).toHaveLength(total);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(pages).toBe(Math.ceil(total / 2));
  });

  it('refuses a stale safe_update with 409 and applies a fresh one', async () => {
    const t = (
      await api(env.app, 'POST', '/api/v2/tickets', {
        as: agent,
        body: { ticket: { comment: { body: 'Hello' }, requester_id: agent.user.id } },
      })
    ).body.ticket;
    const stale = '2020-01-01T00:00:00Z';
    const conflict = await api(env.app, 'PUT', `/api/v2/tickets/${t.id}.json`, {
      as: agent,
      body: { ticket: { subject: 'New', safe_update: true, updated_stamp: stale } },
    });
    expect(conflict).toMatchObject({ status: 409, body: { error: 'UpdateConflict' } });
    const ok = await api(env.app, 'PUT', `/api/v2/tickets/${t.id}.json`, {
      as: agent,
      body: { ticket: { subject: 'New', safe_update: true, updated_stamp: t.updated_stamp } },
    });
    expect(ok).toMatchObject({ status: 200, body: { ticket: { subject: 'New' } } });
  });

  it('creates organizations and answers 422 on a duplicate name', async () => {
    const created = await api(env.app, 'POST', '/api/v2/organizations.json', { as: agent, body: { organization: { name: 'Acme' } } });
    expect(created).toMatchObject({ status: 201, body: { organization: { name: 'Acme' } } });
    const shown = await api(env.app, 'GET', `/api/v2/organizations/${created.body.organization.id}.json`, { as: agent });
    expect(shown.body.organization.name).toBe('Acme');
    const dup = await api(env.app, 'POST', '/api/v2/organizations.json', { as: agent, body: { organization: { name: 'Acme' } } });
    expect(dup).toMatchObject({ status: 422, body: { error: 'RecordInvalid' } });
  });

  it('lists ticket fields and counts searches', async () => {
    const fields = await api(env.app, 'GET', '/api/v2/ticket_fields.json', { as: agent });
    expect(fields.body.ticket_fields).toEqual([expect.objectContaining({ id: fieldId, title: 'Order id', type: 'text' })]);
    const count = await api(env.app, 'GET', '/api/v2/search/count.json?query=type%3Aticket%20priority%3Eurgent', { as: agent });
    expect(count).toMatchObject({ status: 200, body: { count: 0 } });
  });

  it('answers 429 with Retry-After once the minute budget is spent', async () => {
    const limited = await makeUser(env.ctx, 'associate');
    let last = 0;
    for (let i = 0; i <= ZENDESK_REQUESTS_PER_MINUTE; i++) {
      last = (await env.app.inject({ method: 'GET', url: '/api/v2/users/me.json', headers: limited.auth })).statusCode;
    }
    const response = await env.app.inject({ method: 'GET', url: '/api/v2/users/me.json', headers: limited.auth });
    expect(last).toBe(429);
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    env.clock.advance(61_000);
    expect((await env.app.inject({ method: 'GET', url: '/api/v2/users/me.json', headers: limited.auth })).statusCode).toBe(200);
  });
});

describe('Zendesk search translation', () => {
  it('maps priorities, hold, tags and flips priority bounds', () => {
    expect(translateSearch('type:ticket status<solved priority:urgent tags:vip,billing requester:a@b.co created>2026-01-01')?.q).toBe(
      'status<solved priority:p1 tag:vip,billing requester:a@b.co created>2026-01-01',
    );
    expect(translateSearch('status:hold priority>normal order_by:created_at sort:desc')?.q).toBe(
      'status:on_hold priority<p3 order_by:created sort:desc',
    );
    expect(translateSearch('type:user lee')).toBeNull();
  });
});

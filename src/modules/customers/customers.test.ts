import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { normaliseIdentity } from './identities.ts';

let env: TestEnvironment;
let manager: TestUser;
let associate: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  manager = await makeUser(env.ctx, 'manager');
  associate = await makeUser(env.ctx, 'associate');
});
afterAll(() => env.close());

describe('identities', () => {
  it('normalises emails, phones and handles to one canonical form', () => {
    expect(normaliseIdentity('email', ' Bob@Example.COM ')).toBe('bob@example.com');
    expect(normaliseIdentity('phone', '+1 (415) 555-2671')).toBe('+14155552671');
    expect(normaliseIdentity('phone', '(415) 555-2671')).toBe('+14155552671');
    expect(normaliseIdentity('social', '@Frontline')).toBe('@frontline');
    expect(() => normaliseIdentity('phone', '12')).toThrow(/not a possible phone number/);
    expect(() => normaliseIdentity('email', 'bob@')).toThrow(/not an email/);
  });
});

describe('customers', () => {
  it('finds one customer by any of their identities, however it is written', async () => {
    const created = await api(env.app, 'POST', '/api/v1/customers', {
      as: associate,
      body: {
        name: 'Grace Hopper',
        identities: [
          { kind: 'email', value: 'Grace@Navy.mil' },
          { kind: 'phone', value: '+1 202 555 0143' },
          { kind: 'chat', value: 'visitor-77' },
          { kind: 'social', value: '@amazinggrace' },
        ],
      },
    });
    expect(created.status).toBe(201);
    for (const identity of ['grace@navy.mil', 'GRACE@NAVY.MIL', '+12025550143', '+1 (202) 555-0143', 'visitor-77', '@AmazingGrace']) {
      const found = await api(env.app, 'GET', `/api/v1/customers?identity=${encodeURIComponent(identity)}`, { as: associate });
      expect(
        found.body.data.map((c: { id: number }) => c.id),
        identity,
      ).toEqual([created.body.id]);
    }
  });

  it('refuses an identity that belongs to someone else', async () => {
    await api(env.app, 'POST', '/api/v1/customers', {
      as: associate,
      body: { name: 'A', identities: [{ kind: 'email', value: 'taken@example.com' }] },
    });
    const second = await api(env.app, 'POST', '/api/v1/customers', {
      as: associate,
      body: { name: 'B', identities: [{ kind: 'email', value: 'TAKEN@example.com' }] },
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('identity_taken');
  });

  it('places a customer in the organization that owns their email domain', async () => {
    const org = await api(env.app, 'POST', '/api/v1/organizations', {
      as: manager,
      body: { name: 'Acme', domains: ['acme.test'], lifetime_value_cents: 12_500_000, value_tier: 'gold' },
    });
    expect(org.status).toBe(201);
    const ticket = await api(env.app, 'POST', '/api/v1/tickets', {
      as: associate,
      body: { subject: 's', description: 'd', requester: { email: 'wile@acme.test' } },
    });
    expect(ticket.body.organization_id).toBe(org.body.id);
  });

  it('merges two customers: identities, tickets and history move, the source points at the target', async () => {
    const target = await api(env.app, 'POST', '/api/v1/customers', {
      as: associate,
      body: { name: 'Ada', identities: [{ kind: 'email', value: 'ada@work.test' }] },
    });
    const ticketA = await makeTicket(env.ctx, { requesterEmail: 'ada@work.test' });
    const ticketB = await makeTicket(env.ctx, { requesterEmail: 'ada@home.test' });
    const sourceId = ticketB.requester_id;
    const forbidden = await api(env.app, 'POST', `/api/v1/customers/${target.body.id}/merge`, {
      as: associate,
      body: { source_id: sourceId },
    });
    expect(forbidden.status).toBe(403);

    const merged = await api(env.app, 'POST', `/api/v1/customers/${target.body.id}/merge`, { as: manager, body: { source_id: sourceId } });
    expect(merged.status).toBe(200);
    expect(merged.body.identities.map((i: { value: string }) => i.value).sort()).toEqual(['ada@home.test', 'ada@work.test']);
    const moved = await api(env.app, 'GET', `/api/v1/tickets/${ticketB.id}`, { as: associate });
    expect(moved.body.requester_id).toBe(target.body.id);
    expect((await api(env.app, 'GET', `/api/v1/tickets/${ticketA.id}`, { as: associate })).body.requester_id).toBe(target.body.id);
    const source = await api(env.app, 'GET', `/api/v1/customers/${sourceId}`, { as: associate });
    expect(source.body.merged_into_id).toBe(target.body.id);
    const events = await api(env.app, 'GET', `/api/v1/tickets/${ticketB.id}/events`, { as: associate });
    expect(events.body.data.at(-1)).toMatchObject({ field: 'requester_id', before: sourceId, after: target.body.id });
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.merged').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(manager.user.id);

    const next = await api(env.app, 'POST', '/api/v1/tickets', {
      as: associate,
      body: { subject: 's', description: 'd', requester: { email: 'ada@home.test' } },
    });
    expect(next.body.requester_id).toBe(target.body.id);
    const twice = await api(env.app, 'POST', `/api/v1/customers/${target.body.id}/merge`, { as: manager, body: { source_id: sourceId } });
    expect(twice.status).toBe(422);
    const self = await api(env.app, 'POST', `/api/v1/customers/${target.body.id}/merge`, {
      as: manager,
      body: { source_id: target.body.id },
    });
    expect(self.status).toBe(422);
  });

  it('moves a portal account with its customer, so the person still sees their tickets', async () => {
    const portal = await makeUser(env.ctx, 'customer', { email: 'portal-merge@example.com' });
    const other = await api(env.app, 'POST', '/api/v1/customers', {
      as: associate,
      body: { name: 'Keeper', identities: [{ kind: 'email', value: 'keeper@example.com' }] },
    });
    const ticket = await makeTicket(env.ctx, { requesterEmail: 'portal-merge@example.com' });
    await api(env.app, 'POST', `/api/v1/customers/${other.body.id}/merge`, { as: manager, body: { source_id: portal.user.customer_id } });
    const seen = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: portal });
    expect(seen.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { systemActor } from '../../platform/context.ts';
import { createCustomer, createOrganization } from '../customers/index.ts';
import { createCategory } from '../taxonomy/index.ts';
import { updateTicket } from '../tickets/index.ts';
import { createGroup, updateUser } from '../users/index.ts';

let env: TestEnvironment;
let admin: TestUser;
let manager: TestUser;
let associate: TestUser;
let customer: TestUser;
let analyst: TestUser;
let outageId: number;
let tier2: number;
let tier3: number;

beforeAll(async () => {
  env = await createTestEnvironment();
  [admin, manager, associate, customer, analyst] = await Promise.all([
    makeUser(env.ctx, 'admin'),
    makeUser(env.ctx, 'manager'),
    makeUser(env.ctx, 'associate', { tier: 1 }),
    makeUser(env.ctx, 'customer'),
    makeUser(env.ctx, 'analyst'),
  ]);
  const platform = await createCategory(env.ctx, systemActor, { name: 'Platform' });
  outageId = (await createCategory(env.ctx, systemActor, { name: 'Outage', parent_id: platform.id })).id;
  tier2 = (await createGroup(env.ctx, systemActor, { name: 'Tier 2 Technical', tier: 2 })).id;
  tier3 = (await createGroup(env.ctx, systemActor, { name: 'Tier 3 Engineering', tier: 3 })).id;
});
afterAll(() => env.close());

describe('agent state API', () => {
  it('lets an agent set their own state, a manager set anyone’s, and refuses customers and associates acting for others', async () => {
    expect((await api(env.app, 'GET', '/api/v1/me/agent-state', { as: associate })).body).toMatchObject({ state: 'offline', since: null });
    const set = await api(env.app, 'PUT', '/api/v1/me/agent-state', { as: associate, body: { state: 'away', reason: 'training' } });
    expect(set.status).toBe(200);
    expect(set.body.state).toMatchObject({ state: 'away', reason: 'training', user_id: associate.user.id });
    expect((await api(env.app, 'PUT', '/api/v1/me/agent-state', { as: customer, body: { state: 'online' } })).status).toBe(403);
    env.clock.advance(60_000);
    const other = `/api/v1/agents/${associate.user.id}/state`;
    expect((await api(env.app, 'PUT', other, { as: associate, body: { state: 'online' } })).status).toBe(403);
    expect((await api(env.app, 'PUT', other, { as: manager, body: { state: 'offline' } })).status).toBe(200);
    expect((await api(env.app, 'PUT', '/api/v1/agents/999999/state', { as: manager, body: { state: 'online' } })).body.code).toBe(
      'user_not_found',
    );
    expect((await api(env.app, 'PUT', '/api/v1/me/agent-state', { as: associate, body: { state: 'busy' } })).status).toBe(400);
  });

  it('answers intervals for a window and refuses a reversed or unbounded one', async () => {
    const from = new Date(env.clock.now().getTime() - 3_600_000).toISOString();
    env.clock.advance(60_000);
    const to = env.clock.now().toISOString();
    const ok = await api(env.app, 'GET', `/api/v1/agent-state-intervals?from=${from}&to=${to}&user_ids=${associate.user.id}`, {
      as: manager,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.map((i: { state: string }) => i.state)).toEqual(['offline', 'away', 'offline']);
    expect((await api(env.app, 'GET', `/api/v1/agent-state-intervals?from=${to}&to=${from}`, { as: manager })).status).toBe(400);
    expect((await api(env.app, 'GET', `/api/v1/agent-state-intervals?from=2020-01-01T00:00:00Z&to=${to}`, { as: manager })).status).toBe(
      400,
    );
    expect((await api(env.app, 'GET', `/api/v1/agent-state-intervals?from=${from}&to=${to}`, { as: associate })).status).toBe(403);
  });
});

describe('queue board', () => {
  it('shows waiting tickets in routing order with what they need, and agents with load and capacity', async () => {
    const low = await makeTicket(env.ctx, { priority: 'p4', group_id: tier2 });
    const high = await makeTicket(env.ctx, { priority: 'p1', group_id: tier2, category: 'platform/outage' });
    const queue = await api(env.app, 'GET', `/api/v1/routing/queue?group_id=${tier2}`, { as: analyst });
    expect(queue.status).toBe(200);
    const ids = queue.body.data.map((q: { ticket_id: number }) => q.ticket_id);
    expect(ids.indexOf(high.id)).toBeLessThan(ids.indexOf(low.id));
    expect(queue.body.data.find((q: { ticket_id: number }) => q.ticket_id === high.id).required_skills).toEqual([]);
    const agents = await api(env.app, 'GET', '/api/v1/routing/agents', { as: analyst });
    expect(agents.body.data.find((a: { user_id: number }) => a.user_id === associate.user.id)).toMatchObject({
      capacity: { voice: 1, chat: 3, email: 10 },
      load: { voice: 0, chat: 0, email: 0 },
    });
    const capacity = await api(env.app, 'PUT', `/api/v1/agents/${associate.user.id}/capacity`, {
      as: manager,
      body: { email: 4, chat: null },
    });
    expect(capacity.body).toEqual({ email: 4 });
    expect((await api(env.app, 'PUT', `/api/v1/groups/${tier2}/capacity`, { as: associate, body: { email: 4 } })).status).toBe(403);
    expect((await api(env.app, 'PUT', `/api/v1/groups/${tier2}/capacity`, { as: manager, body: {} })).status).toBe(400);
    for (const t of [low, high]) await updateTicket(env.ctx, admin.actor, t.id, { status: 'solved' });
  });
});

describe('escalation', () => {
  it('moves a ticket up the tiers by the matrix with a reason, notifies, and back down; never past Tier 3', async () => {
    const rule = await api(env.app, 'POST', '/api/v1/escalation-rules', {
      as: manager,
      body: { category_id: outageId, priority: 'p1', to_tier: 2, group_id: tier2, notify_user_ids: [manager.user.id] },
    });
    expect(rule.status).toBe(201);
    expect((await api(env.app, 'POST', '/api/v1/escalation-rules', { as: associate, body: { to_tier: 2 } })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/escalation-rules', { as: manager, body: { to_tier: 2, group_id: 999999 } })).status).toBe(
      400,
    );
    const ticket = await makeTicket(env.ctx, { priority: 'p1', category: 'platform/outage', assignee_id: associate.user.id });

    const up = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, {
      as: associate,
      body: { reason: 'Needs log analysis' },
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      from_tier: 1,
      to_tier: 2,
      group_id: tier2,
      rule_id: rule.body.id,
      notified_user_ids: [manager.user.id],
      assignee_id: null,
    });
    const up3 = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, {
      as: associate,
      body: { reason: 'Code defect suspected' },
    });
    expect(up3.body).toMatchObject({ from_tier: 2, to_tier: 3, group_id: tier3, rule_id: null });
    const past = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { as: associate, body: { reason: 'Even higher' } });
    expect([past.status, past.body.code]).toEqual([422, 'invalid_transition']);
    const down = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/deescalate`, {
      as: associate,
      body: { reason: 'Workaround found' },
    });
    expect(down.body).toMatchObject({ from_tier: 3, to_tier: 2, group_id: tier2 });
    expect((await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { as: customer, body: { reason: 'please' } })).status).toBe(
      403,
    );

    const events = await env.ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'field', 'after'])
      .where('ticket_id', '=', ticket.id)
      .where((eb) => eb.or([eb('type', 'in', ['ticket.escalated', 'ticket.deescalated']), eb('field', '=', 'tier')]))
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.type, e.field, e.field ? e.after : (e.after as { reason: string }).reason])).toEqual([
      ['ticket.escalated', null, 'Needs log analysis'],
      ['ticket.field_changed', 'tier', 2],
      ['ticket.escalated', null, 'Code defect suspected'],
      ['ticket.field_changed', 'tier', 3],
      ['ticket.deescalated', null, 'Workaround found'],
      ['ticket.field_changed', 'tier', 2],
    ]);
    await api(env.app, 'DELETE', `/api/v1/escalation-rules/${rule.body.id}`, { as: manager });
  });

  it('escalates automatically on an SLA breach when a matrix row says so, once per breach', async () => {
    const rule = await api(env.app, 'POST', '/api/v1/escalation-rules', {
      as: manager,
      body: { to_tier: 2, priority: 'p2', on_breach: true },
    });
    const breached = await makeTicket(env.ctx, { priority: 'p2' });
    const otherPriority = await makeTicket(env.ctx, { priority: 'p3' });
    const now = env.clock.now();
    await env.ctx.db
      .insertInto('ticket_events')
      .values([breached.id, otherPriority.id].map((id) => ({ ticket_id: id, type: 'sla.breached', after: '{}', created_at: now })))
      .execute();
    const run = await api(env.app, 'POST', '/api/v1/routing/run', { as: manager });
    expect(run.status).toBe(200);
    expect(run.body.escalated.map((c: { ticket_id: number }) => c.ticket_id)).toEqual([breached.id]);
    expect((await api(env.app, 'POST', '/api/v1/routing/run', { as: manager })).body.escalated).toEqual([]);
    await api(env.app, 'DELETE', `/api/v1/escalation-rules/${rule.body.id}`, { as: manager });
  });

  it('reports the share of tickets solved at each tier and the escalation rate', async () => {
    env.clock.advance(86_400_000);
    const from = env.clock.now();
    const solveAt = async (tier: number) => {
      const t = await makeTicket(env.ctx, { priority: 'p3' });
      if (tier > 1)
        await api(env.app, 'POST', `/api/v1/tickets/${t.id}/escalate`, { as: manager, body: { reason: 'needs a specialist', tier } });
      await updateTicket(env.ctx, admin.actor, t.id, { status: 'solved' });
    };
    for (const tier of [1, 1, 1, 1, 1, 1, 1, 2, 2, 3]) await solveAt(tier);
    env.clock.advance(1000);
    const report = await api(env.app, 'GET', `/api/v1/reports/tier-shares?from=${from.toISOString()}&to=${env.clock.now().toISOString()}`, {
      as: analyst,
    });
    expect(report.status).toBe(200);
    expect(report.body.solved).toBe(10);
    expect(report.body.tiers).toEqual([
      { tier: 1, solved: 7, share: 0.7 },
      { tier: 2, solved: 2, share: 0.2 },
      { tier: 3, solved: 1, share: 0.1 },
    ]);
    expect(report.body.escalation_rate).toBeCloseTo(0.3);
  });
});

describe('customer value', () => {
  it('validates and applies value tiers, and computes lifetime value from recorded revenue', async () => {
    const bad = await api(env.app, 'PUT', '/api/v1/value-tiers', {
      as: admin,
      body: {
        tiers: [
          { name: 'gold', min_cents: 100 },
          { name: 'silver', min_cents: 200 },
          { name: 'standard', min_cents: 0 },
        ],
        tam_min_tier: 'gold',
        tam_max_accounts: 5,
      },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    expect((await api(env.app, 'PUT', '/api/v1/value-tiers', { as: manager, body: {} })).status).toBe(403);
    const org = await createOrganization(env.ctx, systemActor, { name: 'Globex', domains: [] });
    const person = await createCustomer(env.ctx, systemActor, {
      name: 'Hank',
      organization_id: org.id,
      identities: [{ kind: 'email', value: 'hank@globex.test' }],
    });
    const first = await api(env.app, 'POST', `/api/v1/customers/${person.id}/revenue`, { as: manager, body: { amount_cents: 5_000_000 } });
    expect(first.status).toBe(201);
    const second = await api(env.app, 'POST', `/api/v1/organizations/${org.id}/revenue`, {
      as: manager,
      body: { amount_cents: 4_000_000, source: 'import' },
    });
    expect(second.body).toMatchObject({ organization_lifetime_value_cents: 9_000_000, customer_lifetime_value_cents: null });
    const orgRow = await env.ctx.db
      .selectFrom('organizations')
      .select(['lifetime_value_cents', 'value_tier'])
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(orgRow).toEqual({ lifetime_value_cents: 9_000_000, value_tier: 'gold' });
    const customerRow = await env.ctx.db
      .selectFrom('customers')
      .select(['lifetime_value_cents', 'value_tier'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(customerRow).toEqual({ lifetime_value_cents: 5_000_000, value_tier: 'silver' });
    // Raising the thresholds re-tiers everyone at once.
    const saved = await api(env.app, 'PUT', '/api/v1/value-tiers', {
      as: admin,
      body: {
        tiers: [
          { name: 'platinum', min_cents: 50_000_000 },
          { name: 'gold', min_cents: 10_000_000 },
          { name: 'standard', min_cents: 0 },
        ],
        tam_min_tier: 'gold',
        tam_max_accounts: 5,
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.changed.organizations).toBeGreaterThanOrEqual(1);
    expect(
      (await env.ctx.db.selectFrom('organizations').select('value_tier').where('id', '=', org.id).executeTakeFirstOrThrow()).value_tier,
    ).toBe('standard');
    await api(env.app, 'PUT', '/api/v1/value-tiers', {
      as: admin,
      body: {
        tiers: [
          { name: 'platinum', min_cents: 25_000_000 },
          { name: 'gold', min_cents: 8_000_000 },
          { name: 'silver', min_cents: 2_000_000 },
          { name: 'standard', min_cents: 0 },
        ],
        tam_min_tier: 'gold',
        tam_max_accounts: 2,
      },
    });
  });

  it('gives each high-value organization a TAM by value, skills and load', async () => {
    const billingTam = await makeUser(env.ctx, 'tam');
    const platformTam = await makeUser(env.ctx, 'tam');
    await updateUser(env.ctx, systemActor, billingTam.user.id, { skills: [{ name: 'product:billing', proficiency: 5 }] });
    await updateUser(env.ctx, systemActor, platformTam.user.id, { skills: [{ name: 'product:platform', proficiency: 5 }] });
    const orgs = [];
    for (const [name, value] of [
      ['Initech', 90_000_000],
      ['Umbrella', 30_000_000],
      ['Hooli', 12_000_000],
      ['Small Co', 100_000],
    ] as const) {
      orgs.push(
        await createOrganization(env.ctx, systemActor, {
          name,
          domains: [`${name.toLowerCase().replace(' ', '')}.test`],
          lifetime_value_cents: value,
          value_tier: 'standard',
        }),
      );
    }
    await env.ctx.db
      .updateTable('organizations')
      .set({ value_tier: 'platinum' })
      .where('id', 'in', [orgs[0]?.id as number, orgs[1]?.id as number])
      .execute();
    await env.ctx.db
      .updateTable('organizations')
      .set({ value_tier: 'gold' })
      .where('id', '=', orgs[2]?.id as number)
      .execute();
    // Initech's tickets are about the platform.
    await makeTicket(env.ctx, { category: 'platform/outage', requesterEmail: 'ops@initech.test' });
    await env.ctx.db
      .updateTable('tickets')
      .set({ organization_id: orgs[0]?.id as number })
      .where('category_id', '=', outageId)
      .execute();

    expect((await api(env.app, 'POST', '/api/v1/account-owners/assign', { as: associate, body: {} })).status).toBe(403);
    const result = await api(env.app, 'POST', '/api/v1/account-owners/assign', { as: manager, body: {} });
    expect(result.status).toBe(200);
    const owners = Object.fromEntries(
      result.body.data.map((r: { organization: string; account_owner_id: number }) => [r.organization, r.account_owner_id]),
    );
    expect(owners.Initech).toBe(platformTam.user.id);
    // No skill fits Umbrella: the TAM with less owned value takes it.
    expect(owners.Umbrella).toBe(billingTam.user.id);
    expect(owners.Hooli).toBe(billingTam.user.id);
    expect(owners['Small Co']).toBeUndefined();
  });
});

describe('simulator', () => {
  it('replays a day against a roster and answers waits, occupancy and tier shares; refuses oversized days', async () => {
    const body = {
      roster: [
        { count: 10, tier: 1, capacity: { voice: 1, chat: 2, email: 5 } },
        { count: 3, tier: 2 },
        { count: 1, tier: 3 },
      ],
      arrivals_per_hour: [20, 30, 40, 30],
      seed: 3,
    };
    const result = await api(env.app, 'POST', '/api/v1/routing/simulate', { as: analyst, body });
    expect(result.status).toBe(200);
    expect(result.body.agents).toBe(14);
    expect(result.body.tier_shares.map((t: { tier: number }) => t.tier)).toEqual([1, 2, 3]);
    expect((await api(env.app, 'POST', '/api/v1/routing/simulate', { as: analyst, body })).body).toEqual(result.body);
    const huge = await api(env.app, 'POST', '/api/v1/routing/simulate', {
      as: analyst,
      body: {
        ...body,
        roster: [
          { count: 2000, tier: 1 },
          { count: 5, tier: 2 },
        ],
      },
    });
    expect([huge.status, huge.body.code]).toEqual([400, 'validation_failed']);
    expect((await api(env.app, 'POST', '/api/v1/routing/simulate', { as: customer, body })).status).toBe(403);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, makeUser, type TestUser } from '../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../test/harness.ts';
import { loadDemo, loadDemoIfEmpty } from './load-demo.ts';
import { planDemo } from './plan.ts';
import { agentDefs, agentEmail, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, demoGroups } from './roster.ts';

const TICKETS = 60;
const SEED = 42;
const DAY = 24 * 3600 * 1000;

let env: TestEnvironment;
let admin: TestUser;
let adminBefore: unknown;
let summary: string;
let now: Date;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin', { email: 'admin@example.com', name: 'Administrator' });
  adminBefore = await env.ctx.db.selectFrom('users').selectAll().where('id', '=', admin.user.id).executeTakeFirstOrThrow();
  now = env.clock.now();
  summary = await loadDemo(env.ctx, { tickets: TICKETS, seed: SEED });
}, 120_000);
afterAll(() => env.close());

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(env.ctx.db)).rows;

describe('loadDemo', () => {
  it('creates the requested number of tickets, all within the 90 days before now, without moving the caller’s clock', async () => {
    const [stats] = await rows<{ n: number; first: Date; last: Date; last_event: Date; last_comment: Date }>(sql`
      select count(*)::int n, min(created_at) first, max(created_at) last,
        (select max(created_at) from ticket_events) last_event, (select max(created_at) from ticket_comments) last_comment
      from tickets`);
    expect(stats?.n).toBe(TICKETS);
    expect(new Date(stats?.first as Date).getTime()).toBeGreaterThanOrEqual(now.getTime() - 90 * DAY);
    for (const latest of [stats?.last, stats?.last_event, stats?.last_comment])
      expect(new Date(latest as Date).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(env.clock.now()).toEqual(now);
  });

  it('staffs every tier: agents with skills, languages and groups, who sign in with the shared password', async () => {
    const agents = await env.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)
      .orderBy('id')
      .execute();
    expect(agents).toHaveLength(agentDefs.length);
    for (const agent of agents) expect(z.email().safeParse(agent.email).success, agent.email).toBe(true);
    const workers = agents.filter((a) => a.role === 'associate' || a.role === 'engineer');
    expect(new Set(workers.map((a) => a.tier))).toEqual(new Set([1, 2, 3]));
    expect(workers.filter((a) => a.tier === 1).length).toBeGreaterThanOrEqual(6);
    expect(new Set(agents.map((a) => a.role))).toEqual(new Set(['associate', 'engineer', 'manager', 'tam', 'analyst', 'head_of_support']));

    const skills = await rows<{ user_id: number; name: string; proficiency: number }>(sql`
      select a.user_id, s.name, a.proficiency from agent_skills a join skills s on s.id = a.skill_id`);
    for (const agent of agents) {
      const own = skills.filter((s) => s.user_id === agent.id).map((s) => s.name);
      for (const language of agent.languages) expect(own).toContain(`language:${language}`);
    }
    expect(skills.map((s) => s.name)).toEqual(
      expect.arrayContaining(['product:billing', 'product:platform', 'product:mobile-app', 'language:de', 'language:es', 'language:fr']),
    );

    const groups = await rows<{ name: string; tier: number; members: number }>(sql`
      select g.name, g.tier, count(m.user_id)::int members from groups g left join group_memberships m on m.group_id = g.id group by g.id order by g.name`);
    expect(groups.map((g) => g.name).sort()).toEqual(demoGroups.map((g) => g.name).sort());
    for (const group of groups) expect(group.members, group.name).toBeGreaterThan(0);

    const signIn = await api(env.app, 'POST', '/api/v1/session', {
      body: { email: 'maya.patel@demo.frontline.test', password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(200);
  });

  it('leaves the existing admin alone', async () => {
    const after = await env.ctx.db.selectFrom('users').selectAll().where('id', '=', admin.user.id).executeTakeFirstOrThrow();
    expect(after).toEqual(adminBefore);
  });

  it('builds a taxonomy, custom fields, resolution codes, organizations and customers', async () => {
    const paths = (await env.ctx.db.selectFrom('categories').select('path').execute()).map((c) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining(['billing/refunds', 'platform/integrations-api', 'mobile-app/sync', 'account/gdpr-request']),
    );
    const fields = await env.ctx.db.selectFrom('custom_fields').select(['key', 'type', 'required']).execute();
    expect(fields.map((f) => `${f.key}:${f.type}`).sort()).toEqual([
      'affected_users:number',
      'order_number:text',
      'plan:dropdown',
      'renewal_date:date',
      'vip:checkbox',
    ]);
    expect(fields.every((f) => !f.required)).toBe(true);
    const codes = (await env.ctx.db.selectFrom('resolution_codes').select('code').execute()).map((c) => c.code);
    expect(codes.sort()).toEqual([
      'answered',
      'bug_fixed',
      'configuration',
      'duplicate',
      'feature_request',
      'no_response',
      'refund_issued',
    ]);

    const orgs = await env.ctx.db.selectFrom('organizations').selectAll().execute();
    expect(orgs.length).toBeGreaterThanOrEqual(20);
    expect(new Set(orgs.map((o) => o.value_tier))).toEqual(new Set(['standard', 'silver', 'gold', 'platinum']));
    const tam = await env.ctx.db.selectFrom('users').select('id').where('role', '=', 'tam').executeTakeFirstOrThrow();
    expect(orgs.filter((o) => o.value_tier === 'platinum').every((o) => o.account_owner_id === tam.id)).toBe(true);

    const [customers] = await rows<{
      total: number;
      in_org: number;
      on_domain: number;
      phones: number;
      bad_phones: number;
      chats: number;
    }>(sql`
      select count(*)::int total, count(c.organization_id)::int in_org,
        (select count(*)::int from customer_identities i join customers k on k.id = i.customer_id join organizations o on o.id = k.organization_id
          where i.kind = 'email' and split_part(i.value, '@', 2) = any(o.domains)) on_domain,
        (select count(*)::int from customer_identities where kind = 'phone') phones,
        (select count(*)::int from customer_identities where kind = 'phone' and value !~ '^\\+[1-9][0-9]{7,14}$') bad_phones,
        (select count(*)::int from customer_identities where kind = 'chat') chats
      from customers c`);
    expect(customers?.total).toBe(250);
    expect(customers?.in_org).toBeGreaterThan(180);
    expect(customers?.on_domain).toBe(customers?.in_org);
    expect(customers?.phones).toBeGreaterThan(50);
    expect(customers?.bad_phones).toBe(0);
    expect(customers?.chats).toBeGreaterThan(20);
  });

  it('shows every status, channel and priority', async () => {
    const distinct = async (column: 'status' | 'channel' | 'priority') =>
      new Set((await env.ctx.db.selectFrom('tickets').select(column).distinct().execute()).map((r) => r[column]));
    expect(await distinct('status')).toEqual(new Set(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']));
    expect(await distinct('channel')).toEqual(new Set(['email', 'web', 'chat', 'voice', 'messaging']));
    expect(await distinct('priority')).toEqual(new Set(['p1', 'p2', 'p3', 'p4']));
  });

  it('records each ticket’s history and conversation in chronological order', async () => {
    const [events] = await rows<{ out_of_order: number; total: number }>(sql`
      select count(*) filter (where created_at < previous)::int out_of_order, count(*)::int total
      from (select created_at, lag(created_at) over (partition by ticket_id order by id) previous from ticket_events) e`);
    expect(events?.total).toBeGreaterThan(TICKETS * 5);
    expect(events?.out_of_order).toBe(0);
    const [comments] = await rows<{ out_of_order: number }>(sql`
      select count(*) filter (where created_at < previous)::int out_of_order
      from (select created_at, lag(created_at) over (partition by ticket_id order by id) previous from ticket_comments) c`);
    expect(comments?.out_of_order).toBe(0);
    const [created] = await rows<{ mismatched: number }>(sql`
      select count(*)::int mismatched from tickets t
      where t.created_at <> (select min(e.created_at) from ticket_events e where e.ticket_id = t.id)`);
    expect(created?.mismatched).toBe(0);
  });

  it('sets first_response_at to the first public agent reply, and only then', async () => {
    const mismatches = await rows<{ id: number }>(sql`
      select t.id from tickets t
      where t.first_response_at is distinct from
        (select min(c.created_at) from ticket_comments c where c.ticket_id = t.id and c.public and c.author_user_id is not null)`);
    expect(mismatches).toEqual([]);
    const [responded] = await rows<{ n: number }>(sql`select count(*)::int n from tickets where first_response_at is not null`);
    expect(responded?.n).toBeGreaterThan(TICKETS * 0.8);
  });

  it('gives every solved or closed ticket a resolution code', async () => {
    const missing = await env.ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('status', 'in', ['solved', 'closed'])
      .where('resolution_code', 'is', null)
      .execute();
    expect(missing).toEqual([]);
  });

  it('escalates with a tier change, a group change and an internal note saying why', async () => {
    const tickets = await rows<{ id: number; tier: number; last_tier: number | null; moves: number; unexplained: number }>(sql`
      select t.id, t.tier,
        (select (e.after #>> '{}')::int from ticket_events e where e.ticket_id = t.id and e.field = 'tier' order by e.id desc limit 1) last_tier,
        (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.field = 'tier') moves,
        (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.field = 'tier' and not (
          exists (select 1 from ticket_events g where g.ticket_id = t.id and g.field = 'group_id' and g.created_at = e.created_at)
          and exists (select 1 from ticket_comments c where c.ticket_id = t.id and not c.public and c.created_at <= e.created_at and c.created_at >= e.created_at - interval '10 minutes'))) unexplained
      from tickets t`);
    const escalated = tickets.filter((t) => t.moves > 0);
    expect(escalated.length).toBeGreaterThanOrEqual(TICKETS * 0.15);
    for (const ticket of escalated) {
      expect(ticket.tier, `ticket ${ticket.id}`).toBeGreaterThan(1);
      expect(ticket.last_tier, `ticket ${ticket.id}`).toBe(ticket.tier);
      expect(ticket.unexplained, `ticket ${ticket.id}`).toBe(0);
    }
    // A ticket above Tier 1 got there through a recorded escalation, never silently.
    expect(tickets.filter((t) => t.tier > 1 && t.moves === 0)).toEqual([]);
    expect(tickets.filter((t) => t.tier === 1).length).toBeGreaterThan(TICKETS * 0.55);
    expect(tickets.filter((t) => t.tier === 3).length).toBeLessThan(TICKETS * 0.1);
  });

  it('lets customers write their own replies, reopen solved tickets and send duplicates that agents merge', async () => {
    const [replies] = await rows<{ later: number; foreign: number; wrong_actor: number }>(sql`
      select
        count(*) filter (where c.id > (select min(id) from ticket_comments f where f.ticket_id = c.ticket_id))::int later,
        count(*) filter (where c.author_customer_id <> t.requester_id)::int foreign,
        (select count(*)::int from ticket_events e join tickets k on k.id = e.ticket_id
          where e.type = 'comment.added' and e.after->>'author' = 'customer' and e.actor_user_id is null
            and e.actor_customer_id is distinct from k.requester_id) wrong_actor
      from ticket_comments c join tickets t on t.id = c.ticket_id
      where c.author_customer_id is not null`);
    expect(replies?.later).toBeGreaterThan(5);
    expect(replies?.foreign).toBe(0);
    expect(replies?.wrong_actor).toBe(0);

    const reopened = await env.ctx.db.selectFrom('ticket_events').select('ticket_id').where('type', '=', 'ticket.reopened').execute();
    expect(reopened.length).toBeGreaterThan(0);

    const merged = await env.ctx.db
      .selectFrom('tickets as d')
      .innerJoin('tickets as t', 't.id', 'd.merged_into_id')
      .select(['d.id', 'd.status', 'd.resolution_code', 'd.requester_id', 't.requester_id as target_requester'])
      .execute();
    expect(merged.length).toBeGreaterThan(0);
    for (const dup of merged)
      expect(dup).toMatchObject({ status: 'closed', resolution_code: 'duplicate', requester_id: dup.target_requester });
  });

  it('gives the same data for the same seed and different data for another', async () => {
    const subjects = (await env.ctx.db.selectFrom('tickets').select('subject').orderBy('id').execute()).map((t) => t.subject);
    const plan = (seed: number) => planDemo({ seed, tickets: TICKETS, now }).stories.map((s) => s.subject);
    expect(plan(SEED)).toEqual(plan(SEED));
    expect(plan(SEED + 1)).not.toEqual(plan(SEED));

    const other = await createTestEnvironment();
    try {
      await loadDemoIfEmpty(other.ctx, { tickets: TICKETS, seed: SEED });
      const again = (await other.ctx.db.selectFrom('tickets').select('subject').orderBy('id').execute()).map((t) => t.subject);
      expect(again).toEqual(subjects);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('refuses to load twice, and loadDemoIfEmpty leaves a database with tickets alone', async () => {
    await expect(loadDemo(env.ctx, { tickets: TICKETS, seed: SEED })).rejects.toThrow(/already loaded/);
    await loadDemoIfEmpty(env.ctx, { tickets: TICKETS, seed: SEED });
    const [count] = await rows<{ n: number }>(sql`select count(*)::int n from tickets`);
    expect(count?.n).toBe(TICKETS);
  });

  it('summarises the counts, the sign-in emails by role and the shared password', () => {
    expect(summary).toContain(`${TICKETS} tickets`);
    expect(summary).toContain(DEMO_PASSWORD);
    for (const agent of agentDefs) expect(summary).toContain(agentEmail(agent));
    expect(summary).not.toContain('\n');
  });
});

import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { setAgentState } from '../routing/index.ts';
import { addComment, type TicketView, updateTicket } from '../tickets/index.ts';

/**
 * A small fixed month of tickets built through the services on a manual clock, and every figure
 * computed by hand (see the timeline below).
 *
 * Mar 2 09:00  T1 email Login r1 (A) · T2 email Login r2 (A) · T3 chat Billing r3 (A)
 *              T4 email Billing r4 (A) · T5 web Login r5 (B) · T8 web Shipping r6 (A)
 * Mar 2 09:30  A replies once to T1, T2, T8; three chat messages to T3
 * Mar 2 10:00  T1, T3, T8 solved; A replies again to T2 and solves it; A replies to T4; T5 → Tier 2
 * Mar 3 09:00  T4 solved; B replies to T5 (24 h after creation: first response met at the deadline)
 * Mar 3 10:00  T4 reopened · 11:00 T4 solved again · 12:00 T5 solved (at Tier 2)
 * Mar 4 09:00  T7 email Login r2 · Mar 5 09:00 T6 email Billing r1 · Mar 8 09:00 T9 web Shipping r6
 * Mar 17 09:00 T11 email Billing r7 · Mar 19 12:00 T10 chat Login r8 · now: Mar 20 09:00
 *
 * Solved in March: T1 T2 T3 T4 T5 T8. FCR: T1 (one reply) and T3 (one chat conversation); not T2
 * (two replies), T4 (reopened), T5 (escalated), T8 (T9 from the same requester and category within
 * 7 days) → 2/6.
 */
let env: TestEnvironment;
let admin: TestUser;
let analyst: TestUser;
let agentA: TestUser;
let agentB: TestUser;
const t: Record<string, TicketView> = {};
const categories: Record<string, number> = {};

const at = (iso: string) => env.clock.set(`2026-03-${iso}Z`);
const reply = (ticket: TicketView, as: TestUser, channel = 'email') =>
  addComment(env.ctx, as.actor, ticket.id, { body: 'Here is the answer.', public: true, channel } as never);
const change = (ticket: TicketView, input: Record<string, unknown>) => updateTicket(env.ctx, admin.actor, ticket.id, input as never);

async function open(name: string, channel: string, category: string, requester: string, assignee?: TestUser) {
  t[name] = await makeTicket(env.ctx, {
    channel: channel as 'email',
    category: categories[category],
    requesterEmail: `${requester}@metrics.example`,
    ...(assignee ? { assignee_id: assignee.user.id } : {}),
  });
}

const metrics = async (query: string, as: TestUser = analyst) => {
  const response = await api(env.app, 'GET', `/api/v1/analytics/metrics?${query}`, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return Object.fromEntries((response.body.metrics as { key: string }[]).map((m) => [m.key, m])) as unknown as Record<
    string,
    { status: string; reason?: string; rows: Record<string, any>[] }
  >;
};
const march = 'from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  analyst = await makeUser(env.ctx, 'analyst');
  agentA = await makeUser(env.ctx, 'associate', { tier: 1 });
  agentB = await makeUser(env.ctx, 'engineer', { tier: 2 });
  for (const name of ['Login', 'Billing', 'Shipping']) {
    const created = await api(env.app, 'POST', '/api/v1/categories', { as: admin, body: { name, slug: name.toLowerCase() } });
    expect(created.status).toBe(201);
    categories[name] = created.body.id;
  }

  at('02T09:00:00');
  await open('T1', 'email', 'Login', 'r1', agentA);
  await open('T2', 'email', 'Login', 'r2', agentA);
  await open('T3', 'chat', 'Billing', 'r3', agentA);
  await open('T4', 'email', 'Billing', 'r4', agentA);
  await open('T5', 'web', 'Login', 'r5', agentB);
  await open('T8', 'web', 'Shipping', 'r6', agentA);
  at('02T09:30:00');
  await reply(t.T1!, agentA);
  await reply(t.T2!, agentA);
  await reply(t.T8!, agentA, 'web');
  for (let i = 0; i < 3; i++) await reply(t.T3!, agentA, 'chat');
  at('02T10:00:00');
  await change(t.T1!, { status: 'solved' });
  await change(t.T3!, { status: 'solved' });
  await change(t.T8!, { status: 'solved' });
  await reply(t.T2!, agentA);
  await change(t.T2!, { status: 'solved' });
  await reply(t.T4!, agentA);
  await change(t.T5!, { tier: 2 });
  at('03T09:00:00');
  await change(t.T4!, { status: 'solved' });
  await reply(t.T5!, agentB, 'web');
  at('03T10:00:00');
  await change(t.T4!, { status: 'open' });
  at('03T11:00:00');
  await change(t.T4!, { status: 'solved' });
  at('03T12:00:00');
  await change(t.T5!, { status: 'solved' });
  at('04T09:00:00');
  await open('T7', 'email', 'Login', 'r2');
  at('05T09:00:00');
  await open('T6', 'email', 'Billing', 'r1');
  at('08T09:00:00');
  await open('T9', 'web', 'Shipping', 'r6');
  at('17T09:00:00');
  await open('T11', 'email', 'Billing', 'r7');
  at('19T12:00:00');
  await open('T10', 'chat', 'Login', 'r8');
  at('20T09:00:00');
}, 120_000);
afterAll(() => env.close());

describe('ticket metrics over a hand-computed month', () => {
  it('counts volume by channel and ranks the top issue types', async () => {
    const m = await metrics(`metrics=volume,top_issue_types&${march}&group_by=channel`);
    expect(m.volume!.rows.map((r) => [r.channel, r.value])).toEqual([
      ['chat', 2],
      ['email', 6],
      ['web', 3],
    ]);
    const top = (await metrics(`metrics=top_issue_types&${march}`)).top_issue_types!.rows[0]!;
    expect(top.value).toBe(11);
    expect(top.top.map((x: any) => [x.rank, x.category_name, x.contacts])).toEqual([
      [1, 'Login', 5],
      [2, 'Billing', 4],
      [3, 'Shipping', 2],
    ]);
    expect(top.top[0].share).toBeCloseTo(5 / 11, 10);
  });

  it('computes first contact resolution from replies, reopenings, escalations and repeat contacts', async () => {
    const m = await metrics(`metrics=fcr&${march}`);
    expect(m.fcr!.rows).toEqual([expect.objectContaining({ value: 2 / 6, resolved_first_contact: 2, solved: 6 })]);
    const byAgent = (await metrics(`metrics=fcr&${march}&group_by=agent`)).fcr!.rows;
    expect(byAgent.map((r) => [r.agent, r.agent_name, r.resolved_first_contact, r.solved])).toEqual([
      [agentA.user.id, agentA.user.name, 2, 5],
      [agentB.user.id, agentB.user.name, 0, 1],
    ]);
    const drill = await api(env.app, 'GET', `/api/v1/analytics/drill-down?metric=fcr&${march}&only=numerator`, { as: analyst });
    expect(drill.status).toBe(200);
    expect(drill.body.ticket_ids).toEqual([t.T1!.id, t.T3!.id]);
  });

  it('computes reopen rate, escalation rate and tier shares', async () => {
    const m = await metrics(`metrics=reopen_rate,escalation_rate,tier_shares&${march}`);
    expect(m.reopen_rate!.rows[0]).toMatchObject({ value: 1 / 6, reopened: 1, solved: 6 });
    expect(m.escalation_rate!.rows[0]).toMatchObject({ value: 1 / 6, escalated: 1, solved: 6 });
    expect(m.tier_shares!.rows[0]).toMatchObject({ value: 5 / 6, counts: { tier_1: 5, tier_2: 1, tier_3: 0 } });
    const byCategory = (await metrics(`metrics=reopen_rate&${march}&group_by=category`)).reopen_rate!.rows;
    expect(byCategory.map((r) => [r.category_name, r.reopened, r.solved])).toEqual([
      ['Login', 0, 3],
      ['Billing', 1, 2],
      ['Shipping', 0, 1],
    ]);
  });

  it('distributes the backlog by age now, and replays it at the end of a past day', async () => {
    const now = (await metrics(`metrics=backlog_age&${march}`)).backlog_age!.rows[0]!;
    // T10 21 h, T11 exactly 3 d, T9 12 d, T6 15 d, T7 16 d.
    expect(now).toMatchObject({ value: 5, buckets: { lt_1d: 1, d1_3: 0, d3_7: 1, d7_14: 1, d14_30: 2, gt_30d: 0 } });
    // At the end of Mar 2, T4 (open, answered) and T5 (escalated) were unsolved, both 15 h old.
    const past = (await metrics('metrics=backlog_age&from=2026-03-02&to=2026-03-02')).backlog_age!.rows[0]!;
    expect(past).toMatchObject({ value: 2, at: '2026-03-03T00:00:00.000Z', buckets: { lt_1d: 2 } });
    const drill = await api(env.app, 'GET', '/api/v1/analytics/drill-down?metric=backlog_age&from=2026-03-02&to=2026-03-02', {
      as: analyst,
    });
    expect(drill.body.ticket_ids).toEqual([t.T4!.id, t.T5!.id]);
  });

  it('measures SLA compliance per target, counting overdue running clocks as breached', async () => {
    const row = (await metrics(`metrics=sla_compliance&${march}`)).sla_compliance!.rows[0]!;
    // First response met: T1 T2 T4 T8, and T5 exactly at its deadline; breached: T3 (chat, 2 min), T6 T7 T9 T10 T11.
    expect(row.by_target.first_response).toEqual({ met: 5, decided: 11, value: 5 / 11 });
    const byChannel = (await metrics(`metrics=sla_compliance&${march}&group_by=channel`)).sla_compliance!.rows;
    expect(byChannel.find((r) => r.channel === 'chat')!.by_target.first_response).toMatchObject({ met: 0, decided: 2 });
  });

  it('prices a contact per channel from the loaded hourly cost and fixed costs an admin configures', async () => {
    const before = await metrics(`metrics=cost_per_contact&${march}`);
    expect(before.cost_per_contact!.rows.every((r) => r.value === null && r.missing === 'no loaded hourly cost configured')).toBe(true);
    const settings = {
      currency: 'USD',
      loaded_hourly_cost_cents: 3600,
      standard_handle_seconds: null,
      channels: { email: { standard_handle_seconds: 600, fixed_monthly_cents: 31_000 }, chat: { standard_handle_seconds: 300 } },
    };
    expect((await api(env.app, 'PUT', '/api/v1/analytics/cost-settings', { as: analyst, body: settings })).status).toBe(403);
    expect((await api(env.app, 'PUT', '/api/v1/analytics/cost-settings', { as: admin, body: settings })).status).toBe(200);
    const rows = (await metrics(`metrics=cost_per_contact&${march}`)).cost_per_contact!.rows;
    // email: 3 solved × 10 min = 0.5 h × $36 = $18 labour + $310 fixed = $328 / 3.
    expect(rows.find((r) => r.channel === 'email')).toMatchObject({
      value: 10_933,
      handled_contacts: 3,
      agent_hours: 0.5,
      labour_cents: 1800,
      fixed_cents: 31_000,
      agent_hours_source: 'standard_handle_time',
    });
    expect(rows.find((r) => r.channel === 'chat')).toMatchObject({ value: 300, handled_contacts: 1 });
    expect(rows.find((r) => r.channel === 'web')).toMatchObject({
      value: null,
      handled_contacts: 2,
      missing: expect.stringContaining('web'),
    });
    // Fixed costs are prorated: 10 of March's 31 days carry $100 of the $310.
    const tenDays = (await metrics('metrics=cost_per_contact&from=2026-03-01&to=2026-03-10')).cost_per_contact!.rows;
    expect(tenDays.find((r) => r.channel === 'email')).toMatchObject({ value: Math.round((1800 + 10_000) / 3), fixed_cents: 10_000 });
  });

  it('answers "not available yet" for a metric whose facts are not recorded', async () => {
    await sql`alter table survey_answers rename to survey_answers_hidden`.execute(env.ctx.db);
    try {
      const m = await metrics(`metrics=csat,volume&${march}`);
      expect(m.csat).toMatchObject({ status: 'unavailable', rows: [] });
      expect(m.csat!.reason).toMatch(/^not available yet: no data source/);
      expect(m.volume!.status).toBe('ok');
    } finally {
      await sql`alter table survey_answers_hidden rename to survey_answers`.execute(env.ctx.db);
    }
    const m = await metrics(`metrics=csat,aht&${march}`);
    expect(m.csat).toMatchObject({ status: 'ok', rows: [{ value: null, answers: 0 }] });
    expect(m.aht!.status).toBe('partial');
  });
});

describe('dashboards', () => {
  it('shows today’s operations: live queues, SLA at risk, today’s volume', async () => {
    const daily = await api(env.app, 'GET', '/api/v1/analytics/dashboards/daily?tz=Europe/Berlin', { as: analyst });
    expect(daily.status).toBe(200);
    expect(daily.body.date).toBe('2026-03-20');
    expect(daily.body.live_queues).toEqual([expect.objectContaining({ group_id: null, new: 5, open: 0, unassigned: 5 })]);
    expect(daily.body.sla_at_risk.by_target).toContainEqual({ target: 'first_response', overdue: 5, due_soon: 0 });
    expect(daily.body.forecast.status).toBe('unavailable');
  });

  it('reviews a week against the week before and a month against the targets', async () => {
    const weekly = await api(env.app, 'GET', '/api/v1/analytics/dashboards/weekly?week=2026-03-04', { as: analyst });
    expect(weekly.status).toBe(200);
    expect(weekly.body.week).toBe('2026-03-02');
    expect(weekly.body.metrics.find((m: { key: string }) => m.key === 'volume')).toMatchObject({ rows: [{ value: 9 }], previous: 0 });
    const monthly = await api(env.app, 'GET', '/api/v1/analytics/dashboards/monthly?month=2026-03', { as: analyst });
    expect(monthly.status).toBe(200);
    const kpi = (key: string) => monthly.body.kpis.find((k: { key: string }) => k.key === key);
    expect(kpi('fcr')).toMatchObject({ value: 2 / 6, met: false, target: { min: 0.7, max: 0.85 } });
    expect(kpi('tier_shares')).toMatchObject({ value: 5 / 6, met: false });
    expect(kpi('csat')).toMatchObject({ value: null, met: null });
    expect((await api(env.app, 'GET', '/api/v1/analytics/dashboards/monthly?month=2026-13', { as: analyst })).status).toBe(400);
  });
});

describe('the metrics API', () => {
  it('refuses agents and bad input with clear 4xx answers', async () => {
    expect((await api(env.app, 'GET', `/api/v1/analytics/metrics?metrics=fcr&${march}`, { as: agentA })).status).toBe(403);
    for (const query of [
      `metrics=nope&${march}`,
      `metrics=fcr&from=2026-02-30&to=2026-03-01`,
      `metrics=fcr&from=2026-03-02&to=2026-03-01`,
      `metrics=fcr&${march}&tz=Mars/Olympus`,
      `metrics=fcr&${march}&group_by=colour`,
      `metrics=fcr&${march}&unknown=1`,
      `metrics=fcr&from=2020-01-01&to=2026-03-01`,
      `metrics=fcr&${march}&group_by=period&interval=hour&from=2026-01-01`,
    ]) {
      const response = await api(env.app, 'GET', `/api/v1/analytics/metrics?${query}`, { as: analyst });
      expect(response.status, query).toBe(400);
    }
  });

  it('answers generated bad input on every analytics route with a 2xx or a problem+json 4xx, never a 500', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '2026-03-01',
        '2026-03-31T00:00:00Z',
        'fcr,volume',
        'period,agent',
        'Europe/Berlin',
        '-1',
        '0',
        '1e9',
        'week',
        'csv',
        'tag',
      ),
    );
    const query = fc.dictionary(
      fc.constantFrom(
        'metrics',
        'metric',
        'from',
        'to',
        'group_by',
        'interval',
        'tz',
        'sl_seconds',
        'format',
        'only',
        'limit',
        'by',
        'week',
        'month',
        'x',
      ),
      value,
      { maxKeys: 6 },
    );
    const path = fc.constantFrom(
      '/api/v1/analytics/metrics',
      '/api/v1/analytics/drill-down',
      '/api/v1/analytics/drivers',
      '/api/v1/analytics/dashboards/daily',
      '/api/v1/analytics/dashboards/weekly',
      '/api/v1/analytics/dashboards/monthly',
      '/api/v1/problems',
      '/api/v1/problems/1',
    );
    await fc.assert(
      fc.asyncProperty(path, query, async (url, params) => {
        const response = await env.app.inject({ method: 'GET', url: `${url}?${new URLSearchParams(params)}`, headers: analyst.auth });
        expect(response.statusCode, `${url}?${new URLSearchParams(params)}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(String(response.headers['content-type'])).toMatch(/problem\+json/);
      }),
      { numRuns: 150, seed: 42 },
    );
    const body = fc.dictionary(
      fc.constantFrom(
        'title',
        'category_id',
        'tag',
        'resolution_code',
        'owner_user_id',
        'fix_started_at',
        'fix_cost_cents',
        'window_days',
        'status',
        'x',
      ),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.double(), fc.constant(99_999_999)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await api(env.app, 'POST', '/api/v1/problems', { as: admin, body: payload });
        expect(response.status, JSON.stringify(payload)).toBeLessThan(500);
      }),
      { numRuns: 100, seed: 42 },
    );
  });

  it('exports any answer as CSV', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/metrics?metrics=volume&${march}&group_by=channel&format=csv`,
      headers: analyst.auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.body.split('\r\n')).toEqual([
      'metric,status,channel,value',
      'volume,ok,chat,2',
      'volume,ok,email,6',
      'volume,ok,web,3',
      '',
    ]);
  });

  it('lists the metric definitions with their availability', async () => {
    const response = await api(env.app, 'GET', '/api/v1/analytics/metric-definitions', { as: analyst });
    expect(response.status).toBe(200);
    const fcr = response.body.data.find((d: { key: string }) => d.key === 'fcr');
    expect(fcr).toMatchObject({ available: true, unit: 'ratio' });
    expect(fcr.definition).toContain('within 7 days');
  });
});

// Last: an agent coming online may route the waiting tickets to them.
describe('voice and agent-state metrics', () => {
  it('computes ASA, service level 80/20, abandonment and voice AHT from call facts', async () => {
    // [status, queue wait, talk, hold, wrap-up]: offered 5; answered within 20 s: 2; abandoned within 20 s: 1.
    const calls = [
      ['answered', 10, 300, 30, 60],
      ['answered', 30, 200, 0, 40],
      ['abandoned', 5, null, 0, null],
      ['abandoned', 45, null, 0, null],
      ['answered', 15, 100, 0, 20],
    ] as const;
    let n = 0;
    for (const [status, wait, talk, hold, wrap] of calls) {
      const ringing = new Date(Date.UTC(2026, 2, 10, 9, n++));
      const answered = status === 'answered';
      await env.ctx.db
        .insertInto('calls')
        .values({
          call_id: `metrics-${n}`,
          from_number: '+4930123456',
          to_number: '+4930999999',
          status: answered ? 'ended' : 'abandoned',
          queue_wait_seconds: wait,
          talk_seconds: talk,
          hold_seconds: hold,
          wrap_up_seconds: wrap,
          ringing_at: ringing,
          answered_at: answered ? new Date(ringing.getTime() + wait * 1000) : null,
          ended_at: new Date(ringing.getTime() + 600_000),
          events: '[]',
          created_at: ringing,
          updated_at: ringing,
        })
        .execute();
    }
    const m = await metrics('metrics=asa,service_level,abandonment_rate,aht&from=2026-03-10&to=2026-03-10');
    expect(m.asa!.rows[0]!.value).toBeCloseTo(55 / 3, 10);
    expect(m.service_level!.rows[0]).toMatchObject({ value: 0.5, offered: 5, answered_within: 2, abandoned_within: 1 });
    expect(m.abandonment_rate!.rows[0]).toMatchObject({ value: 0.4, abandoned: 2, offered: 5 });
    expect(m.aht!.rows[0]).toMatchObject({ value: 250, handled: 3 });
    const y30 = await metrics('metrics=service_level&from=2026-03-10&to=2026-03-10&sl_seconds=30');
    expect(y30.service_level!.rows[0]).toMatchObject({ value: 3 / 4 });
  });

  it('computes occupancy from agent states: handling / (handling + available)', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    const saved = env.clock.now();
    for (const [time, state] of [
      ['09:00', 'online'],
      ['09:30', 'on_call'],
      ['09:50', 'wrap_up'],
      ['10:00', 'online'],
      ['11:00', 'offline'],
    ] as const) {
      env.clock.set(`2026-03-11T${time}:00Z`);
      await setAgentState(env.ctx, admin.actor, agent.user.id, { state, channel: state === 'on_call' ? 'voice' : null });
    }
    env.clock.set(saved);
    const rows = (await metrics('metrics=occupancy&from=2026-03-11&to=2026-03-11&group_by=agent')).occupancy!.rows;
    expect(rows.find((r) => r.agent === agent.user.id)).toMatchObject({ value: 0.25, handling_seconds: 1800, available_seconds: 5400 });
  });
});

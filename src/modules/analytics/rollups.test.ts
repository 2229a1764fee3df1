import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { answerSurvey, offerSurvey } from '../feedback/index.ts';
import { updateTicket } from '../tickets/index.ts';
import { computeMetrics, parseMetricsQuery } from './metrics.service.ts';
import { rollupCovers } from './rollups.repository.ts';

/**
 * Random event sequences (fixed seed) through the ticket and survey services, calls written as the
 * telephony provider writes them; after each sequence every rolled-up metric, in every grouping the
 * rollups cover, equals the same metric computed from the raw facts, and the trigger-maintained
 * rollups equal a rebuild from the raw tables.
 */
let env: TestEnvironment;
let admin: TestUser;
const agents: TestUser[] = [];
const groups: number[] = [];
const categories: number[] = [];
const tickets: number[] = [];
const calls: number[] = [];
let requesterSeq = 0;
let callSeq = 0;

const channels = ['email', 'web', 'chat', 'voice'] as const;
const rolled = 'volume,top_issue_types,aht,asa,service_level,abandonment_rate,csat,nps,ces';

type Op =
  | { kind: 'open'; channel: number; category: number; agent: number; group: number }
  | { kind: 'change'; ticket: number; field: 'group_id' | 'assignee_id' | 'category_id' | 'status'; value: number }
  | { kind: 'call'; ticket: number; agent: number; inbound: boolean }
  | { kind: 'call_progress'; call: number; outcome: 'answer' | 'abandon' | 'end'; wait: number; talk: number }
  | { kind: 'survey'; ticket: number; csat: number; nps: number; ces: number }
  | { kind: 'advance'; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), channel: fc.nat(3), category: fc.nat(3), agent: fc.nat(2), group: fc.nat(2) }),
  fc.record({
    kind: fc.constant('change' as const),
    ticket: fc.nat(1000),
    field: fc.constantFrom('group_id' as const, 'assignee_id' as const, 'category_id' as const, 'status' as const),
    value: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('call' as const), ticket: fc.nat(1000), agent: fc.nat(2), inbound: fc.boolean() }),
  fc.record({
    kind: fc.constant('call_progress' as const),
    call: fc.nat(1000),
    outcome: fc.constantFrom('answer' as const, 'abandon' as const, 'end' as const),
    wait: fc.integer({ min: 0, max: 60 }),
    talk: fc.integer({ min: 10, max: 900 }),
  }),
  fc.record({
    kind: fc.constant('survey' as const),
    ticket: fc.nat(1000),
    csat: fc.integer({ min: 1, max: 5 }),
    nps: fc.integer({ min: 0, max: 10 }),
    ces: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
);

const pick = <T>(list: T[], i: number) => list[i % list.length];

async function apply(o: Op): Promise<void> {
  const now = env.clock.now();
  const db = env.ctx.db;
  switch (o.kind) {
    case 'open': {
      const t = await makeTicket(env.ctx, {
        channel: channels[o.channel] as 'email',
        category: o.category === 3 ? undefined : categories[o.category],
        requesterEmail: `r${requesterSeq++}@rollups.example`,
        assignee_id: pick(agents, o.agent)!.user.id,
      } as never);
      tickets.push(t.id);
      return;
    }
    case 'change': {
      const id = pick(tickets, o.ticket);
      if (id === undefined) return;
      const value =
        o.field === 'group_id'
          ? o.value === 3
            ? null
            : groups[o.value % groups.length]
          : o.field === 'assignee_id'
            ? o.value === 3
              ? null
              : agents[o.value % agents.length]!.user.id
            : o.field === 'category_id'
              ? o.value === 3
                ? null
                : categories[o.value % categories.length]
              : (['open', 'pending', 'solved', 'open'] as const)[o.value];
      await updateTicket(env.ctx, admin.actor, id, { [o.field]: value } as never);
      return;
    }
    case 'call': {
      const ticket = pick(tickets, o.ticket) ?? null;
      const row = await db
        .insertInto('calls')
        .values({
          call_id: `call-${callSeq++}`,
          direction: o.inbound ? 'inbound' : 'outbound',
          from_number: '+15550100',
          to_number: '+15550199',
          ticket_id: ticket,
          agent_id: pick(agents, o.agent)!.user.id,
          status: 'ringing',
          ringing_at: now,
          created_at: now,
          updated_at: now,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      calls.push(Number(row.id));
      return;
    }
    case 'call_progress': {
      const id = pick(calls, o.call);
      if (id === undefined) return;
      const set =
        o.outcome === 'answer'
          ? { status: 'answered', queue_wait_seconds: o.wait, answered_at: now }
          : o.outcome === 'abandon'
            ? { status: 'abandoned', queue_wait_seconds: o.wait, ended_at: now }
            : { status: 'ended', talk_seconds: o.talk, wrap_up_seconds: 30, ended_at: now };
      await db
        .updateTable('calls')
        .set({ ...set, updated_at: now } as never)
        .where('id', '=', id as never)
        .execute();
      return;
    }
    case 'survey': {
      const id = pick(tickets, o.ticket);
      if (id === undefined) return;
      const offered = await offerSurvey(env.ctx, admin.actor, id, { via: 'portal', questions: ['csat', 'nps', 'ces'] });
      if (!offered.token) return;
      await answerSurvey(env.ctx, offered.token, [
        { kind: 'csat', score: o.csat },
        { kind: 'nps', score: o.nps },
        { kind: 'ces', score: o.ces },
      ] as never);
      return;
    }
    case 'advance':
      env.clock.set(new Date(now.getTime() + o.minutes * 60_000));
      return;
  }
}

const cells = async () =>
  (
    await sql<Record<string, unknown>>`
    select source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n, offered, answered, abandoned, answered_in_sl,
      abandoned_in_sl, handled, handle_s, wait_s, satisfied, promoters, detractors, score_total
    from analytics_rollups
    where n <> 0 or offered <> 0 or answered <> 0 or abandoned <> 0 or handled <> 0 or satisfied <> 0 or score_total <> 0
      or handle_s <> 0 or wait_s <> 0
    order by source, grain, hour, channel, group_id, agent_id, category_id, organization_id`.execute(env.ctx.db)
  ).rows.map((r) => JSON.stringify(r));

beforeAll(async () => {
  env = await createTestEnvironment();
  env.clock.set('2026-05-01T06:00:00Z');
  admin = await makeUser(env.ctx, 'admin');
  for (const role of ['associate', 'associate', 'engineer'] as const) agents.push(await makeUser(env.ctx, role, { tier: 1 }));
  for (const name of ['Login', 'Billing', 'Shipping']) {
    const created = await api(env.app, 'POST', '/api/v1/categories', { as: admin, body: { name, slug: name.toLowerCase() } });
    expect(created.status).toBe(201);
    categories.push(created.body.id);
  }
  const now = env.clock.now();
  for (const name of ['Front line', 'Specialists']) {
    const g = await env.ctx.db
      .insertInto('groups')
      .values({ name, created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    groups.push(Number(g.id));
  }
});

afterAll(async () => {
  await env?.close();
});

describe('analytics rollups', () => {
  it('keep every rolled-up metric equal to the raw facts after random event sequences', async () => {
    let checks = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        for (const o of ops) {
          try {
            await apply(o);
          } catch (error) {
            if (!(error instanceof AppError)) throw error; // a refused change (e.g. an invalid transition) is a legitimate outcome
          }
        }
        const from = '2026-04-30';
        const to = new Date(env.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
        for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York'])
          for (const group_by of ['', 'period', 'channel', 'group', 'agent', 'category', 'organization', 'period,group,category']) {
            const request = parseMetricsQuery({ metrics: rolled, from, to, tz, group_by, interval: 'day' });
            expect(rollupCovers('call', request.grouping, request) || group_by === 'organization').toBe(true);
            const fromRollups = await computeMetrics(env.ctx, request);
            const fromRaw = await computeMetrics(env.ctx, request, { rollups: false });
            expect(fromRollups, `${tz} ${group_by}`).toEqual(fromRaw);
            checks++;
          }
        const maintained = await cells();
        const rebuilt = await api(env.app, 'POST', '/api/v1/analytics/rollups/rebuild', { as: admin });
        expect(rebuilt.status).toBe(200);
        expect(await cells()).toEqual(maintained);
      }),
      { seed: 20261205, numRuns: 4, endOnFailure: true },
    );
    expect(checks).toBe(4 * 3 * 8);
    // The sequences did produce facts of every source.
    const sources = await sql<{ source: string }>`select distinct source from analytics_rollups where n > 0 order by 1`.execute(env.ctx.db);
    expect(sources.rows.map((r) => r.source)).toEqual(['call', 'ces', 'csat', 'nps', 'ticket']);
  });

  it('keeps the rollups exact when a ticket with calls and answers is deleted', async () => {
    const withCall = await sql<{ ticket_id: number }>`
      select k.ticket_id from calls k join tickets t on t.id = k.ticket_id where t.group_id is not null limit 1`.execute(env.ctx.db);
    const id = withCall.rows[0]?.ticket_id;
    expect(id).toBeDefined();
    await env.ctx.db.transaction().execute(async (trx) => {
      await sql`delete from ticket_events where ticket_id = ${id}`.execute(trx);
      await sql`delete from tickets where id = ${id}`.execute(trx);
    });
    const maintained = await cells();
    const rebuilt = await api(env.app, 'POST', '/api/v1/analytics/rollups/rebuild', { as: admin });
    expect(rebuilt.status).toBe(200);
    expect(await cells()).toEqual(maintained);
  });

  it('falls back to raw facts where hours do not divide the periods', async () => {
    const kolkata = parseMetricsQuery({ metrics: 'volume', from: '2026-04-30', to: '2026-05-10', tz: 'Asia/Kolkata', group_by: 'period' });
    expect(rollupCovers('ticket', kolkata.grouping, kolkata)).toBe(false);
    const partHour = parseMetricsQuery({ metrics: 'volume', from: '2026-05-01T06:30:00Z', to: '2026-05-03T00:00:00Z' });
    expect(rollupCovers('ticket', partHour.grouping, partHour)).toBe(false);
    const byTier = parseMetricsQuery({ metrics: 'volume', from: '2026-04-30', to: '2026-05-10', group_by: 'value_tier' });
    expect(rollupCovers('ticket', byTier.grouping, byTier)).toBe(false);
    expect(await computeMetrics(env.ctx, kolkata)).toEqual(await computeMetrics(env.ctx, kolkata, { rollups: false }));
  });

  it('rebuilds only for admins', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const refused = await api(env.app, 'POST', '/api/v1/analytics/rollups/rebuild', { as: analyst });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });
});

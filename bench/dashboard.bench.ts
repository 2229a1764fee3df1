/**
 * Dashboard: the rolled-up figures of the monthly KPI dashboard (volume, top issue types, CSAT, NPS,
 * CES, abandonment, service level 80/20, AHT, ASA, and the weekly volume trend by channel) over N
 * tickets on PostgreSQL, from the hourly rollups (warm, target under 500 ms) and from the raw tables
 * in the same run as the baseline; the two must agree. Also: the rebuild time, and the rollup
 * maintenance cost per ticket event (the same statements with the rollup triggers on and off).
 *
 * Raw tables are seeded with set-based SQL (as bench/analytics.bench.ts does) with the triggers
 * disabled, then `rebuildRollups` builds the rollups, as `frontline analytics rebuild` does.
 * FCR, reopen, escalation, tier shares, SLA compliance and backlog age stay on raw facts (see
 * src/modules/analytics/README.md) and are measured by the `analytics` bench.
 *
 * BENCH_DATABASE_URL (admin URL, default the local server), BENCH_DASHBOARD_TICKETS (5000000),
 * BENCH_DASHBOARD_RUNS (5 warm runs), BENCH_DASHBOARD_EVENTS (2000 events per maintenance sample).
 * The last line printed is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { computeMetrics, parseMetricsQuery } from '../src/modules/analytics/metrics.service.ts';
import { rebuildRollups } from '../src/modules/analytics/rollups.repository.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Context } from '../src/platform/context.ts';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { machineLoad } from './support/cpu.ts';
import { adminUrl, createScratchDatabase, serverFacts } from './support/database.ts';
import { ms, printTable } from './support/report.ts';

export const description =
  'Monthly dashboard from hourly rollups vs raw tables over 5,000,000 tickets on PostgreSQL; rollup upkeep per event';

const NOW = new Date('2026-03-31T22:00:00Z');
const targetMs = 500;
const rolled = 'volume,top_issue_types,csat,nps,ces,abandonment_rate,service_level,aht,asa';
const triggers = [
  ['tickets', 'analytics_rollup_ticket'],
  ['calls', 'analytics_rollup_call'],
  ['survey_answers', 'analytics_rollup_answer'],
] as const;

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];

async function setTriggers(db: Db, enabled: boolean) {
  for (const [table, name] of triggers)
    await sql`alter table ${sql.table(table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger ${sql.ref(name)}`.execute(db);
}

/** 90 days of tickets; one in five is a voice call (one in twelve abandoned), one in six has CSAT/NPS/CES answers. */
async function seed(db: Db, total: number): Promise<{ calls: number; answers: number }> {
  const now = NOW.toISOString();
  await sql`insert into organizations (name, value_tier, created_at, updated_at)
    select 'Organization ' || g, (array['standard', 'silver', 'gold'])[1 + g % 3], ${now}, ${now} from generate_series(1, 200) g`.execute(
    db,
  );
  await sql`insert into customers (name, organization_id, value_tier, created_at, updated_at)
    select 'Customer ' || g, case when g % 4 = 0 then null else 1 + g % 200 end, 'standard', ${now}, ${now} from generate_series(1, 20000) g`.execute(
    db,
  );
  await sql`insert into users (email, name, role, tier, created_at, updated_at)
    select 'agent' || g || '@bench.example', 'Agent ' || g, 'associate', 1, ${now}, ${now} from generate_series(1, 50) g`.execute(db);
  await sql`insert into groups (name, tier, created_at, updated_at) select 'Group ' || g, 1 + g % 3, ${now}, ${now} from generate_series(1, 5) g`.execute(
    db,
  );
  await sql`insert into categories (name, slug, path, created_at, updated_at)
    select 'Driver ' || g, 'driver-' || g, 'driver-' || g, ${now}, ${now} from generate_series(1, 20) g`.execute(db);
  const agents = sql`(select array_agg(id order by id) from users where role = 'associate')`;
  const groups = sql`(select array_agg(id order by id) from groups)`;
  const cats = sql`(select array_agg(id order by id) from categories)`;
  await sql`insert into tickets (id, subject, status, priority, type, channel, requester_id, organization_id, assignee_id, group_id, tier,
      category_id, custom_fields, created_at, updated_at, solved_at)
    select 1000 + x.g, 'Bench ticket ' || x.g, case when x.g % 10 < 8 then 'solved' else 'open' end, 'p3', 'question', x.channel,
      c.id, c.organization_id, (${agents})[1 + x.g % 50], (${groups})[1 + x.g % 5], 1,
      (${cats})[1 + floor(20 * power(((x.g * 37) % 1000) / 1000.0, 2))::int], '{}', x.c0, x.c0,
      case when x.g % 10 < 8 then least(x.c0 + interval '2 hours', ${now}::timestamptz) end
    from (
      select g, ${now}::timestamptz - ((g::bigint * 7919) % (90 * 1440)) * interval '1 minute' as c0,
        (array['email', 'email', 'web', 'chat', 'voice'])[1 + g % 5] as channel
      from generate_series(1, ${total}) g
    ) x join customers c on c.id = 1 + x.g % 20000`.execute(db);
  await sql`select setval('ticket_number_seq', ${1000 + total})`.execute(db);
  await sql`insert into calls (call_id, direction, from_number, to_number, customer_id, agent_id, ticket_id, status, queue_wait_seconds,
      talk_seconds, hold_seconds, wrap_up_seconds, ringing_at, answered_at, ended_at, created_at, updated_at)
    select 'c' || t.id, 'inbound', '+15550100', '+15550199', t.requester_id, t.assignee_id, t.id,
      case when t.id % 12 = 0 then 'abandoned' else 'ended' end, (t.id * 7) % 45,
      case when t.id % 12 = 0 then null else 120 + t.id % 600 end, 0, case when t.id % 12 = 0 then null else 30 end,
      t.created_at, case when t.id % 12 = 0 then null else t.created_at + ((t.id * 7) % 45) * interval '1 second' end,
      t.created_at + interval '10 minutes', t.created_at, t.created_at
    from tickets t where t.channel = 'voice'`.execute(db);
  await sql`insert into surveys (ticket_id, customer_id, status, via, questions, agent_id, group_id, channel, category_id, scheduled_for,
      created_at, updated_at)
    select t.id, t.requester_id, 'answered', 'email', array['csat', 'nps', 'ces'], t.assignee_id, t.group_id, t.channel, t.category_id,
      t.solved_at, t.solved_at, t.solved_at
    from tickets t where t.solved_at is not null and t.id % 6 = 0`.execute(db);
  await sql`insert into survey_answers (survey_id, kind, score, first_score, ticket_id, customer_id, agent_id, group_id, channel,
      category_id, answered_at, updated_at)
    select s.id, k.kind, k.score, k.score, t.id, t.requester_id, t.assignee_id, t.group_id, t.channel, t.category_id,
      s.created_at + interval '1 hour', s.created_at + interval '1 hour'
    from surveys s join tickets t on t.id = s.ticket_id
    cross join lateral (values ('csat', 1 + t.id % 5), ('nps', t.id % 11), ('ces', 1 + t.id % 7)) k(kind, score)`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ calls: number; answers: number }>`
    select (select count(*) from calls)::int as calls, (select count(*) from survey_answers)::int as answers`.execute(db);
  return counts.rows[0] ?? { calls: 0, answers: 0 };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Milliseconds for `events` single-row ticket events (half creations, half group changes), in autocommit as the services do. */
async function ticketEvents(db: Db, events: number, firstId: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < events / 2; i++) {
    const id = firstId + i;
    await sql`insert into tickets (id, subject, status, priority, type, channel, requester_id, group_id, assignee_id, category_id, tier,
        custom_fields, created_at, updated_at)
      values (${id}, 'Event', 'open', 'p3', 'question', 'email', 1, (select min(id) from groups), (select min(id) from users),
        (select min(id) from categories), 1, '{}', ${NOW}, ${NOW})`.execute(db);
    await sql`update tickets set group_id = (select max(id) from groups), updated_at = ${NOW} where id = ${id}`.execute(db);
  }
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const total = envNumber('BENCH_DASHBOARD_TICKETS', 5_000_000, { min: 1000, integer: true });
  const runs = envNumber('BENCH_DASHBOARD_RUNS', 5, { min: 1, integer: true });
  const events = envNumber('BENCH_DASHBOARD_EVENTS', 2000, { min: 2, integer: true });
  const admin = adminUrl();
  const cleanup = new Cleanup();
  try {
    const facts = await serverFacts(admin);
    const scratch = await createScratchDatabase(admin, 'frontline_bench_dashboard');
    cleanup.add('drop scratch database', () => scratch.drop());
    const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 4 });
    cleanup.add('close database', () => handle.close());
    await migrateToLatest(handle.db);
    const idle = await machineLoad();
    if (idle > 0.5)
      console.log(`WARNING: ${idle.toFixed(2)} cores were busy before the bench started; the figures will be slow and noisy.`);
    console.log(`dashboard bench: ${total.toLocaleString('en')} tickets over 90 days on PostgreSQL ${facts.server_version}`);
    let t = performance.now();
    await setTriggers(handle.db, false);
    const seeded = await seed(handle.db, total);
    await setTriggers(handle.db, true);
    console.log(
      `seeded ${total} tickets, ${seeded.calls} calls, ${seeded.answers} survey answers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const { rows } = await rebuildRollups(handle.db);
    const rebuildMs = performance.now() - t;
    await sql`analyze analytics_rollups`.execute(handle.db);
    console.log(`rebuilt ${rows} rollup rows in ${(rebuildMs / 1000).toFixed(1)} s`);

    const ctx = { db: handle.db, dbKind: 'postgres', clock: new ManualClock(NOW) } as unknown as Context;
    const month = { from: '2026-03-01', to: '2026-03-31', tz: 'Europe/Berlin' };
    const requests = [
      parseMetricsQuery({ metrics: rolled, ...month }),
      parseMetricsQuery({ metrics: 'volume', ...month, group_by: 'period,channel', interval: 'week' }),
    ];
    const dashboard = (rollups: boolean) => Promise.all(requests.map((r) => computeMetrics(ctx, r, { rollups })));

    const coldRollups = await timed(() => dashboard(true));
    const warmRollups: number[] = [];
    for (let i = 0; i < runs; i++) warmRollups.push(await timed(() => dashboard(true)));
    const warmRaw: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) warmRaw.push(await timed(() => dashboard(false)));
    const [fromRollups, fromRaw] = [await dashboard(true), await dashboard(false)];
    const agree = JSON.stringify(fromRollups) === JSON.stringify(fromRaw);
    if (!agree) throw new Error('The figures from the rollups differ from the raw tables.');
    const volume = fromRollups[0]?.metrics.find((m) => m.key === 'volume')?.rows[0]?.value;
    console.log(`March (Berlin): volume ${volume}; rollups and raw tables agree on every figure`);

    // Maintenance: the same single-row ticket events with the rollup triggers on and off, in
    // alternating batches of 100 so that the machine's load drifts over both alike.
    let withTriggers = 0;
    let withoutTriggers = 0;
    const batch = Math.min(100, events);
    let nextId = 1001 + total;
    for (let done = 0; done < events; done += batch) {
      withTriggers += await ticketEvents(handle.db, batch, nextId);
      nextId += batch;
      await setTriggers(handle.db, false);
      withoutTriggers += await ticketEvents(handle.db, batch, nextId);
      nextId += batch;
      await setTriggers(handle.db, true);
    }
    const measured = Math.ceil(events / batch) * batch;
    const perEventMs = (withTriggers - withoutTriggers) / measured;

    const warmMs = median(warmRollups);
    const rawMs = median(warmRaw);
    printTable(`Monthly dashboard (rolled-up figures), ${total.toLocaleString('en')} tickets`, [
      { figure: 'from rollups, cold', value: ms(coldRollups) },
      { figure: `from rollups, warm (median of ${runs})`, value: ms(warmMs), target: `< ${targetMs} ms`, pass: warmMs < targetMs },
      { figure: 'from raw tables, warm (baseline)', value: ms(rawMs) },
      { figure: 'rebuild of all rollups', value: ms(rebuildMs) },
      { figure: `ticket event with rollup upkeep (${measured} events)`, value: ms(withTriggers / measured) },
      { figure: 'ticket event without it', value: ms(withoutTriggers / measured) },
      { figure: 'rollup upkeep per ticket event', value: ms(perEventMs) },
    ]);
    console.log(
      JSON.stringify({
        bench: 'dashboard',
        tickets: total,
        calls: seeded.calls,
        survey_answers: seeded.answers,
        rollup_rows: rows,
        rollups_cold_ms: Math.round(coldRollups),
        rollups_warm_ms: Math.round(warmMs),
        raw_warm_ms: Math.round(rawMs),
        speedup: Math.round((rawMs / warmMs) * 10) / 10,
        figures_agree: agree,
        rebuild_ms: Math.round(rebuildMs),
        event_with_upkeep_ms: Math.round((withTriggers / measured) * 1000) / 1000,
        event_without_upkeep_ms: Math.round((withoutTriggers / measured) * 1000) / 1000,
        upkeep_per_event_ms: Math.round(perEventMs * 1000) / 1000,
        target_ms: targetMs,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

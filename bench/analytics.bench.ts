/**
 * Analytics: the monthly KPI dashboard computed from the raw facts (tickets, events, comments, SLA
 * clocks) on PostgreSQL, over 90 days of tickets generated with set-based SQL (default 200,000;
 * BENCH_ANALYTICS_TICKETS). Measured: the first (cold) computation and the median of the warm ones,
 * the same grouped by channel, and a 90-day daily volume trend in a DST zone. The last line printed
 * is one JSON object.
 *
 * The target (under 500 ms warm at 5,000,000 tickets) assumes hourly rollups; these figures
 * are the raw-table baseline that rollups would be measured against.
 *
 * BENCH_DATABASE_URL (admin URL, default the local server), BENCH_ANALYTICS_TICKETS (200000),
 * BENCH_ANALYTICS_RUNS (5 warm runs).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { computeMetrics, parseMetricsQuery } from '../src/modules/analytics/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Context } from '../src/platform/context.ts';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { machineLoad } from './support/cpu.ts';
import { adminUrl, createScratchDatabase, serverFacts } from './support/database.ts';
import { ms, printTable } from './support/report.ts';

export const description = 'Monthly KPI dashboard from raw tables over 200,000 tickets on PostgreSQL (baseline for rollups)';

const NOW = new Date('2026-03-31T22:00:00Z');
const targetMs = 500;
const monthly = 'volume,fcr,reopen_rate,escalation_rate,tier_shares,sla_compliance,backlog_age,top_issue_types,cost_per_contact';

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];

/** 90 days of tickets: 80 % solved, 10 % escalated, 1 in 12 solved ones reopened, one or two agent replies, first-response clocks. */
async function seed(db: Db, total: number): Promise<{ events: number; comments: number }> {
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
    select 1000 + x.g, 'Bench ticket ' || x.g, case when x.solved then 'solved' else 'open' end, 'p3', 'question', x.channel,
      c.id, c.organization_id, (${agents})[1 + x.g % 50], (${groups})[1 + x.g % 5], x.tier,
      (${cats})[1 + floor(20 * power(((x.g * 37) % 1000) / 1000.0, 2))::int], '{}', x.c0, x.c0,
      case when x.solved then x.c0 + x.work end
    from (
      select g, ${now}::timestamptz - ((g::bigint * 7919) % (90 * 1440)) * interval '1 minute' as c0,
        (30 + (g * 13) % 2880) * interval '1 minute' as work,
        (array['email', 'email', 'web', 'chat', 'voice'])[1 + g % 5] as channel,
        case when g % 50 = 0 then 3 when g % 10 = 0 then 2 else 1 end as tier,
        g % 10 < 8 and ${now}::timestamptz - ((g::bigint * 7919) % (90 * 1440)) * interval '1 minute' + (30 + (g * 13) % 2880) * interval '1 minute' < ${now}::timestamptz as solved
      from generate_series(1, ${total}) g
    ) x join customers c on c.id = 1 + x.g % 20000`.execute(db);
  await sql`select setval('ticket_number_seq', ${1000 + total})`.execute(db);

  await sql`insert into ticket_comments (ticket_id, author_user_id, body, public, channel, metadata, created_at)
    select t.id, t.assignee_id, 'Here is the answer.', true, t.channel, '{}', t.created_at + n * interval '20 minutes'
    from tickets t cross join generate_series(1, 2) n where n = 1 or t.id % 3 = 0`.execute(db);
  const event = (select: ReturnType<typeof sql>) =>
    sql`insert into ticket_events (ticket_id, type, field, before, after, created_at) ${select}`.execute(db);
  await event(
    sql`select id, 'ticket.created', null, null, jsonb_build_object('status', 'new', 'channel', channel), created_at from tickets`,
  );
  await event(
    sql`select id, 'ticket.field_changed', 'tier', '1'::jsonb, to_jsonb(tier), created_at + interval '10 minutes' from tickets where tier > 1`,
  );
  await event(sql`select id, 'ticket.field_changed', 'status', '"open"'::jsonb, '"solved"'::jsonb, created_at + (solved_at - created_at) / 2
    from tickets where solved_at is not null and id % 12 = 0`);
  await event(sql`select id, 'ticket.reopened', null, '"solved"'::jsonb, '"open"'::jsonb, created_at + (solved_at - created_at) * 3 / 4
    from tickets where solved_at is not null and id % 12 = 0`);
  await event(
    sql`select id, 'ticket.field_changed', 'status', '"open"'::jsonb, '"solved"'::jsonb, solved_at from tickets where solved_at is not null`,
  );
  const policy = sql`(select id from sla_policies order by position limit 1)`;
  await sql`insert into sla_clocks (ticket_id, target, policy_id, cycle, status, target_minutes, business_hours, started_at, due_at, breached_at, met_at,
      stopped_at, paused_ms, elapsed_ms, remaining_ms, computed_at)
    select id, 'first_response', ${policy}, 1, case when id % 7 = 0 then 'met_late' else 'met' end, 1440, false, created_at, null,
      case when id % 7 = 0 then created_at + interval '15 minutes' end, created_at + interval '20 minutes', created_at + interval '20 minutes', 0, 0, 0, ${now}
    from tickets`.execute(db);
  await sql`insert into settings (key, value, updated_at) values ('analytics.costs', ${JSON.stringify({
    currency: 'USD',
    loaded_hourly_cost_cents: 3600,
    standard_handle_seconds: 480,
    channels: { email: { fixed_monthly_cents: 500_000 }, voice: { standard_handle_seconds: 360 } },
  })}, ${now})`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ events: number; comments: number }>`
    select (select count(*) from ticket_events)::int as events, (select count(*) from ticket_comments)::int as comments`.execute(db);
  return counts.rows[0] ?? { events: 0, comments: 0 };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function run(): Promise<void> {
  const total = envNumber('BENCH_ANALYTICS_TICKETS', 200_000, { min: 1000, integer: true });
  const runs = envNumber('BENCH_ANALYTICS_RUNS', 5, { min: 1, integer: true });
  const admin = adminUrl();
  const cleanup = new Cleanup();
  try {
    const facts = await serverFacts(admin);
    const scratch = await createScratchDatabase(admin, 'frontline_bench_analytics');
    cleanup.add('drop scratch database', () => scratch.drop());
    const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 4 });
    cleanup.add('close database', () => handle.close());
    await migrateToLatest(handle.db);
    const idle = await machineLoad();
    if (idle > 0.5)
      console.log(`WARNING: ${idle.toFixed(2)} cores were busy before the bench started; the figures will be slow and noisy.`);
    console.log(`analytics bench: ${total} tickets over 90 days on PostgreSQL ${facts.server_version}`);
    const t = performance.now();
    const seeded = await seed(handle.db, total);
    console.log(
      `seeded ${total} tickets, ${seeded.events} events, ${seeded.comments} comments in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const ctx = { db: handle.db, dbKind: 'postgres', clock: new ManualClock(NOW) } as unknown as Context;
    const month = parseMetricsQuery({ metrics: monthly, from: '2026-03-01', to: '2026-03-31', tz: 'Europe/Berlin' });
    const byChannel = parseMetricsQuery({
      metrics: monthly,
      from: '2026-03-01',
      to: '2026-03-31',
      tz: 'Europe/Berlin',
      group_by: 'channel',
    });
    const trend = parseMetricsQuery({
      metrics: 'volume,fcr',
      from: '2026-01-01',
      to: '2026-03-31',
      tz: 'Europe/Berlin',
      group_by: 'period',
      interval: 'day',
    });

    const cold = await timed(() => computeMetrics(ctx, month));
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await timed(() => computeMetrics(ctx, month)));
    const channelRuns: number[] = [];
    for (let i = 0; i < runs; i++) channelRuns.push(await timed(() => computeMetrics(ctx, byChannel)));
    const trendRuns: number[] = [];
    for (let i = 0; i < runs; i++) trendRuns.push(await timed(() => computeMetrics(ctx, trend)));
    const perMetric: Record<string, number> = {};
    for (const key of monthly.split(',')) {
      const one = parseMetricsQuery({ metrics: key, from: '2026-03-01', to: '2026-03-31', tz: 'Europe/Berlin' });
      perMetric[key] = median([
        await timed(() => computeMetrics(ctx, one)),
        await timed(() => computeMetrics(ctx, one)),
        await timed(() => computeMetrics(ctx, one)),
      ]);
    }
    const result = await computeMetrics(ctx, month);
    const fcr = result.metrics.find((m) => m.key === 'fcr')?.rows[0]?.value;
    console.log(`March (Berlin): FCR ${typeof fcr === 'number' ? (fcr * 100).toFixed(1) : '?'} %`);
    console.log('per metric (median of 3, warm):');
    for (const [key, value] of Object.entries(perMetric)) console.log(`  ${key.padEnd(18)} ${ms(value)}`);

    const warmMs = median(warm);
    printTable(`Monthly KPI dashboard from raw tables, ${total.toLocaleString('en')} tickets`, [
      { figure: 'cold (first run)', value: ms(cold) },
      { figure: `warm (median of ${runs})`, value: ms(warmMs), target: `< ${targetMs} ms`, pass: warmMs < targetMs },
      { figure: 'grouped by channel (warm)', value: ms(median(channelRuns)) },
      { figure: '90-day daily trend, volume + FCR (warm)', value: ms(median(trendRuns)) },
    ]);
    console.log(
      JSON.stringify({
        bench: 'analytics',
        tickets: total,
        events: seeded.events,
        comments: seeded.comments,
        monthly_dashboard_cold_ms: Math.round(cold),
        monthly_dashboard_warm_ms: Math.round(warmMs),
        by_channel_warm_ms: Math.round(median(channelRuns)),
        daily_trend_90d_warm_ms: Math.round(median(trendRuns)),
        per_metric_warm_ms: Object.fromEntries(Object.entries(perMetric).map(([k, v]) => [k, Math.round(v)])),
        target_ms: targetMs,
        rollups: false,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

/**
 * Voice screen-pop: the caller's context (customer, organization, value tier, open tickets, last
 * contacts) looked up by phone number, on PostgreSQL with many customers (target: p99 under 100 ms).
 * Measured twice: the lookup itself, and the ringing webhook's whole round trip through the HTTP
 * app (authentication, validation, the call row, the lookup, serialisation). The last line printed
 * is one JSON object.
 *
 * BENCH_DATABASE_URL (admin URL, default the local server), BENCH_CHANNELS_CUSTOMERS (20000),
 * BENCH_CHANNELS_LOOKUPS (2000).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { startRuntime } from '../src/bootstrap.ts';
import { testConfig } from '../src/config.ts';
import { screenPopForPhone } from '../src/modules/channels/voice/screen-pop.ts';
import { issueToken } from '../src/modules/auth/index.ts';
import { createUser } from '../src/modules/users/index.ts';
import { type Context, systemActor } from '../src/platform/context.ts';
import { createLogger } from '../src/platform/logging.ts';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { machineLoad } from './support/cpu.ts';
import { adminUrl, createScratchDatabase, serverFacts } from './support/database.ts';
import { ms, printTable } from './support/report.ts';
import { round, Samples } from './support/stats.ts';

export const description =
  'Voice screen-pop by phone number with many customers on PostgreSQL: lookup and ringing webhook p50/p99 (target p99 < 100 ms)';

const targetMs = 100;
const phoneOf = (g: number) => `+1415${String(2000000 + g).padStart(7, '0')}`;

async function seed(db: Context['db'], customers: number): Promise<void> {
  const now = new Date().toISOString();
  await sql`insert into organizations (name, value_tier, created_at, updated_at)
    select 'Organization ' || g, (array['standard', 'silver', 'gold', 'platinum'])[1 + g % 4], ${now}, ${now} from generate_series(1, 500) g`.execute(
    db,
  );
  await sql`insert into customers (id, name, organization_id, value_tier, lifetime_value_cents, created_at, updated_at)
    overriding system value
    select g, 'Customer ' || g, case when g % 3 = 0 then null else 1 + g % 500 end,
      (array['standard', 'standard', 'silver', 'gold'])[1 + g % 4], (g * 7919) % 10000000, ${now}, ${now}
    from generate_series(1, ${customers}) g`.execute(db);
  await sql`select setval(pg_get_serial_sequence('customers', 'id'), ${customers})`.execute(db);
  await sql`insert into customer_identities (customer_id, kind, value, is_primary, created_at)
    select g, 'phone', '+1415' || lpad((2000000 + g)::text, 7, '0'), true, ${now} from generate_series(1, ${customers}) g`.execute(db);
  await sql`insert into customer_identities (customer_id, kind, value, is_primary, created_at)
    select g, 'email', 'customer' || g || '@example.com', true, ${now} from generate_series(1, ${customers}) g`.execute(db);
  // Three tickets per customer on average (0 to 6), a third of them unsolved, over 90 days.
  await sql`insert into tickets (subject, status, priority, type, channel, requester_id, organization_id, custom_fields, created_at, updated_at)
    select 'Ticket ' || g || '.' || k, (array['new', 'open', 'pending', 'solved', 'solved', 'closed'])[1 + (g + k) % 6],
      (array['p1', 'p2', 'p3', 'p3', 'p4'])[1 + (g * k) % 5], 'question',
      (array['email', 'voice', 'web', 'chat', 'messaging'])[1 + (g + k) % 5], g, c.organization_id, '{}',
      now() - ((g * 31 + k * 977) % 129600) * interval '1 minute', now() - ((g * 17 + k * 131) % 129600) * interval '1 minute'
    from generate_series(1, ${customers}) g join customers c on c.id = g, generate_series(1, (g % 7)) k`.execute(db);
  await sql`insert into calls (call_id, from_number, to_number, customer_id, status, outcome, talk_seconds, ringing_at, events, created_at, updated_at)
    select 'seed-' || g || '-' || k, '+1415' || lpad((2000000 + g)::text, 7, '0'), '+18005550100', g, 'ended', 'completed', 60 + (g * k) % 900,
      now() - ((g * 13 + k * 101) % 129600) * interval '1 minute', '[]', now(), now()
    from generate_series(1, ${customers}) g, generate_series(1, (g % 3)) k`.execute(db);
  await sql`analyze`.execute(db);
}

export async function run(): Promise<void> {
  const customers = envNumber('BENCH_CHANNELS_CUSTOMERS', 20_000, { min: 100, integer: true });
  const lookups = envNumber('BENCH_CHANNELS_LOOKUPS', 2000, { min: 10, integer: true });
  const cleanup = new Cleanup();
  try {
    const admin = adminUrl();
    const facts = await serverFacts(admin);
    const scratch = await createScratchDatabase(admin, 'frontline_bench_channels');
    cleanup.add(`drop database ${scratch.name}`, () => scratch.drop());
    // The service's own start-up (migrations, pool, jobs, caches) on the scratch database.
    const runtime = await startRuntime(testConfig({ databaseUrl: scratch.url, databasePoolSize: 10 }), {
      command: 'bench',
      log: createLogger('silent'),
    });
    cleanup.add('stop the runtime', () => runtime.close());
    const { ctx } = runtime;
    const handle = { db: ctx.db };
    const idleLoad = await machineLoad();
    if (idleLoad > 0.5)
      console.log(`WARNING: ${idleLoad.toFixed(2)} cores were busy before the bench started; the figures will be slow and noisy.`);
    let t = performance.now();
    await seed(handle.db, customers);
    const counts = await sql<{
      tickets: number;
      calls: number;
    }>`select (select count(*)::int from tickets) as tickets, (select count(*)::int from calls) as calls`.execute(handle.db);
    const { tickets = 0, calls = 0 } = counts.rows[0] ?? {};
    console.log(
      `channels bench: ${customers} customers, ${tickets} tickets, ${calls} calls seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (PostgreSQL ${facts.server_version})`,
    );

    // 1. The lookup alone.
    const lookup = new Samples();
    for (let i = 0; i < 50; i++) await screenPopForPhone(handle.db, phoneOf(1 + ((i * 7919) % customers)));
    for (let i = 0; i < lookups; i++) {
      const phone = phoneOf(1 + ((i * 104729) % customers));
      t = performance.now();
      const pop = await screenPopForPhone(handle.db, phone);
      lookup.add(performance.now() - t);
      if (!pop.customer) throw new Error(`no customer for ${phone}`);
    }

    // 2. The ringing webhook through the HTTP app (inject: no socket, everything else as served).
    const app = await buildApp(ctx);
    cleanup.add('close the app', () => app.close());
    const agent = await createUser(ctx, systemActor, {
      email: 'cti@example.com',
      name: 'CTI',
      role: 'associate',
      password: 'correct horse battery',
    });
    const { token } = await handle.db.transaction().execute((trx) => issueToken(trx, systemActor, agent.id, 'bench', new Date()));
    const ringing = new Samples();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (let i = 0; i < lookups + 50; i++) {
      const payload = JSON.stringify({
        call_id: `bench-${i}`,
        event: 'ringing',
        from: phoneOf(1 + ((i * 15485863) % customers)),
        to: '+18005550100',
      });
      t = performance.now();
      const response = await app.inject({ method: 'POST', url: '/api/v1/voice/events', headers, payload });
      const elapsed = performance.now() - t;
      if (response.statusCode !== 200) throw new Error(`ringing answered ${response.statusCode}: ${response.body}`);
      if (i >= 50) ringing.add(elapsed);
    }
    const a = lookup.summary();
    const b = ringing.summary();
    printTable(`Screen-pop with ${customers} customers, ${tickets} tickets, ${calls} calls`, [
      { figure: 'lookup p50', value: ms(a.p50) },
      { figure: 'lookup p99', value: ms(a.p99), target: `< ${targetMs} ms`, pass: a.p99 < targetMs },
      { figure: 'ringing webhook p50', value: ms(b.p50) },
      { figure: 'ringing webhook p99', value: ms(b.p99), target: `< ${targetMs} ms`, pass: b.p99 < targetMs },
      { figure: 'samples', value: `${a.count} + ${b.count}` },
    ]);
    console.log(
      JSON.stringify({
        bench: 'channels',
        customers,
        tickets,
        calls,
        lookup_p50_ms: round(a.p50),
        lookup_p99_ms: round(a.p99),
        ringing_p50_ms: round(b.p50),
        ringing_p99_ms: round(b.p99),
        target_p99_ms: targetMs,
        met: b.p99 < targetMs,
        machine_load_cores: round(idleLoad),
      }),
    );
  } finally {
    await cleanup.run();
  }
}

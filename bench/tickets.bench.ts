/**
 * Ticket creation and reading over HTTP, the real service on PostgreSQL, against a raw-insert baseline
 * measured on the same server in the same run. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { type CpuUsage, cpuBetween, cpuSnapshot, machineLoad } from './support/cpu.ts';
import pg from 'pg';
import { adminUrl, createScratchDatabase, serverFacts, withClient } from './support/database.ts';
import { type HttpLoadResult, httpLoad, sqlLoad } from './support/load.ts';
import { ms, percent, perSecond, printTable, type Row } from './support/report.ts';
import { createApiToken, freePort, startService } from './support/service.ts';
import { round } from './support/stats.ts';
import { profileOptions, type Profiling } from './support/profiling.ts';
import { customerPool, ticketGenerator } from './support/ticket-data.ts';

export const description = 'POST and GET /api/v1/tickets over HTTP on PostgreSQL, against raw single-row INSERTs';

const targets = {
  createToRawRatio: 0.4,
  createP99Ms: 50,
  readP99Ms: 10,
};

const rawTable = `create table bench_raw_tickets (
  id bigint generated always as identity primary key,
  subject text not null,
  description text not null,
  requester_email text not null,
  priority text not null,
  type text not null,
  tags text[] not null default '{}',
  created_at timestamptz not null
)`;
const rawInsert =
  'insert into bench_raw_tickets (subject, description, requester_email, priority, type, tags, created_at) values ($1, $2, $3, $4, $5, $6, $7)';

function assertClean(result: HttpLoadResult): void {
  if (result.unexpected > 0 || result.ok === 0) {
    throw new Error(
      `${result.title}: ${result.ok} expected responses, ${result.unexpected} others ` +
        `(status codes ${JSON.stringify(result.statusCodes)}, ${result.errors} connection errors, ${result.timeouts} timeouts)`,
    );
  }
}

function describeCpu(label: string, cpu: CpuUsage, perSecondRate: number): string {
  const line = (who: string, cores: number, kernel?: number) =>
    `    ${who.padEnd(15)} ${cores.toFixed(2)} cores  ${((cores * 1000) / perSecondRate).toFixed(3).padStart(6)} ms CPU/op` +
    (kernel === undefined ? '' : `  (${percent(kernel)} in the kernel)`);
  return [
    `  ${label}: ${cpu.machineCores.toFixed(2)} of ${cpu.cores} cores busy`,
    line('service', cpu.serviceCores, cpu.serviceKernelShare),
    line('postgres', cpu.postgresCores, cpu.postgresKernelShare),
    line('load generator', cpu.benchCores),
    line('other programs', cpu.otherCores),
  ].join('\n');
}

const cpuJson = (cpu: CpuUsage) => ({
  machine_cores_busy: round(cpu.machineCores),
  service_cores: round(cpu.serviceCores),
  service_kernel_share: round(cpu.serviceKernelShare),
  postgres_cores: round(cpu.postgresCores),
  postgres_kernel_share: round(cpu.postgresKernelShare),
  load_generator_cores: round(cpu.benchCores),
  other_cores: round(cpu.otherCores),
});

/** Above this many cores of other work, the figures say more about the neighbours than about Frontline. */
const NOISY_CORES = 0.2;

export async function run(): Promise<void> {
  const seconds = envNumber('BENCH_SECONDS', 10, { min: 1 });
  const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 2);
  const connections = envNumber('BENCH_CONNECTIONS', 16, { min: 1, integer: true });
  const poolSize = envNumber('BENCH_CUSTOMERS', 2000, { min: 1, integer: true });
  const profiling: Profiling = profileOptions(process.env.BENCH_PROFILE);

  const cleanup = new Cleanup();
  try {
    const admin = adminUrl();
    const facts = await serverFacts(admin);
    const db = await createScratchDatabase(admin, 'frontline_bench');
    cleanup.add(`drop database ${db.name}`, () => db.drop());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-'));
    cleanup.add('remove the data directory', () => fs.rmSync(dataDir, { recursive: true, force: true }));

    const idleLoad = await machineLoad();
    if (idleLoad > NOISY_CORES)
      console.log(`WARNING: ${idleLoad.toFixed(2)} cores were busy before the bench started; the figures will be low and noisy.`);
    const port = await freePort();
    console.log(`tickets bench: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s per phase, ${poolSize} customers`);
    console.log(
      `PostgreSQL ${facts.server_version} (synchronous_commit=${facts.synchronous_commit}, fsync=${facts.fsync}), database ${db.name}`,
    );
    console.log(`${os.cpus().length} CPU cores shared by the load generator, the service and PostgreSQL`);
    if (profiling.active.length) console.log(`profiling: ${profiling.active.join(', ')} (figures are slower than an unprofiled run)`);

    const service = await startService({
      port,
      nodeArgs: profiling.nodeArgs,
      env: { DATABASE_URL: db.url, HOST: '127.0.0.1', LOG_LEVEL: 'warn', FRONTLINE_DATA_DIR: dataDir, ...profiling.env },
    });
    cleanup.add('stop the service', () => service.stop());
    if (!service.admin) throw new Error(`the service did not print the first administrator's credentials:\n${service.output()}`);
    profiling.attach(service.pid, db.url, db.name);
    // The PostgreSQL processes whose CPU counts: this database's backends and the server's background processes.
    const monitor = new pg.Client({ connectionString: db.url });
    await monitor.connect();
    cleanup.add('close the monitoring connection', () => monitor.end());
    const snapshot = async () => {
      const { rows } = await monitor.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 or datname is null', [
        db.name,
      ]);
      return cpuSnapshot(
        service.pid,
        rows.map((r) => r.pid),
      );
    };
    console.log(
      `service pid ${service.pid} at ${service.baseUrl} (DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? '20 (default)'})`,
    );
    const token = await createApiToken(service.baseUrl, service.admin);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const nextTicket = ticketGenerator(customerPool(poolSize));
    // One request by hand first: a body the API rejects should fail here, with its answer, not as 16 × N 400s.
    const first = await fetch(`${service.baseUrl}/api/v1/tickets`, { method: 'POST', headers, body: JSON.stringify(nextTicket()) });
    if (first.status !== 201) throw new Error(`POST /api/v1/tickets answered ${first.status}: ${await first.text()}`);

    // 1. Ticket creation.
    const createRequest = () => ({ method: 'POST', path: '/api/v1/tickets', body: JSON.stringify(nextTicket()) });
    const httpOptions = { url: service.baseUrl, connections, headers };
    if (warmupSeconds > 0) {
      console.log(`\ncreate: warming up for ${warmupSeconds} s…`);
      assertClean(
        await httpLoad({ ...httpOptions, seconds: warmupSeconds, next: createRequest, expectStatus: 201, title: 'create warm-up' }),
      );
    }
    console.log(`create: measuring for ${seconds} s…`);
    const countCustomers = async () => Number((await monitor.query('select count(*)::int as n from customers')).rows[0].n);
    const customersBefore = await countCustomers();
    await profiling.reset();
    let before = await snapshot();
    const create = await httpLoad({ ...httpOptions, seconds, next: createRequest, expectStatus: 201, title: 'POST /api/v1/tickets' });
    const createCpu = cpuBetween(before, await snapshot());
    assertClean(create);
    // Tickets whose requester was new (customer and identity created in the same transaction: 3 more statements).
    const newRequesterShare = ((await countCustomers()) - customersBefore) / create.ok;
    const createProfile = await profiling.collect(create.ok);

    // 2. Baseline: the same data as single-row autocommit INSERTs, same server, same concurrency.
    await withClient(db.url, (client) => client.query(rawTable));
    console.log(`raw insert: ${warmupSeconds} s warm-up + ${seconds} s…`);
    let rawCpu: CpuUsage | undefined;
    const nextRaw = ticketGenerator(customerPool(poolSize));
    const raw = await sqlLoad({
      url: db.url,
      clients: connections,
      seconds,
      warmupSeconds,
      statement: rawInsert,
      params: () => {
        const t = nextRaw();
        return [t.subject, t.description, t.requester.email, t.priority, t.type, t.tags, new Date()];
      },
      onMeasureStart: async () => {
        before = await snapshot();
      },
      onMeasureEnd: async () => {
        rawCpu = cpuBetween(before, await snapshot());
      },
    });

    // 3. Reading the tickets just created.
    const { ids, customers } = await withClient(db.url, async (client) => ({
      ids: (await client.query<{ id: number }>('select id::int as id from tickets order by id')).rows.map((r) => r.id),
      customers: Number((await client.query('select count(*)::int as n from customers')).rows[0].n),
    }));
    let cursor = Math.floor(Math.random() * ids.length);
    const readRequest = () => {
      cursor = (cursor + 7919) % ids.length;
      return { method: 'GET', path: `/api/v1/tickets/${ids[cursor]}` };
    };
    const readHeaders = { authorization: headers.authorization };
    if (warmupSeconds > 0) {
      console.log(`read: warming up for ${warmupSeconds} s…`);
      assertClean(
        await httpLoad({
          ...httpOptions,
          headers: readHeaders,
          seconds: warmupSeconds,
          next: readRequest,
          expectStatus: 200,
          title: 'read warm-up',
        }),
      );
    }
    console.log(`read: measuring for ${seconds} s over ${ids.length} tickets…`);
    await profiling.reset();
    before = await snapshot();
    const read = await httpLoad({
      ...httpOptions,
      headers: readHeaders,
      seconds,
      next: readRequest,
      expectStatus: 200,
      title: 'GET /api/v1/tickets/:id',
    });
    const readCpu = cpuBetween(before, await snapshot());
    assertClean(read);
    const readProfile = await profiling.collect(read.ok);

    const stopped = await service.stop();
    const ratio = create.rate / raw.rate;
    const pass = {
      create_to_raw_ratio: ratio >= targets.createToRawRatio,
      create_p99: create.latency.p99 < targets.createP99Ms,
      read_p99: read.latency.p99 < targets.readP99Ms,
    };

    console.log(
      `\n${ids.length} tickets for ${customers} customers in the database; ${raw.count} raw rows; service exited with ${stopped}`,
    );
    console.log(`create: ${percent(newRequesterShare)} of the measured requests had a requester not yet in the database`);
    console.log('CPU during each measured phase:');
    console.log(describeCpu('create', createCpu, create.rate));
    console.log(describeCpu('raw insert', rawCpu as CpuUsage, raw.rate));
    console.log(describeCpu('read', readCpu, read.rate));
    const noisy = [createCpu, rawCpu as CpuUsage, readCpu].some((cpu) => cpu.otherCores > NOISY_CORES);
    if (noisy)
      console.log(`WARNING: other programs kept more than ${NOISY_CORES} cores busy during a phase: the figures are not representative.`);
    profiling.print({ create: createProfile, read: readProfile });

    const rows: Row[] = [
      { figure: 'create: throughput (201/s)', value: perSecond(create.rate) },
      { figure: 'create: latency p50', value: ms(create.latency.p50) },
      { figure: 'create: latency p99', value: ms(create.latency.p99), target: `< ${targets.createP99Ms} ms`, pass: pass.create_p99 },
      { figure: 'raw INSERT: rate', value: perSecond(raw.rate) },
      { figure: 'raw INSERT: latency p50 / p99', value: `${raw.latency.p50.toFixed(2)} / ${ms(raw.latency.p99)}` },
      {
        figure: 'create / raw INSERT',
        value: percent(ratio),
        target: `≥ ${percent(targets.createToRawRatio)}`,
        pass: pass.create_to_raw_ratio,
      },
      { figure: 'read: throughput (200/s)', value: perSecond(read.rate) },
      { figure: 'read: latency p50', value: ms(read.latency.p50) },
      { figure: 'read: latency p99', value: ms(read.latency.p99), target: `< ${targets.readP99Ms} ms`, pass: pass.read_p99 },
    ];
    printTable(`tickets: ${connections} connections, ${seconds} s per phase`, rows);
    console.log(
      JSON.stringify({
        bench: 'tickets',
        seconds,
        connections,
        cores: os.cpus().length,
        postgres: facts.server_version,
        profiled: profiling.active.length > 0 ? profiling.active : undefined,
        idle_machine_cores_busy: round(idleLoad),
        noisy,
        create: {
          rps: round(create.rate, 1),
          p50_ms: round(create.latency.p50),
          p99_ms: round(create.latency.p99),
          ok: create.ok,
          non2xx: create.non2xx,
          new_requester_share: round(newRequesterShare, 3),
          cpu: cpuJson(createCpu),
        },
        raw_insert: {
          rps: round(raw.rate, 1),
          p50_ms: round(raw.latency.p50),
          p99_ms: round(raw.latency.p99),
          count: raw.count,
          cpu: cpuJson(rawCpu as CpuUsage),
        },
        create_to_raw_ratio: round(ratio, 3),
        read: {
          rps: round(read.rate, 1),
          p50_ms: round(read.latency.p50),
          p99_ms: round(read.latency.p99),
          ok: read.ok,
          non2xx: read.non2xx,
          cpu: cpuJson(readCpu),
        },
        targets: { create_to_raw_ratio: targets.createToRawRatio, create_p99_ms: targets.createP99Ms, read_p99_ms: targets.readP99Ms },
        pass,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

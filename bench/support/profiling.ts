/**
 * Optional diagnostics for a bench run, chosen with BENCH_PROFILE=sql,cpu,waits:
 *   sql    every statement the service sends (count, time), through bench/support/service-probe.mjs
 *   cpu    a V8 CPU profile of the service per measured phase (open the .cpuprofile in Chrome DevTools)
 *   waits  what the service's PostgreSQL backends wait on, sampled from pg_stat_activity
 * Each phase is a window between reset() and collect(). Profiling slows the service down.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const kinds = ['sql', 'cpu', 'waits'] as const;
type Kind = (typeof kinds)[number];

interface SqlStatement {
  sql: string;
  count: number;
  totalMs: number;
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

interface PhaseProfile {
  requests: number;
  seconds: number;
  sql?: { statements: SqlStatement[]; pool: { acquisitions: number; waitMs: number; maxWaitMs: number } };
  cpu?: { file: string; summary: CpuSummary };
  waits?: { samples: number; backends: number; byEvent: [string, number][] };
}

export interface Profiling {
  active: Kind[];
  nodeArgs: string[];
  env: Record<string, string>;
  attach(servicePid: number, databaseUrl: string, databaseName: string): void;
  reset(): Promise<void>;
  collect(requests: number): Promise<PhaseProfile | undefined>;
  print(phases: Record<string, PhaseProfile | undefined>): void;
}

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'service-probe.mjs');

export function profileOptions(spec: string | undefined): Profiling {
  const requested = (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const kind of requested) {
    if (!(kinds as readonly string[]).includes(kind)) throw new Error(`BENCH_PROFILE: unknown "${kind}"; use any of ${kinds.join(',')}`);
  }
  const active = kinds.filter((k) => requested.includes(k));
  const useProbe = active.includes('sql') || active.includes('cpu');
  const dir = active.length ? fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-profile-')) : '';
  let pid = 0;
  let window = 0;
  let dbUrl = '';
  let dbName = '';
  let started = 0;
  let sampler: WaitSampler | undefined;

  const nextWindow = async (): Promise<number> => {
    const n = window++;
    process.kill(pid, 'SIGUSR2');
    const marker = path.join(dir, `window-${n}.done`);
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(marker)) {
      if (Date.now() > deadline) throw new Error(`the service probe wrote no ${marker}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return n;
  };

  return {
    active,
    nodeArgs: useProbe ? ['--import', probe] : [],
    env: useProbe
      ? { BENCH_PROBE_DIR: dir, BENCH_PROBE_SQL: active.includes('sql') ? '1' : '0', BENCH_PROBE_CPU: active.includes('cpu') ? '1' : '0' }
      : {},
    attach(servicePid, databaseUrl, databaseName) {
      pid = servicePid;
      dbUrl = databaseUrl;
      dbName = databaseName;
    },
    async reset() {
      if (!active.length) return;
      if (useProbe) await nextWindow();
      if (active.includes('waits')) sampler = await WaitSampler.start(dbUrl, dbName);
      started = performance.now();
    },
    async collect(requests) {
      if (!active.length) return undefined;
      const seconds = (performance.now() - started) / 1000;
      const phase: PhaseProfile = { requests, seconds };
      if (sampler) {
        phase.waits = await sampler.stop();
        sampler = undefined;
      }
      if (useProbe) {
        const n = await nextWindow();
        const base = path.join(dir, `window-${n}`);
        if (active.includes('sql')) phase.sql = JSON.parse(fs.readFileSync(`${base}.sql.json`, 'utf8'));
        if (active.includes('cpu')) {
          const file = `${base}.cpuprofile`;
          phase.cpu = { file, summary: summariseCpuProfile(JSON.parse(fs.readFileSync(file, 'utf8'))) };
        }
      }
      return phase;
    },
    print(phases) {
      if (!active.length) return;
      for (const [name, phase] of Object.entries(phases)) {
        if (!phase) continue;
        console.log(`\nprofile of "${name}" (${phase.requests} requests in ${phase.seconds.toFixed(1)} s):`);
        if (phase.sql) printSql(phase.sql, phase.requests);
        if (phase.waits) printWaits(phase.waits);
        if (phase.cpu) printCpu(phase.cpu);
      }
      console.log(`\nprofile files in ${dir}`);
    },
  };
}

function printSql(sql: NonNullable<PhaseProfile['sql']>, requests: number): void {
  const total = sql.statements.reduce((a, s) => a + s.count, 0);
  const totalMs = sql.statements.reduce((a, s) => a + s.totalMs, 0);
  console.log(
    `  SQL: ${(total / requests).toFixed(2)} statements per request, ${(totalMs / requests).toFixed(2)} ms of statement round trips per request; ` +
      `pool: ${sql.pool.acquisitions} acquisitions, mean wait ${(sql.pool.waitMs / Math.max(1, sql.pool.acquisitions)).toFixed(2)} ms, max ${sql.pool.maxWaitMs.toFixed(1)} ms`,
  );
  console.log(
    `  ${'per req'.padStart(7)} ${'mean'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'share'.padStart(6)}  statement`,
  );
  for (const s of [...sql.statements].sort((a, b) => b.totalMs - a.totalMs).slice(0, 14)) {
    console.log(
      `  ${(s.count / requests).toFixed(2).padStart(7)} ${(s.totalMs / s.count).toFixed(2).padStart(8)} ${s.p50Ms.toFixed(2).padStart(8)} ` +
        `${s.p99Ms.toFixed(2).padStart(8)} ${`${((100 * s.totalMs) / totalMs).toFixed(0)}%`.padStart(6)}  ${s.sql.slice(0, 110)}`,
    );
  }
}

function printWaits(waits: NonNullable<PhaseProfile['waits']>): void {
  console.log(
    `  PostgreSQL backends of the service, ${waits.samples} samples of pg_stat_activity (mean ${(waits.backends / waits.samples).toFixed(1)} non-idle backends):`,
  );
  for (const [event, count] of waits.byEvent.slice(0, 12)) {
    console.log(`  ${`${((100 * count) / waits.backends).toFixed(1)}%`.padStart(7)}  ${event}`);
  }
}

function printCpu(cpu: NonNullable<PhaseProfile['cpu']>): void {
  const { summary } = cpu;
  console.log(`  CPU profile (${summary.busyMs.toFixed(0)} ms on the main thread, ${summary.idleMs.toFixed(0)} ms idle): by area`);
  for (const [area, ms] of summary.byArea.slice(0, 10))
    console.log(`  ${`${((100 * ms) / summary.busyMs).toFixed(1)}%`.padStart(7)}  ${area}`);
  console.log('  top functions (self time):');
  for (const [fn, ms] of summary.byFunction.slice(0, 15))
    console.log(`  ${`${((100 * ms) / summary.busyMs).toFixed(1)}%`.padStart(7)}  ${fn}`);
}

/** Samples pg_stat_activity every few milliseconds: the share of time the service's backends spend on each wait. */
class WaitSampler {
  private stopped = false;
  private samples = 0;
  private backends = 0;
  private readonly counts = new Map<string, number>();
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly client: pg.Client) {}

  static async start(url: string, database: string): Promise<WaitSampler> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const sampler = new WaitSampler(client);
    sampler.loop = sampler.run(database);
    return sampler;
  }

  private async run(database: string): Promise<void> {
    const sql = `select state, wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query
      from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle'`;
    while (!this.stopped) {
      const { rows } = await this.client.query(sql, [database]);
      this.samples++;
      for (const row of rows) {
        // A backend that has answered and waits for the next statement of its transaction is "idle in transaction".
        const what =
          row.state === 'active'
            ? row.wait_event
              ? `${row.wait_event_type}:${row.wait_event}`
              : 'running (CPU)'
            : `${row.state}${row.wait_event ? ` (${row.wait_event_type}:${row.wait_event})` : ''}`;
        const key = row.state === 'active' ? `${what.padEnd(28)} ${row.query}` : what;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.backends++;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<{ samples: number; backends: number; byEvent: [string, number][] }> {
    this.stopped = true;
    await this.loop;
    await this.client.end();
    return { samples: this.samples, backends: this.backends, byEvent: [...this.counts.entries()].sort((a, b) => b[1] - a[1]) };
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

interface CpuSummary {
  busyMs: number;
  idleMs: number;
  byArea: [string, number][];
  byFunction: [string, number][];
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node core';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const src = /\/(src|bench|bin)\/(.*)$/.exec(url);
  if (src) return `frontline ${src[1]}/${(src[2] as string).split('/').slice(0, 2).join('/')}`;
  return url;
}

/** Self time by package/area and by function, from a V8 .cpuprofile. */
export function summariseCpuProfile(profile: CpuProfile): CpuSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  let idleMs = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const a = area(frame.url, frame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const where = frame.url
      ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|bin)\//, '$1/')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { busyMs, idleMs, byArea: sorted(areas), byFunction: sorted(functions) };
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Where the CPU went during a phase, from /proc (Linux only; zeros elsewhere): the service process,
 * this bench process (the load generator), every `postgres` process, and the whole machine.
 * On a 2-core machine the load generator, the service and PostgreSQL share the same cores.
 */
export interface CpuSnapshot {
  at: number;
  serviceMs: number;
  /** Of which in the kernel (system calls: socket reads and writes, mostly). */
  serviceKernelMs: number;
  benchMs: number;
  /** CPU ticks of each PostgreSQL process given, by pid. */
  postgres: Map<number, { ticks: number; kernel: number }>;
  machineBusyMs: number;
  machineTotalMs: number;
}

export interface CpuUsage {
  seconds: number;
  /** Cores kept busy on average, by whom. */
  serviceCores: number;
  /** Share of the service's CPU time spent in the kernel. */
  serviceKernelShare: number;
  benchCores: number;
  postgresCores: number;
  postgresKernelShare: number;
  machineCores: number;
  /** Busy cores not accounted for by the three above: other programs on the machine, the kernel's own threads. */
  otherCores: number;
  cores: number;
}

const available = fs.existsSync('/proc/stat');
let tickMs = 10;
if (available) {
  try {
    tickMs = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    tickMs = 10;
  }
}

function statTicks(pid: number | string): { comm: string; ticks: number; kernel: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the command: state(0) ... utime is field 14 of the line, index 11 here; stime index 12.
    return { comm, ticks: Number(fields[11]) + Number(fields[12]), kernel: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * `postgresPids`: the server processes to count, e.g. the backends of the bench's database and the
 * server's background processes, not the backends other people have open on a shared server.
 */
export function cpuSnapshot(servicePid: number, postgresPids: number[]): CpuSnapshot {
  const bench = process.cpuUsage();
  const benchMs = (bench.user + bench.system) / 1000;
  const postgres = new Map<number, { ticks: number; kernel: number }>();
  if (!available)
    return { at: performance.now(), serviceMs: 0, serviceKernelMs: 0, benchMs, postgres, machineBusyMs: 0, machineTotalMs: 0 };
  for (const pid of postgresPids) {
    const stat = statTicks(pid);
    if (stat) postgres.set(pid, { ticks: stat.ticks, kernel: stat.kernel });
  }
  const machine = machineTicks();
  const service = statTicks(servicePid);
  return {
    at: performance.now(),
    serviceMs: (service?.ticks ?? 0) * tickMs,
    serviceKernelMs: (service?.kernel ?? 0) * tickMs,
    benchMs,
    postgres,
    machineBusyMs: machine.busy * tickMs,
    machineTotalMs: machine.total * tickMs,
  };
}

export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
  const wallMs = after.at - before.at;
  const cores = (after.machineTotalMs - before.machineTotalMs) / wallMs;
  const per = (ms: number) => (wallMs > 0 ? ms / wallMs : 0);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const machineCores = per(after.machineBusyMs - before.machineBusyMs);
  const serviceCores = per(after.serviceMs - before.serviceMs);
  const benchCores = per(after.benchMs - before.benchMs);
  // A process that started during the phase counts whole; one that ended during it is lost (it cannot be read any more).
  let postgresTicks = 0;
  let postgresKernelTicks = 0;
  for (const [pid, now] of after.postgres) {
    const then = before.postgres.get(pid) ?? { ticks: 0, kernel: 0 };
    postgresTicks += now.ticks - then.ticks;
    postgresKernelTicks += now.kernel - then.kernel;
  }
  const postgresCores = per(postgresTicks * tickMs);
  return {
    seconds: wallMs / 1000,
    serviceCores,
    serviceKernelShare: share(after.serviceKernelMs - before.serviceKernelMs, after.serviceMs - before.serviceMs),
    benchCores,
    postgresCores,
    postgresKernelShare: share(postgresKernelTicks, postgresTicks),
    machineCores,
    otherCores: available ? Math.max(0, machineCores - serviceCores - benchCores - postgresCores) : 0,
    cores: Number.isFinite(cores) ? Math.round(cores) : 0,
  };
}

/** Busy cores on the whole machine over a short interval: to warn when something else is running. */
export async function machineLoad(ms = 1000): Promise<number> {
  if (!available) return 0;
  const before = machineTicks();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineTicks();
  return ((after.busy - before.busy) * tickMs) / (performance.now() - started);
}

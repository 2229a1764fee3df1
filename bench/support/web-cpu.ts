/**
 * How busy the machine was during a phase, and with what: every process in /proc, split into this
 * bench's own tree (this process, the service, Chromium and its renderers) and everything else
 * (other people's builds, tests, servers; the kernel's threads). Linux only; zeros elsewhere.
 *
 * A process that started during the phase counts whole; one that ended during it is lost, so the
 * others' share is a lower bound.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

interface Proc {
  ppid: number;
  ticks: number;
  comm: string;
}

export interface ProcSample {
  at: number;
  machineBusyTicks: number;
  machineTotalTicks: number;
  procs: Map<number, Proc>;
}

export interface PhaseCpu {
  seconds: number;
  cores: number;
  /** Busy cores on the whole machine, on average. */
  machineCores: number;
  /** Busy cores spent by processes outside this bench's tree. */
  otherCores: number;
  /** The rest: this bench, the service, Chromium (machine − others). */
  benchTreeCores: number;
  /** Of which the service process (and its children), and this process (the bench and Playwright's driver). */
  serviceCores: number;
  driverCores: number;
  /** The remainder of this bench's tree: Chromium's browser, GPU and renderer processes. */
  chromiumCores: number;
  /** The other processes that used the most, with their command lines. */
  topOthers: { pid: number; command: string; cores: number }[];
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

function readProc(pid: number): Proc | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), comm };
  } catch {
    return undefined;
  }
}

export function sampleProcesses(): ProcSample {
  const procs = new Map<number, Proc>();
  if (!available) return { at: performance.now(), machineBusyTicks: 0, machineTotalTicks: 0, procs };
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const proc = readProc(Number(name));
    if (proc) procs.set(Number(name), proc);
  }
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { at: performance.now(), machineBusyTicks: total - idle, machineTotalTicks: total, procs };
}

function descendants(procs: Map<number, Proc>, root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, proc] of procs) {
    const list = children.get(proc.ppid) ?? [];
    list.push(pid);
    children.set(proc.ppid, list);
  }
  const mine = new Set<number>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.pop() as number) ?? []) {
      if (!mine.has(child)) {
        mine.add(child);
        queue.push(child);
      }
    }
  }
  return mine;
}

function commandLine(pid: number, fallback: string): string {
  try {
    const text = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return (text || `[${fallback}]`).replace('/work/main/', '').slice(0, 90);
  } catch {
    return `[${fallback}]`;
  }
}

/** Ticks the processes of `pids` used between the samples (those alive at the end). */
function ticksOf(before: ProcSample, after: ProcSample, pids: Set<number>): number {
  let ticks = 0;
  for (const pid of pids) {
    const now = after.procs.get(pid);
    if (!now) continue;
    const then = before.procs.get(pid);
    ticks += then && then.comm === now.comm && then.ticks <= now.ticks ? now.ticks - then.ticks : now.ticks;
  }
  return ticks;
}

export function cpuBetweenSamples(before: ProcSample, after: ProcSample, servicePid: number, root = process.pid): PhaseCpu {
  const wallMs = after.at - before.at;
  const mine = new Set([...descendants(before.procs, root), ...descendants(after.procs, root)]);
  const service = new Set([...descendants(before.procs, servicePid), ...descendants(after.procs, servicePid)]);
  const others: { pid: number; comm: string; ticks: number }[] = [];
  for (const [pid, proc] of after.procs) {
    if (mine.has(pid)) continue;
    const then = before.procs.get(pid);
    const ticks = then && then.comm === proc.comm && then.ticks <= proc.ticks ? proc.ticks - then.ticks : proc.ticks;
    if (ticks > 0) others.push({ pid, comm: proc.comm, ticks });
  }
  const per = (ticks: number) => (wallMs > 0 ? (ticks * tickMs) / wallMs : 0);
  const machineCores = per(after.machineBusyTicks - before.machineBusyTicks);
  const otherCores = Math.min(machineCores, per(others.reduce((a, o) => a + o.ticks, 0)));
  others.sort((a, b) => b.ticks - a.ticks);
  const benchTreeCores = Math.max(0, machineCores - otherCores);
  const serviceCores = per(ticksOf(before, after, service));
  const driverCores = per(ticksOf(before, after, new Set([root])));
  return {
    seconds: wallMs / 1000,
    cores: Math.round(per(after.machineTotalTicks - before.machineTotalTicks)),
    machineCores,
    otherCores,
    benchTreeCores,
    serviceCores,
    driverCores,
    chromiumCores: Math.max(0, benchTreeCores - serviceCores - driverCores),
    topOthers: others
      .slice(0, 4)
      .filter((o) => per(o.ticks) >= 0.02)
      .map((o) => ({ pid: o.pid, command: commandLine(o.pid, o.comm), cores: per(o.ticks) })),
  };
}

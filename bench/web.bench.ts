/**
 * The web workspace in a real browser (Debian's Chromium through playwright-core) against the real
 * service on the embedded database with the demo data: how much JavaScript loads before the first
 * screen, how long a cold load of the ticket list takes to become interactive over loopback, and how
 * long a page of 50 tickets takes to reach the screen once its data has arrived.
 *
 *   npm run bench -- web
 *
 * 1. `node scripts/build-web.js` (builds web/dist when stale), then sizes: the module script of
 *    web/dist/index.html and its modulepreloads, gzipped file by file (node:zlib level 9).
 * 2. `frontline demo --tickets 400` on a fresh embedded data directory, then `frontline serve`.
 * 3. Cold loads: a new browser context each time (empty cache), signed in through the API, then
 *    /tickets?q=status<solved; "interactive" = performance.now() in the page at the first animation
 *    frame with a ticket row in the table and a search box that takes the focus (Playwright polls on
 *    every frame). Also reported: the same read after page.waitForSelector(row) + page.evaluate(),
 *    which adds Playwright's round trips. One load first, not counted.
 * 4. Searches in the running app (a query not seen before, Enter in the search box): the 50-row page.
 *    bench/support/web-probe.ts wraps window.fetch and watches the DOM to time data → rows → paint.
 * Verdicts are on the median. Exits 0 on a MISS, non-zero when it could not measure.
 *
 * BENCH_WEB_RUNS (10) cold loads, BENCH_WEB_SEARCHES (10) searches, BENCH_WEB_TICKETS (400) demo
 * tickets, BENCH_WEB_LIST_Q (status<solved) the search the cold load opens, BENCH_WEB_CPU_THROTTLE (1 =
 * off) Chromium's CPU slow-down factor, CHROMIUM_PATH (/usr/bin/chromium).
 *
 * Page-side functions passed to page.evaluate / waitForFunction define no named inner functions:
 * tsx (esbuild keepNames) would wrap them in `__name(…)`, which does not exist in the page.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, signIn } from '../test/e2e/screens.ts';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { machineLoad } from './support/cpu.ts';
import { printTable, type Row } from './support/report.ts';
import { repoRoot } from './support/service.ts';
import { type LatencySummary, round, Samples } from './support/stats.ts';
import { analyseDist, type FileSize, fileSize, GZIP_LEVEL, type SizeTotal, total } from './support/web-assets.ts';
import { cpuBetweenSamples, type PhaseCpu, sampleProcesses } from './support/web-cpu.ts';
import { type ListEntry, type ProbeSnapshot, probeScript, type ResourceEntry } from './support/web-probe.ts';
import { startDemoService } from './support/web-server.ts';

export const description =
  'web workspace in Chromium on demo data: initial JS size, cold load of /tickets to interactive, 50-ticket list render after its data';

const targets = {
  initialJsGzipBytes: 300_000,
  coldLoadMs: 1500,
  listRenderMs: 100,
};

/**
 * The cold load opens the unsolved tickets, as the navigation's "Unsolved" entry does
 * (BENCH_WEB_LIST_Q to open another search; the demo's 400 tickets include only 16 unsolved ones).
 */
const LIST_Q = process.env.BENCH_WEB_LIST_Q || 'status<solved';
const LIST_PATH = `/tickets?q=${encodeURIComponent(LIST_Q)}`;
const ROW = 'tr.fl-ticket-row';
/** Above this many busy cores of other programs, the figures say more about the neighbours than about Frontline. */
const NOISY_CORES = 0.2;

interface ProbeWindow {
  __benchProbe: {
    ready(): number | null;
    snapshot(): ProbeSnapshot;
    lists: ListEntry[];
    longTasks: { start: number; duration: number }[];
  };
}

interface AssetResponse {
  path: string;
  status: number;
  encoding: string | undefined;
  acceptEncoding: string | undefined;
}

type SearchRender = ListEntry & {
  longTasks: { start: number; duration: number }[];
  /** From pressing Enter to the painted list. */
  mainThread: MainThread;
};

interface ColdLoad {
  /** performance.now() in the page at the first animation frame with a ticket row and a search box that takes the focus. */
  interactive: number;
  /** performance.now() read by page.evaluate() once page.waitForSelector(row) returned: includes Playwright's round trips. */
  viaPlaywright: number;
  snapshot: ProbeSnapshot;
  /** The first page of LIST_Q, with its render times. */
  list: ListEntry;
  assets: AssetResponse[];
  /** By the time it was interactive (read just after). */
  mainThread: MainThread;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const msText = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)} ms`;

function summarise(values: number[]): LatencySummary {
  const samples = new Samples();
  for (const value of values) samples.add(value);
  return samples.summary();
}

const spread = (s: LatencySummary, digits = 0) =>
  `${s.p50.toFixed(digits)} ms (p90 ${s.p90.toFixed(digits)}, max ${s.max.toFixed(digits)})`;

const summaryJson = (s: LatencySummary, digits = 1) => ({
  n: s.count,
  median_ms: round(s.p50, digits),
  p90_ms: round(s.p90, digits),
  max_ms: round(s.max, digits),
  mean_ms: round(s.mean, digits),
});

function buildWeb(): string {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build-web.js')], { cwd: repoRoot, encoding: 'utf8' });
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) throw new Error(`node scripts/build-web.js failed (${result.status ?? result.signal}): ${said}`);
  return said;
}

/** Time the page's main thread spent (Chromium's Performance.getMetrics, cumulative, ms). */
interface MainThread {
  tasks: number;
  script: number;
  style: number;
  layout: number;
}

/** A DevTools session on the page: main-thread metrics, and CPU throttling when asked for. */
async function devtools(page: Page, rate: number): Promise<() => Promise<MainThread>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { tasks: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
  };
}

const minus = (a: MainThread, b: MainThread): MainThread => ({
  tasks: a.tasks - b.tasks,
  script: a.script - b.script,
  style: a.style - b.style,
  layout: a.layout - b.layout,
});

const mainThreadText = (m: MainThread) =>
  `main thread ${m.tasks.toFixed(0)} ms (script ${m.script.toFixed(0)}, style ${m.style.toFixed(0)}, layout ${m.layout.toFixed(0)})`;

/** A fresh context (empty cache), signed in through the API, then a navigation to the ticket list. */
async function coldLoad(
  browser: Browser,
  baseUrl: string,
  admin: { email: string; password: string },
  cpuThrottle: number,
): Promise<ColdLoad> {
  const { context, page } = await openPage(browser, baseUrl, 'desktop');
  try {
    await signIn(context, admin.email, admin.password);
    await page.addInitScript(probeScript);
    const metrics = await devtools(page, cpuThrottle);
    const assets: Promise<AssetResponse>[] = [];
    const failures: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/assets/')) return;
      assets.push(
        response
          .request()
          .allHeaders()
          .then((headers) => ({
            path: url.pathname,
            status: response.status(),
            encoding: response.headers()['content-encoding'],
            acceptEncoding: headers['accept-encoding'],
          })),
      );
    });
    page.on('requestfailed', (request) => {
      if (new URL(request.url()).pathname.startsWith('/assets/')) failures.push(`${request.url()}: ${request.failure()?.errorText}`);
    });

    await page.goto(LIST_PATH, { waitUntil: 'commit' });
    // Two observers of the same moment, both reading performance.now() in the page:
    // - polled: Playwright evaluates probe.ready() on every animation frame; the value is taken in the
    //   page at the first frame with a row in the table and a search box that takes the focus;
    // - selected: waitForSelector(row), then an evaluate() call: adds the round trips to this process.
    const [interactive, viaPlaywright] = await Promise.all([
      page
        .waitForFunction(() => (window as unknown as ProbeWindow).__benchProbe.ready(), undefined, { timeout: 30_000, polling: 'raf' })
        .then(async (handle) => (await handle.jsonValue()) as number),
      page.waitForSelector(ROW, { state: 'attached', timeout: 30_000 }).then(() => page.evaluate(() => performance.now())),
    ]).catch(async (error: Error) => {
      const lists = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe.lists).catch(() => []);
      throw new Error(
        `no ticket row on ${page.url()} (list requests: ${JSON.stringify(lists.map((l) => ({ url: l.url, status: l.status, rows: l.rows })))}): ${error.message}`,
      );
    });
    const mainThread = await metrics();
    await page.waitForFunction(
      (q) => (window as unknown as ProbeWindow).__benchProbe.lists.some((e) => e.q === q && !e.cursor && e.paintedAt !== null),
      LIST_Q,
      { timeout: 30_000 },
    );
    // Let the rest of the first load (background chunk preloads, the other queries) finish, for the download figures.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const snapshot = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe.snapshot());
    const responses = await Promise.all(assets);
    const broken = responses.filter((r) => r.status >= 400).map((r) => `${r.path}: ${r.status}`);
    if (broken.length || failures.length) {
      throw new Error(
        `assets failed to load (was web/dist rebuilt while the bench ran? the service reads index.html once at start):\n  ${[...broken, ...failures].join('\n  ')}`,
      );
    }
    const list = snapshot.lists.find((e) => e.q === LIST_Q && !e.cursor && e.paintedAt !== null);
    if (!list) throw new Error(`no rendered list for ${LIST_Q} in the probe: ${JSON.stringify(snapshot.lists)}`);
    return { interactive, viaPlaywright, snapshot, list, assets: responses, mainThread };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * In the running app, searches for something new (pressing Enter in the search box) `count` times
 * after one warm-up search, and returns each new list's render timing. Each query is new (a
 * non-existent tag excluded, a different order), so React Query has nothing cached: skeleton, then
 * the 50 rows mount.
 */
async function searchRenders(
  browser: Browser,
  baseUrl: string,
  admin: { email: string; password: string },
  count: number,
  cpuThrottle: number,
): Promise<SearchRender[]> {
  const { context, page } = await openPage(browser, baseUrl, 'desktop');
  try {
    await signIn(context, admin.email, admin.password);
    await page.addInitScript(probeScript);
    const metrics = await devtools(page, cpuThrottle);
    await page.goto(LIST_PATH);
    await page.waitForFunction(
      (q) => (window as unknown as ProbeWindow).__benchProbe.lists.some((e) => e.q === q && e.paintedAt !== null),
      LIST_Q,
      { timeout: 30_000 },
    );
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const input = page.getByRole('textbox', { name: 'Search tickets' });
    const orders = ['created', 'updated', 'id', 'priority', 'status'];
    const entries: SearchRender[] = [];
    for (let i = 0; i <= count; i++) {
      const tag = `bench-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const order = `${orders[i % orders.length]} sort:${Math.floor(i / orders.length) % 2 ? 'asc' : 'desc'}`;
      await input.fill(`-tag:${tag} order_by:${order}`);
      const start = await metrics();
      await input.press('Enter');
      const handle = await page.waitForFunction(
        (wanted) =>
          (window as unknown as ProbeWindow).__benchProbe.lists.find(
            (e) =>
              !e.cursor &&
              (e.q ?? '').includes(wanted) &&
              (e.paintedAt !== null || e.alreadyShown || e.rows === 0 || (e.status !== null && e.status >= 400)),
          ) ?? null,
        tag,
        { timeout: 30_000 },
      );
      const entry = (await handle.jsonValue()) as ListEntry;
      const mainThread = minus(await metrics(), start);
      if (entry.status !== null && entry.status >= 400) throw new Error(`the search ${entry.url} answered ${entry.status}`);
      if (entry.rows === 0) throw new Error(`the search ${entry.url} found no tickets`);
      if (entry.alreadyShown) throw new Error(`the search ${entry.url} rendered no new rows (already on screen)`);
      // Long tasks overlapping data → painted (the observer reports them a little later).
      await page.waitForTimeout(150);
      const longTasks = await page.evaluate(
        (span) =>
          (window as unknown as ProbeWindow).__benchProbe.longTasks.filter((t) => t.start + t.duration > span.from && t.start < span.to),
        { from: entry.arrivedAt ?? 0, to: entry.paintedAt ?? 0 },
      );
      if (i > 0) entries.push({ ...entry, longTasks, mainThread }); // the first one warms up the search path (not counted)
    }
    return entries;
  } finally {
    await context.close().catch(() => undefined);
  }
}

interface Downloads {
  js: { files: number; wire: number; transfer: number; raw: number; gzip: number };
  css: { files: number; wire: number; raw: number; gzip: number };
  compressed: boolean;
}

/** The /assets/ files of a cold load that had arrived by `until` (ms since navigation start), sizes on the wire and on disk. */
function downloads(distDir: string, resources: ResourceEntry[], until: number): Downloads {
  const seen = new Map<string, ResourceEntry>();
  for (const r of resources) if (r.path.startsWith('/assets/') && r.responseEnd <= until && !seen.has(r.path)) seen.set(r.path, r);
  const of = (ext: string) => {
    const list = [...seen.values()].filter((r) => r.path.endsWith(ext));
    const files = list.map((r) => fileSize(distDir, r.path)).filter((s): s is FileSize => s !== undefined);
    const disk = total(files);
    return {
      files: list.length,
      wire: list.reduce((a, r) => a + r.encodedBodySize, 0),
      transfer: list.reduce((a, r) => a + r.transferSize, 0),
      decoded: list.reduce((a, r) => a + r.decodedBodySize, 0),
      raw: disk.raw,
      gzip: disk.gzip,
    };
  };
  const js = of('.js');
  const css = of('.css');
  return {
    js: { files: js.files, wire: js.wire, transfer: js.transfer, raw: js.raw, gzip: js.gzip },
    css: { files: css.files, wire: css.wire, raw: css.raw, gzip: css.gzip },
    compressed: js.wire > 0 && js.wire < js.decoded * 0.9,
  };
}

function describeCpu(label: string, cpu: PhaseCpu): string {
  const lines = [
    `  ${label} (${cpu.seconds.toFixed(1)} s): ${cpu.machineCores.toFixed(2)} of ${cpu.cores} cores busy: ` +
      `${cpu.benchTreeCores.toFixed(2)} this bench (service ${cpu.serviceCores.toFixed(2)}, Chromium ${cpu.chromiumCores.toFixed(2)}, ` +
      `bench + Playwright ${cpu.driverCores.toFixed(2)}), ${cpu.otherCores.toFixed(2)} other programs:`,
  ];
  for (const other of cpu.topOthers) lines.push(`      ${other.cores.toFixed(2)} cores  pid ${other.pid}  ${other.command}`);
  return lines.join('\n');
}

const cpuJson = (cpu: PhaseCpu) => ({
  seconds: round(cpu.seconds, 1),
  machine_cores_busy: round(cpu.machineCores),
  bench_tree_cores: round(cpu.benchTreeCores),
  service_cores: round(cpu.serviceCores),
  chromium_cores: round(cpu.chromiumCores),
  driver_cores: round(cpu.driverCores),
  other_cores: round(cpu.otherCores),
});

/** The median of each main-thread figure. */
function summariseMainThread(list: MainThread[]): MainThread {
  const median = (pick: (m: MainThread) => number) => summarise(list.map(pick)).p50;
  return { tasks: median((m) => m.tasks), script: median((m) => m.script), style: median((m) => m.style), layout: median((m) => m.layout) };
}

const mainThreadJson = (m: MainThread) => ({
  median_tasks: round(m.tasks, 0),
  median_script: round(m.script, 0),
  median_style: round(m.style, 0),
  median_layout: round(m.layout, 0),
});

const sizeJson = (s: SizeTotal) => ({ files: s.files, raw_bytes: s.raw, gzip_bytes: s.gzip });

export async function run(): Promise<void> {
  const runs = envNumber('BENCH_WEB_RUNS', 10, { min: 1, integer: true });
  const searches = envNumber('BENCH_WEB_SEARCHES', 10, { min: 1, integer: true });
  const tickets = envNumber('BENCH_WEB_TICKETS', 400, { min: 1, integer: true });
  const cpuThrottle = envNumber('BENCH_WEB_CPU_THROTTLE', 1, { min: 1 });
  const benchStarted = performance.now();
  const cleanup = new Cleanup();
  try {
    const loadBefore = os.loadavg();
    const idleLoad = await machineLoad();
    console.log(
      `web bench: ${os.cpus().length} CPU cores; load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min); ` +
        `${idleLoad.toFixed(2)} cores busy in the second before the bench`,
    );
    if (idleLoad > NOISY_CORES)
      console.log(`WARNING: ${idleLoad.toFixed(2)} cores were busy before the bench started; the timings will be slow and noisy.`);

    // 1. The build, and what it holds.
    console.log(buildWeb());
    const distDir = path.join(repoRoot, 'web', 'dist');
    const dist = analyseDist(distDir);
    console.log(
      `\ninitial JavaScript (web/dist/index.html: the module script and its modulepreloads; gzip level ${GZIP_LEVEL}, file by file):`,
    );
    for (const file of [dist.entry, ...dist.modulepreloads])
      console.log(`  ${file.url.padEnd(44)} ${kB(file.raw).padStart(10)}  gzip ${kB(file.gzip).padStart(9)}`);
    console.log(`  ${'total'.padEnd(44)} ${kB(dist.initialJs.raw).padStart(10)}  gzip ${kB(dist.initialJs.gzip).padStart(9)}`);
    if (dist.staticImportsNotPreloaded.length)
      console.log(`  NOTE: the entry also imports statically, without a modulepreload: ${dist.staticImportsNotPreloaded.join(', ')}`);
    console.log(
      `  all ${dist.allJs.files} JS chunks: ${kB(dist.allJs.raw)} (gzip ${kB(dist.allJs.gzip)}); ` +
        `initial CSS ${dist.initialCss.urls.join(', ')}: ${kB(dist.initialCss.raw)} (gzip ${kB(dist.initialCss.gzip)}); ` +
        `all ${dist.allCss.files} CSS files: ${kB(dist.allCss.raw)} (gzip ${kB(dist.allCss.gzip)})`,
    );

    // 2. The service with the demo data.
    console.log(`\nloading the demo data (${tickets} tickets) into a fresh embedded database…`);
    const { service, admin, demoSeconds, demoSummary } = await startDemoService(cleanup, tickets);
    console.log(`  demo loaded in ${demoSeconds.toFixed(1)} s${demoSummary ? `: ${demoSummary}` : ''}`);
    console.log(`  service pid ${service.pid} at ${service.baseUrl}, signed in as ${admin.email}`);

    const browser = await launchBrowser();
    cleanup.add('close the browser', () => browser.close());
    console.log(
      `  Chromium ${browser.version()}, viewport 1440×900, CPU throttling ${cpuThrottle > 1 ? `${cpuThrottle}×` : 'off (default)'}`,
    );

    // 3. Cold loads: one not counted (first contact of this browser with the service), then `runs`.
    console.log(
      `\ncold loads of ${LIST_PATH}: 1 not counted + ${runs}, each in a new browser context (empty cache), signed in through the API`,
    );
    const first = await coldLoad(browser, service.baseUrl, admin, cpuThrottle);
    let sample = sampleProcesses();
    const loads: ColdLoad[] = [];
    for (let i = 0; i < runs; i++) {
      const load = await coldLoad(browser, service.baseUrl, admin, cpuThrottle);
      loads.push(load);
      const s = load.snapshot;
      const longBefore = s.longTasks.filter((t) => t.start < load.interactive);
      console.log(
        `  ${String(i + 1).padStart(2)}: interactive ${msText(load.interactive).padStart(7)} (Playwright ${msText(load.viaPlaywright).padStart(7)})  rows in DOM ${msText(s.rowsAt).padStart(7)}  ` +
          `DCL ${msText(s.nav?.domContentLoaded).padStart(6)}  FCP ${msText(s.fcp).padStart(6)}  LCP ${msText(s.lcp?.time).padStart(7)}  ` +
          `list data ${msText(load.list.arrivedAt).padStart(7)} → painted +${msText((load.list.paintedAt ?? Number.NaN) - (load.list.arrivedAt ?? Number.NaN), 1)}  ` +
          `long tasks ${longBefore.length} (${longBefore.reduce((a, t) => a + t.duration, 0).toFixed(0)} ms)  ${mainThreadText(load.mainThread)}`,
      );
    }
    const coldCpu = cpuBetweenSamples(sample, sampleProcesses(), service.pid);

    // 4. Lists rendered after a search in the running app.
    console.log(`\nsearches in the running app: 1 not counted + ${searches}, each a query not seen before (nothing cached)`);
    sample = sampleProcesses();
    const searchEntries = await searchRenders(browser, service.baseUrl, admin, searches, cpuThrottle);
    const searchCpu = cpuBetweenSamples(sample, sampleProcesses(), service.pid);
    for (const [i, e] of searchEntries.entries()) {
      console.log(
        `  ${String(i + 1).padStart(2)}: ${String(e.rows).padStart(3)} rows  request → data ${msText((e.arrivedAt ?? 0) - e.requestedAt, 1).padStart(8)}  ` +
          `data → DOM ${msText((e.renderedAt ?? 0) - (e.arrivedAt ?? 0), 1).padStart(8)}  → painted ${msText((e.paintedAt ?? 0) - (e.arrivedAt ?? 0), 1).padStart(8)}  ` +
          `long tasks ${e.longTasks.map((t) => t.duration.toFixed(0)).join('+') || 'none'}  Enter → painted: ${mainThreadText(e.mainThread)}  ` +
          `${(e.q ?? '').replace(/-tag:\S+ /, '')}`,
      );
    }

    console.log(
      '  (data = the app has parsed the response body; DOM = the first and last of its rows are in the table; painted = two animation frames later)',
    );

    await service.stop();
    const distChanged = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8') !== dist.indexHtml;
    const loadAfter = os.loadavg();

    // 5. Figures.
    const interactive = summarise(loads.map((l) => l.interactive));
    const selected = summarise(loads.map((l) => l.viaPlaywright));
    const rowsInDom = summarise(loads.map((l) => l.snapshot.rowsAt ?? Number.NaN));
    const dcl = summarise(loads.map((l) => l.snapshot.nav?.domContentLoaded ?? Number.NaN));
    const fcp = summarise(loads.map((l) => l.snapshot.fcp ?? Number.NaN));
    const lcps = loads.map((l) => l.snapshot.lcp?.time).filter((v): v is number => v !== undefined);
    const lcp = lcps.length ? summarise(lcps) : undefined;
    const lcpElements = [...new Set(loads.map((l) => l.snapshot.lcp?.element).filter(Boolean))];
    const coldRender = summarise(loads.map((l) => (l.list.paintedAt as number) - (l.list.arrivedAt as number)));
    const coldRows = [...new Set(loads.map((l) => l.list.rows))];
    const searchRender = summarise(searchEntries.map((e) => (e.paintedAt as number) - (e.arrivedAt as number)));
    const searchDom = summarise(searchEntries.map((e) => (e.renderedAt as number) - (e.arrivedAt as number)));
    const searchRows = [...new Set(searchEntries.map((e) => e.rows))];
    const coldDom = summarise(loads.map((l) => (l.list.renderedAt as number) - (l.list.arrivedAt as number)));

    // The run at the median, for the critical path.
    const byInteractive = [...loads].sort((a, b) => a.interactive - b.interactive);
    const median = byInteractive[Math.ceil(byInteractive.length / 2) - 1] as ColdLoad;
    const before = downloads(distDir, median.snapshot.resources, median.interactive);
    const idle = downloads(distDir, median.snapshot.resources, Number.POSITIVE_INFINITY);
    const encodings = [...new Set(median.assets.map((a) => a.encoding ?? 'none'))];
    const acceptEncoding = median.assets[0]?.acceptEncoding ?? '?';
    const compressed = before.compressed || encodings.some((e) => e !== 'none' && e !== 'identity');
    const downloadedJsFigure = compressed ? before.js.wire : before.js.gzip;

    console.log(`\ncritical path of the median cold load (${msText(median.interactive)}; ms since navigation start):`);
    const res = median.snapshot.resources;
    const nav = median.snapshot.nav;
    const jsBefore = res.filter((r) => r.path.startsWith('/assets/') && r.path.endsWith('.js') && r.responseEnd <= median.interactive);
    const entryRes = res.find((r) => r.path === dist.entry.url);
    const session = res.find((r) => r.path.startsWith('/api/v1/session'));
    const lastJs = jsBefore.reduce<ResourceEntry | undefined>((a, r) => (!a || r.responseEnd > a.responseEnd ? r : a), undefined);
    const steps: [string, number | null | undefined][] = [
      ['HTML response received', nav?.responseEnd],
      [`entry script ${dist.entry.url} received`, entryRes?.responseEnd],
      ['DOMContentLoaded', nav?.domContentLoaded],
      ['GET /api/v1/session answered', session?.responseEnd],
      [`last JS chunk before interactive received (${lastJs?.path ?? '?'})`, lastJs?.responseEnd],
      [`GET /api/v1/tickets?q=${LIST_Q} sent`, median.list.requestedAt],
      ['  … its data read by the app (response.json())', median.list.arrivedAt],
      [`  … ${median.list.rows} rows in the DOM`, median.list.renderedAt],
      ['  … painted (double rAF)', median.list.paintedAt],
      ['first contentful paint', median.snapshot.fcp],
      [`largest contentful paint (${median.snapshot.lcp?.element ?? '?'})`, median.snapshot.lcp?.time],
      ['interactive (first frame with a row and a focusable search box)', median.interactive],
      ['  … row seen by Playwright (waitForSelector, then evaluate)', median.viaPlaywright],
    ];
    for (const [label, at] of steps.sort((a, b) => (a[1] ?? Number.POSITIVE_INFINITY) - (b[1] ?? Number.POSITIVE_INFINITY)))
      console.log(`  ${msText(at).padStart(8)}  ${label}`);
    console.log(`  by interactive: ${mainThreadText(median.mainThread)}`);
    const longBefore = median.snapshot.longTasks.filter((t) => t.start < median.interactive);
    console.log(
      `  main-thread long tasks (> 50 ms) before interactive: ${longBefore.length}, ${longBefore.reduce((a, t) => a + t.duration, 0).toFixed(0)} ms ` +
        `(${longBefore.map((t) => `${t.duration.toFixed(0)} at ${t.start.toFixed(0)}`).join(', ') || 'none'})`,
    );

    console.log(
      `\ndownloads of the median cold load (server compression: ${compressed ? encodings.join(', ') : 'none'}; Chromium sent accept-encoding: ${acceptEncoding}):`,
    );
    const downloadLine = (label: string, d: Downloads) =>
      `  ${label}: JS ${d.js.files} files, ${kB(d.js.wire)} on the wire (${kB(d.js.transfer)} with headers), ` +
      `${kB(d.js.raw)} as files, ${kB(d.js.gzip)} gzipped (level ${GZIP_LEVEL}); CSS ${d.css.files} files, ${kB(d.css.wire)} on the wire, ${kB(d.css.gzip)} gzipped`;
    console.log(downloadLine('before interactive', before));
    console.log(downloadLine('by network idle   ', idle));
    const biggest = [...new Set(jsBefore.map((r) => r.path))]
      .map((p) => fileSize(distDir, p))
      .filter((f): f is FileSize => f !== undefined)
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 6);
    console.log(`  biggest JS before interactive: ${biggest.map((f) => `${f.url.replace('/assets/', '')} ${kB(f.gzip)}`).join(', ')}`);
    if (!compressed)
      console.log(
        '  The service sends assets uncompressed, so the gzip figures are what the same files would weigh gzipped (the target is on those).',
      );

    console.log('\nwhere the CPU went:');
    console.log(describeCpu('cold loads', coldCpu));
    console.log(describeCpu('searches', searchCpu));
    const noisy = coldCpu.otherCores > NOISY_CORES || searchCpu.otherCores > NOISY_CORES || idleLoad > NOISY_CORES;
    if (noisy)
      console.log(
        `WARNING: other programs kept more than ${NOISY_CORES} cores busy: the timings are slower and noisier than on an idle machine.`,
      );
    if (distChanged) console.log('WARNING: web/dist/index.html changed while the bench ran (someone rebuilt the web app).');

    const pass = {
      initial_js: dist.initialJs.gzip <= targets.initialJsGzipBytes,
      downloaded_js: downloadedJsFigure <= targets.initialJsGzipBytes,
      cold_load: interactive.p50 < targets.coldLoadMs,
      render_cold: coldRender.p50 <= targets.listRenderMs,
      render_search: searchRender.p50 <= targets.listRenderMs,
    };
    const rowsText = (rows: (number | null)[]) => rows.join('/');
    const rows: Row[] = [
      {
        figure: `initial JS, gzip ${GZIP_LEVEL} (entry + ${dist.modulepreloads.length} modulepreloads)`,
        value: kB(dist.initialJs.gzip),
        target: `≤ ${kB(targets.initialJsGzipBytes)}`,
        pass: pass.initial_js,
      },
      { figure: 'initial JS as files', value: kB(dist.initialJs.raw) },
      { figure: `all JS (${dist.allJs.files} chunks), gzip ${GZIP_LEVEL}`, value: kB(dist.allJs.gzip) },
      {
        figure: `CSS: initial / all (${dist.allCss.files} files), gzip ${GZIP_LEVEL}`,
        value: `${kB(dist.initialCss.gzip)} / ${kB(dist.allCss.gzip)}`,
      },
      {
        figure: `JS downloaded before interactive (${before.js.files} files), ${compressed ? 'on the wire' : `gzip ${GZIP_LEVEL}`}`,
        value: kB(downloadedJsFigure),
        target: `≤ ${kB(targets.initialJsGzipBytes)}`,
        pass: pass.downloaded_js,
      },
      { figure: `  same files on the wire (${compressed ? encodings.join(', ') : 'uncompressed'})`, value: kB(before.js.wire) },
      {
        figure: `cold load → interactive, median of ${runs}`,
        value: spread(interactive),
        target: `< ${targets.coldLoadMs} ms`,
        pass: pass.cold_load,
      },
      { figure: '  row seen by Playwright (waitForSelector + evaluate)', value: spread(selected) },
      { figure: '  rows in the DOM (in-page MutationObserver)', value: spread(rowsInDom) },
      { figure: '  DOMContentLoaded', value: spread(dcl) },
      { figure: '  first contentful paint', value: spread(fcp) },
      { figure: `  largest contentful paint${lcpElements.length ? ` (${lcpElements.join(', ')})` : ''}`, value: lcp ? spread(lcp) : 'n/a' },
      { figure: '  first cold load (not counted)', value: msText(first.interactive) },
      {
        figure: `list data → painted, cold load (${rowsText(coldRows)} rows)`,
        value: spread(coldRender, 1),
        target: `≤ ${targets.listRenderMs} ms`,
        pass: pass.render_cold,
      },
      { figure: '  data → rows in the DOM', value: spread(coldDom, 1) },
      {
        figure: `list data → painted, new search (${rowsText(searchRows)} rows)`,
        value: spread(searchRender, 1),
        target: `≤ ${targets.listRenderMs} ms`,
        pass: pass.render_search,
      },
      { figure: '  data → rows in the DOM', value: spread(searchDom, 1) },
    ];
    printTable(
      `web: ${runs} cold loads, ${searches} searches, ${tickets} demo tickets, Chromium, CPU throttling ${cpuThrottle > 1 ? `${cpuThrottle}×` : 'off'}; verdicts on the median`,
      rows,
    );
    console.log(`\n(bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
    console.log(
      JSON.stringify({
        bench: 'web',
        cores: os.cpus().length,
        load_average_before: loadBefore.map((l) => round(l)),
        load_average_after: loadAfter.map((l) => round(l)),
        idle_machine_cores_busy: round(idleLoad),
        noisy,
        dist_changed: distChanged,
        chromium: browser.version(),
        cpu_throttle: cpuThrottle,
        tickets,
        list_q: LIST_Q,
        runs,
        searches,
        initial_js: {
          ...sizeJson(dist.initialJs),
          gzip_level: GZIP_LEVEL,
          urls: [dist.entry.url, ...dist.modulepreloads.map((m) => m.url)],
        },
        all_js: sizeJson(dist.allJs),
        css: { initial: sizeJson(dist.initialCss), all: sizeJson(dist.allCss) },
        downloaded: {
          server_compression: compressed ? encodings : 'none',
          accept_encoding: acceptEncoding,
          before_interactive: { js: before.js, css: before.css },
          by_network_idle: { js: idle.js, css: idle.css },
        },
        cold_load: {
          interactive: summaryJson(interactive, 0),
          rows_in_dom: summaryJson(rowsInDom, 0),
          dom_content_loaded: summaryJson(dcl, 0),
          fcp: summaryJson(fcp, 0),
          lcp: lcp ? { ...summaryJson(lcp, 0), elements: lcpElements } : null,
          first_uncounted_ms: round(first.interactive, 0),
          interactive_runs_ms: loads.map((l) => round(l.interactive, 0)),
          via_playwright: summaryJson(selected, 0),
          main_thread_by_interactive_ms: mainThreadJson(summariseMainThread(loads.map((l) => l.mainThread))),
        },
        list_render: {
          cold_load: { ...summaryJson(coldRender), rows: coldRows, data_to_dom: summaryJson(coldDom) },
          search: {
            ...summaryJson(searchRender),
            rows: searchRows,
            data_to_dom: summaryJson(searchDom),
            runs_ms: searchEntries.map((e) => round((e.paintedAt as number) - (e.arrivedAt as number), 1)),
            main_thread_enter_to_painted_ms: mainThreadJson(summariseMainThread(searchEntries.map((e) => e.mainThread))),
          },
          painted: 'double requestAnimationFrame after the last row appeared',
        },
        cpu: { cold_loads: cpuJson(coldCpu), searches: cpuJson(searchCpu) },
        targets: {
          initial_js_gzip_bytes: targets.initialJsGzipBytes,
          cold_load_ms: targets.coldLoadMs,
          list_render_ms: targets.listRenderMs,
          verdict_on: 'median',
        },
        pass,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

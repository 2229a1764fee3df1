// Loaded into the service with `node --import bench/support/service-probe.mjs bin/frontline.js serve` when a
// bench profiles (BENCH_PROFILE). Plain JavaScript: it runs before bin/frontline.js registers tsx.
//
// It measures in windows. Each SIGUSR2 closes the current window and opens the next one; closing writes
//   window-<n>.sql.json      every SQL statement the pg driver sent: count and time from send to answer,
//                            and the time spent waiting for a pool connection      (BENCH_PROBE_SQL=1)
//   window-<n>.cpuprofile    a V8 CPU profile of the window                          (BENCH_PROBE_CPU=1)
//   window-<n>.done          last, so that the reader knows the others are complete
// in BENCH_PROBE_DIR. Nothing here changes what the service does, only how long it takes.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import pg from 'pg';

const dir = process.env.BENCH_PROBE_DIR;
const traceSql = process.env.BENCH_PROBE_SQL === '1';
const profileCpu = process.env.BENCH_PROBE_CPU === '1';
if (!dir) throw new Error('service-probe: BENCH_PROBE_DIR is not set');

let window = 0;
let statements = new Map();
let pool = { acquisitions: 0, waitMs: 0, maxWaitMs: 0 };

function normalise(text) {
  return String(text).replace(/\s+/g, ' ').trim().slice(0, 400);
}

function record(text, ms, failed) {
  const key = normalise(text);
  let entry = statements.get(key);
  if (!entry) {
    entry = { sql: key, count: 0, totalMs: 0, maxMs: 0, failed: 0, samples: [] };
    statements.set(key, entry);
  }
  entry.count++;
  entry.totalMs += ms;
  if (ms > entry.maxMs) entry.maxMs = ms;
  if (failed) entry.failed++;
  if (entry.samples.length < 20_000) entry.samples.push(ms);
}

if (traceSql) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function probedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    const started = performance.now();
    const result = query.call(this, config, values, callback);
    if (text && result && typeof result.then === 'function') {
      result.then(
        () => record(text, performance.now() - started, false),
        () => record(text, performance.now() - started, true),
      );
    }
    return result;
  };
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function probedConnect(callback) {
    const started = performance.now();
    const done = () => {
      const waited = performance.now() - started;
      pool.acquisitions++;
      pool.waitMs += waited;
      if (waited > pool.maxWaitMs) pool.maxWaitMs = waited;
    };
    if (typeof callback === 'function') {
      return connect.call(this, (error, client, release) => {
        done();
        callback(error, client, release);
      });
    }
    const result = connect.call(this);
    result.then(done, done);
    return result;
  };
}

const session = profileCpu ? new inspector.Session() : undefined;
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

async function startWindow() {
  statements = new Map();
  pool = { acquisitions: 0, waitMs: 0, maxWaitMs: 0 };
  if (session) {
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
  }
}

async function closeWindow() {
  const n = window++;
  const base = path.join(dir, `window-${n}`);
  if (traceSql) {
    const list = [...statements.values()].map(({ samples, ...entry }) => {
      samples.sort((a, b) => a - b);
      const at = (q) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? 0;
      return { ...entry, p50Ms: at(0.5), p99Ms: at(0.99) };
    });
    fs.writeFileSync(`${base}.sql.json`, JSON.stringify({ statements: list, pool }));
  }
  if (session) {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(profile));
  }
  fs.writeFileSync(`${base}.done`, '');
}

if (session) {
  session.connect();
  await post('Profiler.enable');
}
await startWindow();

let busy = Promise.resolve();
process.on('SIGUSR2', () => {
  busy = busy
    .then(closeWindow)
    .then(startWindow)
    .catch((error) => process.stderr.write(`service-probe: ${error?.stack ?? error}\n`));
});

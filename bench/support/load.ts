import autocannon, { type RawRequest } from 'autocannon';
import pg from 'pg';
import { type LatencySummary, Samples } from './stats.ts';

export interface HttpLoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** Called for every request: its method, path and body. */
  next: () => RawRequest;
  /** The only status counted as a success; any other response is reported. */
  expectStatus: number;
  title: string;
}

export interface HttpLoadResult {
  title: string;
  seconds: number;
  /** Responses with the expected status, per second. */
  rate: number;
  ok: number;
  /** Responses with any other status, connection errors and timeouts. */
  unexpected: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Exact, from every response time autocannon measured (ms). */
  latency: LatencySummary;
  /** autocannon's own figures (1 ms resolution), for comparison with its CLI. */
  autocannon: { p50: number; p99: number; requestsPerSecond: number };
}

/** Closed-loop HTTP load with autocannon: each connection sends its next request when the previous one is answered. */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const samples = new Samples();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    title: options.title,
    headers: options.headers,
    requests: [{ setupRequest: (request) => ({ ...request, ...options.next() }) }],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode === options.expectStatus) samples.add(responseTime);
  });
  const result = await instance;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, Number(stat.count)]));
  const ok = statusCodes[String(options.expectStatus)] ?? 0;
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    title: options.title,
    seconds: result.duration,
    rate: ok / result.duration,
    ok,
    unexpected: answered - ok + result.errors + result.timeouts,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latency: samples.summary(),
    autocannon: { p50: result.latency.p50, p99: result.latency.p99, requestsPerSecond: result.requests.average },
  };
}

export interface SqlLoadResult {
  seconds: number;
  count: number;
  rate: number;
  latency: LatencySummary;
}

/**
 * Closed-loop SQL load: `clients` connections, each running its statement (autocommit) back to back
 * for `seconds`. The clients are connected before the clock starts.
 */
export async function sqlLoad(options: {
  url: string;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  statement: string;
  params: () => unknown[];
  /** Called as the measured phase starts and ends, while the clients are still connected. */
  onMeasureStart?: () => unknown;
  onMeasureEnd?: () => unknown;
}): Promise<SqlLoadResult> {
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      return client;
    }),
  );
  try {
    // Unnamed parameterised statements, as the service's driver sends them (no server-side prepared statement).
    const loop = async (client: pg.Client, until: number, samples?: Samples) => {
      let count = 0;
      while (performance.now() < until) {
        const started = performance.now();
        await client.query(options.statement, options.params());
        samples?.add(performance.now() - started);
        count++;
      }
      return count;
    };
    if (options.warmupSeconds > 0) {
      const until = performance.now() + options.warmupSeconds * 1000;
      await Promise.all(clients.map((client) => loop(client, until)));
    }
    await options.onMeasureStart?.();
    const samples = new Samples();
    const started = performance.now();
    const counts = await Promise.all(clients.map((client) => loop(client, started + options.seconds * 1000, samples)));
    const seconds = (performance.now() - started) / 1000;
    await options.onMeasureEnd?.();
    const count = counts.reduce((a, b) => a + b, 0);
    return { seconds, count, rate: count / seconds, latency: samples.summary() };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

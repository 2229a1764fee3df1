/**
 * The job queue: pg-boss on the same database as everything else — natively (its own small pool) on
 * PostgreSQL, and through the application's Kysely instance on the embedded database, whose single
 * connection Kysely already serialises. A job sent with `{ db: trx }` is written by the caller's
 * transaction, so it exists exactly when the change that caused it commits.
 *
 * Every process registers the handlers (`work`), which creates the queues; only a process started
 * with the worker role polls them, runs the cron schedules and does pg-boss's maintenance.
 */
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from './logging.ts';

export interface JobInfo {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export interface QueueOptions {
  /** `short`: at most one waiting job per singleton key (repeated requests coalesce). */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) at each retry when `retryBackoff`. */
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export interface SendOptions {
  /** The caller's transaction: the job commits or rolls back with it. */
  db?: Kysely<any>;
  startAfter?: Date | number;
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

export interface Jobs {
  /** Enqueues a job; pass `{ db: trx }` inside a transaction. Returns its id (null when a singleton key coalesced it). */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Registers the handler of a queue (creating the queue); a worker process polls it. A thrown error fails the attempt (retried per the queue's options). */
  work<T extends object>(name: string, handler: JobHandler<T>, options?: QueueOptions): Promise<void>;
  /** A cron schedule (UTC, minute resolution) that a worker process turns into jobs; several workers still make one job a slot. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Starts polling every registered queue (the worker role). */
  startWorkers(): Promise<void>;
  /**
   * Runs waiting jobs in this process now, one at a time, until none is left (or `max` ran); for
   * tests and commands. `ignoreStartAfter` also runs jobs scheduled for later, and retries at once.
   */
  drain(options?: { names?: string[]; ignoreStartAfter?: boolean; max?: number }): Promise<number>;
  /** Waits for running jobs (up to `timeoutMs`), then stops polling and closes pg-boss's connections. */
  stop(timeoutMs?: number): Promise<void>;
}

type BossDb = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** pg-boss's database interface over a Kysely instance or transaction (one statement with parameters). */
export function bossDb(db: Kysely<any>): BossDb {
  return {
    async executeSql(text, values) {
      const result = await db.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[]));
      return { rows: result.rows };
    },
  };
}

/**
 * The embedded database through Kysely: statements with parameters as usual; pg-boss's schema scripts
 * (several statements, no parameters) through PGlite's `exec` while holding Kysely's one connection.
 */
function pgliteBossDb(db: Kysely<any>, pglite: PGlite): BossDb {
  const single = bossDb(db);
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return single.executeSql(text, values);
      return db.connection().execute(async () => {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      });
    },
  };
}

export interface OpenJobsOptions {
  db: Kysely<any>;
  kind: 'pglite' | 'postgres';
  pglite?: PGlite | undefined;
  databaseUrl?: string | undefined;
  log: Logger;
  /** This process runs workers: maintenance and cron schedules too. */
  worker?: boolean;
  /** Seconds between polls of an idle queue (default 2). */
  pollingIntervalSeconds?: number;
}

interface Registration {
  handler: JobHandler<object>;
  options: QueueOptions;
}

/** Opens the queue (installing or upgrading pg-boss's schema, `pgboss`, when needed). */
export async function openJobs(options: OpenJobsOptions): Promise<Jobs> {
  const worker = options.worker === true;
  const common = { schema: 'pgboss', migrate: true, supervise: worker, schedule: worker, application_name: 'frontline-jobs' };
  let boss: PgBoss;
  if (options.kind === 'postgres' && options.databaseUrl) {
    boss = new PgBoss({ ...common, connectionString: options.databaseUrl, max: worker ? 4 : 2 });
  } else {
    if (!options.pglite) throw new Error('openJobs: the embedded database handle is missing');
    boss = new PgBoss({ ...common, db: pgliteBossDb(options.db, options.pglite) as PgBoss.Db });
  }
  boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'));
  await boss.start();

  const registrations = new Map<string, Registration>();
  const schedules = new Map<string, { cron: string; data: object }>();
  const known = new Set<string>();
  let polling = false;
  let stopped = false;
  const running = new Set<Promise<unknown>>();

  const ensureQueue = async (name: string, queue: QueueOptions = {}): Promise<void> => {
    if (known.has(name)) return;
    await boss.createQueue(name, { name, ...queue });
    known.add(name);
  };

  const run = async (name: string, job: PgBoss.JobWithMetadata<object>): Promise<void> => {
    const registration = registrations.get(name);
    if (!registration) throw new Error(`No handler for job ${name}`);
    await registration.handler(job.data, { id: job.id, name, retryCount: job.retryCount, retryLimit: job.retryLimit });
  };

  const poll = async (name: string): Promise<void> => {
    await boss.work<object>(
      name,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) {
          const attempt = run(name, job).catch((error: unknown) => {
            options.log.warn({ err: error, job: name, id: job.id, retry: job.retryCount }, 'job failed');
            throw error;
          });
          running.add(attempt);
          try {
            await attempt;
          } finally {
            running.delete(attempt);
          }
        }
      },
    );
  };

  return {
    async send(name, data, sendOptions = {}) {
      const { db, startAfter, ...rest } = sendOptions;
      if (!known.has(name)) await ensureQueue(name);
      const jobOptions: PgBoss.SendOptions = { ...rest };
      if (startAfter !== undefined) jobOptions.startAfter = startAfter;
      if (db) jobOptions.db = bossDb(db) as PgBoss.Db;
      return boss.send(name, data, jobOptions);
    },

    async work(name, handler, queue = {}) {
      await ensureQueue(name, queue);
      registrations.set(name, { handler: handler as JobHandler<object>, options: queue });
      if (polling) await poll(name);
    },

    async schedule(name, cron, data = {}) {
      schedules.set(name, { cron, data });
      if (polling) await boss.schedule(name, cron, data, { tz: 'UTC' });
    },

    async startWorkers() {
      if (polling || stopped) return;
      polling = true;
      for (const name of registrations.keys()) await poll(name);
      for (const [name, { cron, data }] of schedules) await boss.schedule(name, cron, data, { tz: 'UTC' });
    },

    async drain(drainOptions = {}) {
      const names = drainOptions.names ?? [...registrations.keys()];
      const max = drainOptions.max ?? 1_000;
      let done = 0;
      for (let progress = true; progress && done < max; ) {
        progress = false;
        for (const name of names) {
          for (;;) {
            if (done >= max) break;
            const [job] = await boss.fetch<object>(name, {
              batchSize: 1,
              includeMetadata: true,
              ignoreStartAfter: drainOptions.ignoreStartAfter === true,
            });
            if (!job) break;
            progress = true;
            done++;
            try {
              await run(name, job);
              await boss.complete(name, job.id);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              await boss.fail(name, job.id, { message });
            }
          }
        }
      }
      return done;
    },

    async stop(timeoutMs = 8_000) {
      if (stopped) return;
      stopped = true;
      const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([Promise.allSettled([...running]), timeout]);
      await boss.stop({ graceful: false, wait: true, close: true, timeout: 1_000 });
    },
  };
}

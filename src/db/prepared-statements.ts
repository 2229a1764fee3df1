import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Server-side prepared statements for the queries a process runs again and again.
 *
 * node-postgres sends every parameterised query as an unnamed statement, so PostgreSQL parses and
 * plans it on every call; for the short statements of ticket work that planning costs more than the
 * execution. A query whose text this process has seen a few times is sent with a name instead: each
 * connection parses it once, and PostgreSQL keeps its plan (custom plans for the first executions,
 * then a generic one when that is as cheap).
 *
 * Only parameterised queries are named (they already use the extended protocol, so they hold exactly
 * one statement), at most `maxNamed` texts per process, so queries built with a varying number of
 * placeholders cannot fill the server's memory. A connection whose prepared plan no longer fits a
 * changed table ("cached plan must not change result type", after a migration by another process)
 * is closed when it is released, and the pool opens a fresh one.
 */
export interface PreparedStatementOptions {
  /** Executions of a text before it is prepared (default 3). */
  threshold?: number;
  /** Texts prepared per process (default 1,000); later newcomers stay unnamed. */
  maxNamed?: number;
  /** Texts counted while waiting for their threshold (default 10,000); the count restarts when full. */
  maxTracked?: number;
}

export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private readonly threshold: number;
  private readonly maxNamed: number;
  private readonly maxTracked: number;

  constructor(options: PreparedStatementOptions = {}) {
    this.threshold = options.threshold ?? 3;
    this.maxNamed = options.maxNamed ?? 1000;
    this.maxTracked = options.maxTracked ?? 10_000;
  }

  /** The statement name for this text, or undefined while it stays unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || this.named.size >= this.maxNamed) return name;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.threshold) {
      if (this.seen.size >= this.maxTracked) this.seen.clear();
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const fresh = `fl_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.named.set(text, fresh);
    return fresh;
  }

  get size(): number {
    return this.named.size;
  }
}

/** SQLSTATE 0A000 with this message: a prepared plan outlived a change to a table it reads. */
function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

class NamingClient implements PostgresPoolClient {
  private stale = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: StatementNames,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  // biome-ignore lint/suspicious/noExplicitAny: the overloads above are the contract; this is their shared body.
  query(sqlOrCursor: any, parameters?: ReadonlyArray<unknown>): any {
    if (typeof sqlOrCursor !== 'string') return this.client.query(sqlOrCursor);
    const values = parameters ? [...parameters] : [];
    const name = values.length > 0 ? this.names.nameFor(sqlOrCursor) : undefined;
    const result = name ? this.client.query({ name, text: sqlOrCursor, values }) : this.client.query(sqlOrCursor, values);
    return result.catch((error: unknown) => {
      if (isStalePlan(error)) this.stale = true;
      throw error;
    });
  }

  release(destroy?: boolean): void {
    this.client.release(destroy || this.stale);
  }
}

/** A Kysely pool over `pool` that prepares the statements this process repeats. */
export function withPreparedStatements(pool: pg.Pool, options: PreparedStatementOptions = {}): PostgresPool {
  const names = new StatementNames(options);
  return {
    // Kysely opens a separate client of this class to cancel a running query (pg's Pool keeps it, untyped).
    Client: (pool as unknown as { Client: PostgresPool['Client'] }).Client,
    options: pool.options,
    async connect() {
      return new NamingClient(await pool.connect(), names);
    },
    end: () => pool.end(),
  };
}

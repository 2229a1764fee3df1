import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from './logging.ts';

/**
 * Real-time fan-out between processes through PostgreSQL LISTEN/NOTIFY. A change publishes with
 * `notify(trx, …)` inside its own transaction, so listeners hear of it exactly when it commits and
 * never of a change that rolled back. Every process (and every WebSocket in it) subscribes here.
 */
export interface RealtimeBus {
  subscribe(channel: RealtimeChannel, handler: (payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export type RealtimeChannel = 'ticket_changes' | 'presence' | 'cache_invalidation' | 'chat_events';
const channels: RealtimeChannel[] = ['ticket_changes', 'presence', 'cache_invalidation', 'chat_events'];

/** Publishes inside the caller's transaction; delivered to every process on commit. */
export async function notify(db: Kysely<any>, channel: RealtimeChannel, payload: unknown): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes; publish ids and small facts, let clients fetch the rest.
  await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(db);
}

function parse(log: Logger, raw: string | undefined): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch (error) {
    log.warn({ err: error }, 'ignoring a malformed notification');
    return undefined;
  }
}

class EmitterBus implements RealtimeBus {
  protected readonly emitter = new EventEmitter();
  constructor(protected readonly log: Logger) {
    this.emitter.setMaxListeners(0);
  }
  subscribe(channel: RealtimeChannel, handler: (payload: unknown) => void): () => void {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }
  deliver(channel: string, raw: string | undefined): void {
    const payload = parse(this.log, raw);
    if (payload !== undefined) this.emitter.emit(channel, payload);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** The embedded database has one process; PGlite delivers its own NOTIFYs to its listeners. */
export async function pgliteBus(pglite: PGlite, log: Logger): Promise<RealtimeBus> {
  const bus = new (class extends EmitterBus {
    unlisteners: (() => Promise<void>)[] = [];
    override async close() {
      for (const unlisten of this.unlisteners) await unlisten().catch(() => undefined);
      await super.close();
    }
  })(log);
  for (const channel of channels) {
    bus.unlisteners.push(await pglite.listen(channel, (payload) => bus.deliver(channel, payload)));
  }
  return bus;
}

/** On PostgreSQL one dedicated connection per process LISTENs, and reconnects if it drops. */
export async function postgresBus(connectionString: string, log: Logger): Promise<RealtimeBus> {
  let client: pg.Client | undefined;
  let closed = false;
  const bus = new (class extends EmitterBus {
    override async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      await super.close();
    }
  })(log);
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => bus.deliver(message.channel, message.payload));
    next.on('error', (error) => {
      log.warn({ err: error }, 'realtime connection lost; reconnecting');
      if (!closed) setTimeout(() => void connect().catch((e) => log.error({ err: e }, 'realtime reconnect failed')), 1000).unref();
    });
    await next.connect();
    for (const channel of channels) await next.query(`listen ${channel}`);
    // Whatever was announced while the connection was down is lost: caches start over.
    if (client) bus.deliver('cache_invalidation', JSON.stringify({ topic: '*' }));
    client = next;
  };
  await connect();
  return bus;
}

/** The bus that fits the database: PGlite's own listeners, or a LISTEN connection to PostgreSQL. */
export function openRealtimeBus(
  handle: { kind: 'pglite' | 'postgres'; pglite?: PGlite; databaseUrl?: string },
  log: Logger,
): Promise<RealtimeBus> {
  if (handle.kind === 'pglite' && handle.pglite) return pgliteBus(handle.pglite, log);
  if (handle.kind === 'postgres' && handle.databaseUrl) return postgresBus(handle.databaseUrl, log);
  throw new Error('cannot open a realtime bus on this database handle');
}

import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import type { ConfigCache } from './cache.ts';
import type { Clock } from './clock.ts';
import type { Jobs } from './jobs.ts';
import type { Logger } from './logging.ts';
import type { Mailer } from './mail.ts';
import type { RealtimeBus } from './realtime.ts';

/** Everything a service needs, built once at start and passed down; no module reads globals. */
export interface Context {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  log: Logger;
  realtime: RealtimeBus;
  mailer: Mailer;
  /** Credentials and configuration read on every request, dropped on change (see cache.ts). */
  cache: ConfigCache;
  /** The job queue (pg-boss): `send(name, data, { db: trx })` inside a transaction. */
  jobs: Jobs;
}

/** Who is acting: a signed-in user, a token holder, or the system itself (jobs, channels, CLI). */
export interface Actor {
  userId: number | null;
  role: Role | 'system';
  /** For a customer: the customer record whose tickets they may see. */
  customerId: number | null;
  name: string;
  via: 'session' | 'token' | 'system';
  ip?: string | undefined;
  requestId?: string | undefined;
}

export interface UserActor extends Actor {
  userId: number;
  role: Role;
}

export const systemActor: Actor = { userId: null, role: 'system', customerId: null, name: 'Frontline', via: 'system' };

import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { withPreparedStatements } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Closes the pool or the embedded database and releases the data directory. */
  close(): Promise<void>;
  lock: DataDirLock | undefined;
  /** The embedded database itself, for what only it offers (LISTEN without a second connection). */
  pglite?: PGlite;
  /** The PostgreSQL connection string, for connections outside the pool (LISTEN). */
  databaseUrl?: string;
}

const INT8 = 20;
const NUMERIC = 1700;

// Ids and counts are bigint in SQL; every value we store fits a JS number exactly (< 2^53).
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(NUMERIC, (value) => Number(value));

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory://` for a throw-away one. */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  /** Name of the command, recorded in the data-directory lock. */
  command?: string;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database in the data directory. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // An idle connection that the server closes (a restart, or a test dropping its database) must not crash the process;
    // the pool replaces it on the next checkout.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    return { db, kind: 'postgres', lock: undefined, databaseUrl: options.databaseUrl, close: () => db.destroy() };
  }
  const inMemory = !options.dataDir || options.dataDir === 'memory://';
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (!inMemory && options.dataDir) {
    lock = lockDataDir(options.dataDir, options.command ?? 'serve');
    dataDir = path.join(options.dataDir, 'pg');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { pg_trgm },
      parsers: { [INT8]: (value: string) => Number(value), [NUMERIC]: (value: string) => Number(value) },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      lock,
      pglite,
      async close() {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

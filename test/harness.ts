import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { testConfig, type Config } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Context } from '../src/platform/context.ts';
import { createLogger } from '../src/platform/logging.ts';
import { createMailer } from '../src/platform/mail.ts';
import { openRealtimeBus } from '../src/platform/realtime.ts';
import { openJobs } from '../src/platform/jobs.ts';
import { registerBackgroundWork } from '../src/modules/index.ts';
import { ConfigCache } from '../src/platform/cache.ts';
import type { App } from '../src/platform/http.ts';

/**
 * Which database the suite runs on: PGlite always; PostgreSQL when FRONTLINE_TEST_DATABASE_URL
 * names a server (the `postgres` project in vitest.config.ts sets FRONTLINE_TEST_DB=postgres).
 */
export const testDatabaseKind = process.env.FRONTLINE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestEnvironment {
  ctx: Context;
  clock: ManualClock;
  app: App;
  close(): Promise<void>;
}

/** A fresh, empty PostgreSQL database of its own (FRONTLINE_TEST_DATABASE_URL names the server); drop() removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.FRONTLINE_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('FRONTLINE_TEST_DATABASE_URL is not set');
  const name = `frontline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh, migrated database of its own with a fake clock and the app built on it (not listening). */
export async function createTestEnvironment(overrides: Partial<Config> = {}): Promise<TestEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-test-'));
  const pgDatabase = testDatabaseKind === 'postgres' ? await createPostgresDatabase() : undefined;
  const handle = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url, poolSize: 10 } : { dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const config = testConfig({ dataDir, signInLimitPerMinute: 1000, ...overrides });
  const log = createLogger('silent');
  const realtime = await openRealtimeBus(handle, log);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.supportEmail, log });
  const cache = new ConfigCache().listen(realtime, log);
  // Jobs run only when a test drains them (`ctx.jobs.drain()`): nothing polls in the background.
  const jobs = await openJobs({ db: handle.db, kind: handle.kind, pglite: handle.pglite, databaseUrl: handle.databaseUrl, log });
  const ctx: Context = { config, db: handle.db, dbKind: handle.kind, clock, log, realtime, mailer, cache, jobs };
  await registerBackgroundWork(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    clock,
    app,
    async close() {
      await app.close();
      await jobs.stop();
      cache.close();
      await realtime.close();
      await handle.close();
      await pgDatabase?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Two application processes on one PostgreSQL: what one revokes or changes, the other stops
 * accepting as soon as the change commits, although it had the credential cached.
 * (The embedded database has a single process; this file runs in the postgres project only.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/connection.ts';
import { ConfigCache } from '../src/platform/cache.ts';
import type { Context } from '../src/platform/context.ts';
import type { App } from '../src/platform/http.ts';
import { openRealtimeBus } from '../src/platform/realtime.ts';
import { api, makeUser, type TestUser } from './factories.ts';
import { createTestEnvironment, type TestEnvironment, testDatabaseKind } from './harness.ts';

const onPostgres = testDatabaseKind === 'postgres';
let env: TestEnvironment;
let other: { app: App; close: () => Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  if (!onPostgres) return;
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  // A second process: its own pool, LISTEN connection and cache, on the same database.
  const { rows } = await (await import('kysely')).sql<{ name: string }>`select current_database() as name`.execute(env.ctx.db);
  const url = new URL(process.env.FRONTLINE_TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const realtime = await openRealtimeBus(handle, env.ctx.log);
  const cache = new ConfigCache().listen(realtime, env.ctx.log);
  const ctx: Context = { ...env.ctx, db: handle.db, realtime, cache };
  const app = await buildApp(ctx);
  await app.ready();
  other = {
    app,
    async close() {
      await app.close();
      cache.close();
      await realtime.close();
      await handle.close();
    },
  };
});
afterAll(async () => {
  await other?.close();
  await env?.close();
});

/** Asks the other process until it answers `status` (the notification arrives just after the commit). */
async function eventually(call: () => Promise<{ status: number }>, status: number): Promise<number> {
  let last = 0;
  for (let attempt = 0; attempt < 100; attempt++) {
    last = (await call()).status;
    if (last === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return last;
}

describe.runIf(onPostgres)('caches across processes', () => {
  it('a token revoked through one process is refused by the other, which had it cached', async () => {
    const token = (await api(env.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'shared' } })).body;
    const asToken = { authorization: `Bearer ${token.token}` };
    const me = () => api(other.app, 'GET', '/api/v1/me', { headers: asToken });
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await api(env.app, 'DELETE', `/api/v1/tokens/${token.id}`, { as: admin })).status).toBe(200);
    expect(await eventually(me, 401)).toBe(401);
  });

  it('a user deactivated through one process is signed out of the other', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    const me = () => api(other.app, 'GET', '/api/v1/me', { as: agent });
    expect((await me()).status).toBe(200);
    expect((await api(env.app, 'PATCH', `/api/v1/users/${agent.user.id}`, { as: admin, body: { active: false } })).status).toBe(200);
    expect(await eventually(me, 401)).toBe(401);
  });
});

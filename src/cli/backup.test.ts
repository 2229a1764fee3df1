import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDatabaseKind } from '../../test/harness.ts';
import { startRuntime } from '../bootstrap.ts';
import { type Config, testConfig } from '../config.ts';
import { createTicket, uploadAttachment } from '../modules/tickets/index.ts';
import { systemActor } from '../platform/context.ts';
import { KEY_FILE } from '../platform/secrets.ts';
import { createUser } from '../modules/users/index.ts';
import { backup, restore } from './backup-commands.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Every table's row count and a digest of its rows, for comparing before and after. */
async function fingerprint(config: Config) {
  const runtime = await startRuntime(config, { command: 'test', migrate: false });
  try {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(runtime.ctx.db);
    const result: Record<string, string> = {};
    for (const { table_name } of tables.rows) {
      const { rows } = await sql<{ digest: string | null; n: number }>`
        select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*)::int as n from ${sql.table(table_name)} t`.execute(
        runtime.ctx.db,
      );
      result[table_name] = `${rows[0]?.n}:${rows[0]?.digest}`;
    }
    return result;
  } finally {
    await runtime.close();
  }
}

describe(`backup and restore drill (${testDatabaseKind})`, () => {
  it('backs up, wipes, restores and finds the same rows and files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-drill-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (testDatabaseKind === 'postgres') {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      databaseUrl = database.url;
    }
    const config = testConfig({ dataDir, databaseUrl, logLevel: 'silent' });
    const runtime = await startRuntime(config, { command: 'test' });
    const agent = await createUser(runtime.ctx, systemActor, {
      email: 'drill@example.com',
      name: 'Drill Agent',
      role: 'associate',
      password: 'correct horse battery',
    });
    const ticket = await createTicket(runtime.ctx, systemActor, {
      subject: 'Backup drill',
      description: 'Keep me.',
      requester: { email: 'keep@example.com' },
      priority: 'p2',
      type: 'incident',
      tags: ['drill'],
      custom_fields: {},
    });
    const actor = { userId: agent.id, role: 'associate' as const, customerId: null, name: agent.name, via: 'token' as const };
    await uploadAttachment(runtime.ctx, actor, ticket.id, {
      filename: 'notes.txt',
      mimetype: 'text/plain',
      data: Buffer.from('attachment bytes\n'),
    });
    await runtime.close();

    const before = await fingerprint(config);
    expect(Number(before.tickets?.split(':')[0])).toBe(1);
    const archive = path.join(os.tmpdir(), `frontline-drill-${process.pid}-${Date.now()}.tar.gz`);
    cleanups.push(() => fs.rmSync(archive, { force: true }));
    const made = await backup(config, archive);
    expect(made.files).toBe(1);

    // A restore over a live database needs --force.
    await expect(restore(config, archive)).rejects.toMatchObject({ code: 'conflict' });

    // Wipe: the database and the files are gone.
    if (databaseUrl) {
      const runtime2 = await startRuntime(config, { command: 'test', migrate: false });
      await sql`drop schema if exists pgboss cascade`.execute(runtime2.ctx.db);
      await sql`drop schema public cascade`.execute(runtime2.ctx.db);
      await sql`create schema public`.execute(runtime2.ctx.db);
      await runtime2.close();
    }
    // The secret key is not in the archive: an operator keeps it apart and puts it back.
    const keyFile = path.join(dataDir, KEY_FILE);
    const key = fs.readFileSync(keyFile);
    for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    fs.writeFileSync(keyFile, key, { mode: 0o600 });

    const restored = await restore(config, archive);
    expect(restored.files).toBe(1);
    expect(await fingerprint(config)).toEqual(before);
    const files = fs.readdirSync(path.join(dataDir, 'attachments'), { recursive: true }).map(String);
    const file = files.find((f) => fs.statSync(path.join(dataDir, 'attachments', f)).isFile());
    expect(fs.readFileSync(path.join(dataDir, 'attachments', file as string), 'utf8')).toBe('attachment bytes\n');
  });

  it('refuses what is not a backup', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-drill-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const bogus = path.join(dataDir, 'bogus.tar.gz');
    fs.writeFileSync(bogus, 'not an archive');
    const config = testConfig({ dataDir: path.join(dataDir, 'd') });
    await expect(restore(config, bogus)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(restore(config, path.join(dataDir, 'missing.tar.gz'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

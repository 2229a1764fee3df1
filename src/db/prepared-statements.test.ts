import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDatabaseKind } from '../../test/harness.ts';
import { StatementNames, withPreparedStatements } from './prepared-statements.ts';

describe('statement names', () => {
  it('names a text once it has been seen `threshold` times, and keeps the name', () => {
    const names = new StatementNames({ threshold: 3 });
    expect(names.nameFor('select $1')).toBeUndefined();
    expect(names.nameFor('select $1')).toBeUndefined();
    const name = names.nameFor('select $1');
    expect(name).toMatch(/^fl_[0-9a-f]{24}$/);
    expect(names.nameFor('select $1')).toBe(name);
    expect(names.nameFor('select $2')).toBeUndefined();
  });

  it('stops naming new texts at maxNamed', () => {
    const names = new StatementNames({ threshold: 1, maxNamed: 2 });
    expect(names.nameFor('a')).toBeDefined();
    expect(names.nameFor('b')).toBeDefined();
    expect(names.nameFor('c')).toBeUndefined();
    expect(names.size).toBe(2);
    expect(names.nameFor('a')).toBeDefined();
  });

  it('forgets the counts when too many texts wait for their threshold', () => {
    const names = new StatementNames({ threshold: 2, maxTracked: 2 });
    names.nameFor('a');
    names.nameFor('b');
    names.nameFor('c'); // full: the counts restart
    expect(names.nameFor('a')).toBeUndefined();
    expect(names.nameFor('a')).toBeDefined();
  });
});

describe.skipIf(testDatabaseKind !== 'postgres')('prepared statements on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let pool: pg.Pool;
  let db: Kysely<{ items: { id: number; label: string } }>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool, { threshold: 2 }) }) });
    await sql`create table items (id int primary key, label text not null)`.execute(db);
    await sql`insert into items values (1, 'one'), (2, 'two')`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  it('prepares a repeated parameterised query once per connection and answers the same', async () => {
    const find = (id: number) => db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    expect(await find(1)).toEqual({ id: 1, label: 'one' });
    expect(await prepared()).toEqual([]);
    expect(await find(2)).toEqual({ id: 2, label: 'two' });
    expect(await find(1)).toEqual({ id: 1, label: 'one' });
    expect((await prepared()).filter((s) => s.includes('"items"'))).toHaveLength(1);
    // Queries without parameters are never prepared (they may hold several statements).
    await sql`select 1; select 2`.execute(db);
    await sql`select 1; select 2`.execute(db);
    expect((await prepared()).some((s) => s.includes('select 1'))).toBe(false);
  });

  it('replaces a connection whose prepared plan a table change made stale', async () => {
    const all = () => db.selectFrom('items').selectAll().where('id', '>', 0).orderBy('id').execute();
    await all();
    await all(); // prepared now
    await sql`alter table items add column note text`.execute(db);
    await expect(all()).rejects.toThrow(/cached plan must not change result type/);
    // The connection was closed on release; the pool's fresh one prepares the new shape.
    expect(await all()).toEqual([
      { id: 1, label: 'one', note: null },
      { id: 2, label: 'two', note: null },
    ]);
    expect(await all()).toHaveLength(2);
  });
});

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('owner_user_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_owner_idx').on('saved_views').column('owner_user_id').execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  // The views every agent starts with; admins may change or remove them.
  const now = sql`now()`;
  for (const [position, name, query] of [
    [0, 'My open tickets', 'assignee:me status<solved'],
    [1, 'Unassigned', 'assignee:none status<solved'],
    [2, 'All unsolved', 'status<solved'],
    [3, 'Urgent and high priority', 'priority<=p2 status<solved order_by:priority sort:asc'],
    [4, 'Waiting on the customer', 'status:pending'],
    [5, 'Recently solved', 'status:solved updated<7d'],
  ] as const) {
    await db.insertInto('saved_views').values({ owner_user_id: null, name, query, position, created_at: now, updated_at: now }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_links').ifExists().execute();
  await db.schema.dropTable('saved_views').ifExists().execute();
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** Privacy: retention policies, legal holds and the report of every retention run. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_retention_policies')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('organization_id', 'bigint', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('delete', 'anonymise')`))
    .addColumn('after_days', 'integer', (c) => c.notNull().check(sql`after_days >= 1`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('privacy_legal_holds')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('organization_id', 'bigint', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz')
    .addCheckConstraint('privacy_legal_holds_one_target', sql`num_nonnulls(customer_id, organization_id, ticket_id) = 1`)
    .execute();
  await db.schema
    .createTable('privacy_retention_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('tickets_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tickets_anonymised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tickets_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_retention_runs').execute();
  await db.schema.dropTable('privacy_legal_holds').execute();
  await db.schema.dropTable('privacy_retention_policies').execute();
}

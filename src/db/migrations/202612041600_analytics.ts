import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Problem records: a contact driver that groups tickets (by category, tag, resolution code or a
  // manual link), with an optional remediation pilot (a fix with a start date and a cost).
  await db.schema
    .createTable('problems')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'fixing', 'resolved', 'closed')`))
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('tag', 'text')
    .addColumn('resolution_code', 'text')
    .addColumn('owner_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('fix_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fix_started_at', 'timestamptz')
    .addColumn('fix_cost_cents', 'bigint')
    .addColumn('window_days', 'integer', (c) => c.notNull().defaultTo(60).check(sql`window_days between 30 and 90`))
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('problems_fix_cost_positive', sql`fix_cost_cents is null or fix_cost_cents >= 0`)
    .execute();

  await db.schema
    .createTable('problem_tickets')
    .addColumn('problem_id', 'bigint', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('linked_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_tickets_pk', ['problem_id', 'ticket_id'])
    .execute();
  await db.schema.createIndex('problem_tickets_ticket_idx').on('problem_tickets').column('ticket_id').execute();

  // Metrics select solved tickets by when they were solved.
  await db.schema
    .createIndex('tickets_solved_at_idx')
    .on('tickets')
    .column('solved_at')
    .where(sql.ref('solved_at'), 'is not', null)
    .execute();
  // FCR looks for the requester's next ticket within 7 days; without this index the planner ANDs
  // the requester index with a week of the created_at index for every solved ticket.
  await db.schema.createIndex('tickets_requester_created_idx').on('tickets').columns(['requester_id', 'created_at']).execute();
  // FCR and root-cause cost read a ticket's calls.
  await db.schema.createIndex('calls_ticket_idx').ifNotExists().on('calls').column('ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('calls_ticket_idx').ifExists().execute();
  await db.schema.dropIndex('tickets_requester_created_idx').ifExists().execute();
  await db.schema.dropIndex('tickets_solved_at_idx').ifExists().execute();
  await db.schema.dropTable('problem_tickets').ifExists().execute();
  await db.schema.dropTable('problems').ifExists().execute();
}

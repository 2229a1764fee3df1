import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Manual changes to the volume forecast: campaigns, outages, events.
  await db.schema
    .createTable('wfm_volume_adjustments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('channel', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('multiply', 'add', 'set')`))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('wfm_volume_adjustments_period', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('wfm_volume_adjustments_period_idx').on('wfm_volume_adjustments').columns(['starts_at', 'ends_at']).execute();

  // What the scheduler needs to know of an agent beyond the user record: contract and availability.
  await db.schema
    .createTable('wfm_agent_profiles')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('max_days_per_week', 'smallint', (c) => c.notNull().defaultTo(5))
    .addColumn('min_hours_per_week', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('max_hours_per_week', 'double precision', (c) => c.notNull().defaultTo(40))
    .addColumn('cost_per_hour_cents', 'integer', (c) => c.notNull().defaultTo(2500))
    .addColumn('availability', 'jsonb')
    .addColumn('channels', 'jsonb')
    .addColumn('templates', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wfm_time_off')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('requested').check(sql`status in ('requested', 'approved', 'rejected', 'cancelled')`),
    )
    .addColumn('decided_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('wfm_time_off_period', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('wfm_time_off_user_idx').on('wfm_time_off').columns(['user_id', 'starts_at']).execute();

  await db.schema
    .createTable('wfm_schedules')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('solver', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('coverage', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('wfm_shifts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('schedule_id', 'bigint', (c) => c.notNull().references('wfm_schedules.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lunch_starts_at', 'timestamptz')
    .addColumn('lunch_ends_at', 'timestamptz')
    .addColumn('paid_hours', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wfm_shifts_schedule_idx').on('wfm_shifts').columns(['schedule_id', 'starts_at']).execute();
  await db.schema.createIndex('wfm_shifts_user_idx').on('wfm_shifts').columns(['user_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['wfm_shifts', 'wfm_schedules', 'wfm_time_off', 'wfm_agent_profiles', 'wfm_volume_adjustments']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// pg-boss keeps its own schema (`pgboss`), installed and upgraded by pg-boss itself when the job queue opens.

export async function up(db: Kysely<any>): Promise<void> {
  // Triggers: conditions → actions, evaluated in order on every ticket change.
  await db.schema
    .createTable('automation_triggers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('conditions', 'jsonb', (c) => c.notNull())
    .addColumn('actions', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index automation_triggers_name_key on automation_triggers (lower(name))`.execute(db);
  await db.schema.createIndex('automation_triggers_position_idx').on('automation_triggers').columns(['position', 'id']).execute();

  // Time-based automations: a time condition ("pending for 72 business hours") plus ticket conditions.
  await db.schema
    .createTable('automations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('time_condition', 'jsonb', (c) => c.notNull())
    .addColumn('conditions', 'jsonb', (c) => c.notNull())
    .addColumn('actions', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index automations_name_key on automations (lower(name))`.execute(db);

  // One row per automation, ticket and occurrence of the time condition (its anchor instant): the
  // primary key is what makes an automation run exactly once, however many workers scan.
  await db.schema
    .createTable('automation_runs')
    .addColumn('automation_id', 'bigint', (c) => c.notNull().references('automations.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('anchor', 'timestamptz', (c) => c.notNull())
    .addColumn('ran_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_runs_pkey', ['automation_id', 'ticket_id', 'anchor'])
    .execute();
  await db.schema.createIndex('automation_runs_ticket_idx').on('automation_runs').columns(['ticket_id']).execute();

  // Macros: named actions and a templated reply an agent applies in one step.
  await db.schema
    .createTable('macros')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('actions', 'jsonb', (c) => c.notNull())
    .addColumn('reply_body', 'text')
    .addColumn('reply_public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('usage_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index macros_name_key on macros (lower(name))`.execute(db);

  // Outbound webhooks: subscriptions per event type, each delivery and each attempt logged.
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disable_after_failures', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index webhook_subscriptions_name_key on webhook_subscriptions (lower(name))`.execute(db);

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'succeeded', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('webhook_deliveries_subscription_idx').on('webhook_deliveries').columns(['subscription_id', 'id']).execute();

  await db.schema
    .createTable('webhook_delivery_attempts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('delivery_id', 'bigint', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_delivery_attempts_delivery_idx')
    .on('webhook_delivery_attempts')
    .columns(['delivery_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'webhook_delivery_attempts',
    'webhook_deliveries',
    'webhook_subscriptions',
    'macros',
    'automation_runs',
    'automations',
    'automation_triggers',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

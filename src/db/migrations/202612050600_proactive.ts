import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** Segments, outbound campaigns and call lists, returns and warranty claims, vendors. */
export async function up(db: Kysely<any>): Promise<void> {
  // Account standing imported or set through the API: the open balance and a risk score (0–100).
  await db.schema
    .createTable('customer_accounts')
    .addColumn('customer_id', 'bigint', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('open_balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('do_not_contact')
    .addColumn('customer_id', 'bigint', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'bigint', (c) => c.references('segments.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('window_start_hour', 'integer', (c) => c.notNull().defaultTo(9))
    .addColumn('window_end_hour', 'integer', (c) => c.notNull().defaultTo(18))
    .addColumn('weekdays_only', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('max_contacts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cap_days', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('problem_id', 'bigint', (c) => c.references('problems.id'))
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('call_list_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('assigned_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('callback_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_outcome', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('call_list_entries_campaign_customer', ['campaign_id', 'customer_id'])
    .execute();
  await db.schema.createIndex('call_list_entries_work').on('call_list_entries').columns(['campaign_id', 'status', 'position']).execute();

  // Every outbound contact: the customer's timeline of attempts, outcomes and call-backs.
  await db.schema
    .createTable('contact_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'bigint', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('contact_value', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('callback_at', 'timestamptz')
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_attempts_customer').on('contact_attempts').columns(['customer_id', 'created_at']).execute();

  await db.schema
    .createTable('return_claims')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('order_reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('item', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('serial_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('purchase_date', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photos', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rejection_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('tracking_number', 'text')
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('return_claims_customer').on('return_claims').column('customer_id').execute();

  await db.schema
    .createTable('return_claim_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'bigint', (c) => c.notNull().references('return_claims.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vendors')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('service_level_target', 'real', (c) => c.notNull().defaultTo(0.8))
    .addColumn('service_level_seconds', 'integer', (c) => c.notNull().defaultTo(3600))
    .addColumn('price_per_agent_hour_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vendor_groups')
    .addColumn('vendor_id', 'bigint', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('vendor_groups_pk', ['vendor_id', 'group_id'])
    .execute();
  await db.schema
    .createTable('vendor_agents')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('vendor_id', 'bigint', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'vendor_agents',
    'vendor_groups',
    'vendors',
    'return_claim_events',
    'return_claims',
    'contact_attempts',
    'call_list_entries',
    'campaigns',
    'do_not_contact',
    'segments',
    'customer_accounts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

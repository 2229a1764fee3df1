import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Each agent's current state (one row per agent), and when they last received work (for longest-idle).
  await db.schema
    .createTable('agent_states')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('online', 'away', 'offline', 'on_call', 'wrap_up')`))
    .addColumn('channel', 'text')
    .addColumn('reason', 'text')
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('last_assigned_at', 'timestamptz')
    .execute();

  // Every state change, append-only: occupancy and schedule adherence are computed from it.
  await db.schema
    .createTable('agent_state_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('online', 'away', 'offline', 'on_call', 'wrap_up')`))
    .addColumn('channel', 'text')
    .addColumn('reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('agent', 'manager', 'event', 'system')`))
    .addColumn('actor_user_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_state_changes_user_idx').on('agent_state_changes').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('agent_state_changes_created_idx').on('agent_state_changes').columns(['created_at', 'id']).execute();

  // Capacity per channel for one agent or for a group's members; the settings hold the default.
  await db.schema
    .createTable('routing_capacities')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('voice', 'chat', 'email')`))
    .addColumn('capacity', 'smallint', (c) => c.notNull().check(sql`capacity between 0 and 100`))
    .addCheckConstraint('routing_capacities_one_owner', sql`(user_id is null) <> (group_id is null)`)
    .execute();
  await sql`create unique index routing_capacities_user_key on routing_capacities (user_id, channel) where user_id is not null`.execute(db);
  await sql`create unique index routing_capacities_group_key on routing_capacities (group_id, channel) where group_id is not null`.execute(
    db,
  );

  // Push-mode offers: the item is reserved for the agent until they accept, decline or the offer times out.
  await db.schema
    .createTable('routing_offers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('offered', 'accepted', 'declined', 'timed_out', 'cancelled')`))
    .addColumn('reason', 'text')
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .execute();
  await sql`create unique index routing_offers_open_key on routing_offers (ticket_id) where status = 'offered'`.execute(db);
  await sql`create index routing_offers_open_expiry_idx on routing_offers (expires_at) where status = 'offered'`.execute(db);
  await db.schema.createIndex('routing_offers_user_idx').on('routing_offers').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('routing_offers_ticket_idx').on('routing_offers').columns(['ticket_id', 'id']).execute();

  // The escalation matrix: category × priority (× from tier) → target tier and group, and who is told.
  await db.schema
    .createTable('escalation_rules')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id').onDelete('cascade'))
    .addColumn('priority', 'text', (c) => c.check(sql`priority in ('p1', 'p2', 'p3', 'p4')`))
    .addColumn('from_tier', 'smallint', (c) => c.check(sql`from_tier between 1 and 3`))
    .addColumn('to_tier', 'smallint', (c) => c.notNull().check(sql`to_tier between 1 and 3`))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('notify_user_ids', sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('on_breach', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Recorded revenue: lifetime value can be computed from it (or set by an admin, or imported).
  await db.schema
    .createTable('customer_revenue')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('organization_id', 'bigint', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('reference', 'text')
    .addColumn('created_by_user_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('customer_revenue_owner', sql`customer_id is not null or organization_id is not null`)
    .execute();
  await db.schema.createIndex('customer_revenue_customer_idx').on('customer_revenue').column('customer_id').execute();
  await db.schema.createIndex('customer_revenue_organization_idx').on('customer_revenue').column('organization_id').execute();

  // The routing queue reads unassigned, unsolved tickets; the load reads each agent's open work.
  await sql`create index tickets_routing_queue_idx on tickets (created_at, id) where assignee_id is null and status in ('new', 'open')`.execute(
    db,
  );
  await sql`create index tickets_agent_load_idx on tickets (assignee_id, channel) where status in ('new', 'open')`.execute(db);
  await db.schema.createIndex('organizations_account_owner_idx').on('organizations').column('account_owner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists organizations_account_owner_idx`.execute(db);
  await sql`drop index if exists tickets_agent_load_idx`.execute(db);
  await sql`drop index if exists tickets_routing_queue_idx`.execute(db);
  for (const table of [
    'customer_revenue',
    'escalation_rules',
    'routing_offers',
    'routing_capacities',
    'agent_state_changes',
    'agent_states',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

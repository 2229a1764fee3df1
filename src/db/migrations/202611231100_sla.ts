import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('business_hours_calendars')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekly', 'jsonb', (c) => c.notNull())
    .addColumn('holidays', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('exceptions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index business_hours_calendars_name_key on business_hours_calendars (lower(name))`.execute(db);

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('calendar_id', 'bigint', (c) => c.notNull().references('business_hours_calendars.id').onDelete('restrict'))
    .addColumn('conditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('targets', 'jsonb', (c) => c.notNull())
    .addColumn('pause_statuses', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{pending,on_hold}'`))
    .addColumn('on_reopen', 'text', (c) => c.notNull().defaultTo('resume').check(sql`on_reopen in ('resume', 'restart')`))
    .addColumn('warning_thresholds', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{75}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index sla_policies_name_key on sla_policies (lower(name))`.execute(db);
  await db.schema.createIndex('sla_policies_position_idx').on('sla_policies').columns(['position', 'id']).execute();

  // The computed state of each ticket's clocks, one row per ticket and target; re-derived from ticket_events.
  await db.schema
    .createTable('sla_clocks')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('first_response', 'next_reply', 'periodic_update', 'resolution')`))
    .addColumn('policy_id', 'bigint', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'paused', 'met', 'met_late', 'breached', 'cancelled')`))
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .addColumn('business_hours', 'boolean', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('breached_at', 'timestamptz')
    .addColumn('met_at', 'timestamptz')
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('paused_ms', 'bigint', (c) => c.notNull())
    .addColumn('elapsed_ms', 'bigint', (c) => c.notNull())
    .addColumn('remaining_ms', 'bigint', (c) => c.notNull())
    .addColumn('warning_ats', sql`timestamptz[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('warnings_sent', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('next_warning_at', 'timestamptz')
    .addColumn('breach_notified_at', 'timestamptz')
    .addColumn('cycles_met', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cycles_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_clocks_pkey', ['ticket_id', 'target'])
    .execute();
  // "At risk" lists and breach detection read live deadlines only.
  await sql`create index sla_clocks_due_idx on sla_clocks (due_at) where due_at is not null`.execute(db);
  await sql`create index sla_clocks_unnotified_due_idx on sla_clocks (due_at) where due_at is not null and breach_notified_at is null`.execute(
    db,
  );
  await sql`create index sla_clocks_warning_idx on sla_clocks (next_warning_at) where next_warning_at is not null`.execute(db);

  // Seeded defaults (the seeds' service levels); admins change them.
  const now = sql`now()`;
  const allDay = Object.fromEntries(weekdays.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
  const office = Object.fromEntries(weekdays.slice(0, 5).map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  const always: { id: number } = await db
    .insertInto('business_hours_calendars')
    .values({
      name: '24/7',
      description: 'Open around the clock.',
      time_zone: 'UTC',
      weekly: JSON.stringify(allDay),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const business: { id: number } = await db
    .insertInto('business_hours_calendars')
    .values({
      name: 'Business hours',
      description: 'Monday to Friday, 09:00–17:00 UTC.',
      time_zone: 'UTC',
      weekly: JSON.stringify(office),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const resolution = [
    { target: 'resolution', priority: 'p1', minutes: 4 * 60, business_hours: false },
    { target: 'resolution', priority: 'p2', minutes: 8 * 60, business_hours: true },
    { target: 'resolution', priority: 'p3', minutes: 3 * 8 * 60, business_hours: true },
    { target: 'resolution', priority: 'p4', minutes: 5 * 8 * 60, business_hours: true },
  ];
  const p1Updates = [
    { target: 'periodic_update', priority: 'p1', minutes: 60, business_hours: false },
    { target: 'next_reply', priority: 'p1', minutes: 60, business_hours: false },
  ];
  const policies = [
    {
      name: 'Live chat',
      description: 'Chats are answered within 2 minutes.',
      calendar: business,
      conditions: { channels: ['chat'] },
      targets: [
        { target: 'first_response', priority: null, minutes: 2, business_hours: false },
        { target: 'next_reply', priority: null, minutes: 2, business_hours: false },
        { target: 'periodic_update', priority: 'p1', minutes: 60, business_hours: false },
        ...resolution,
      ],
    },
    {
      name: 'P1 — system down',
      description: 'First response within 1 hour, an update every hour, resolved within 4 hours, around the clock.',
      calendar: always,
      conditions: { priorities: ['p1'] },
      targets: [{ target: 'first_response', priority: null, minutes: 60, business_hours: false }, ...p1Updates, ...resolution],
    },
    {
      name: 'Messaging and social',
      description: 'Messages are answered within 60 minutes.',
      calendar: business,
      conditions: { channels: ['messaging', 'social'] },
      targets: [
        { target: 'first_response', priority: null, minutes: 60, business_hours: false },
        { target: 'next_reply', priority: null, minutes: 60, business_hours: false },
        ...resolution,
      ],
    },
    {
      name: 'Email, web and API',
      description: 'Emails and web requests are answered within 24 hours.',
      calendar: business,
      conditions: { channels: ['email', 'web', 'portal', 'api'] },
      targets: [
        { target: 'first_response', priority: null, minutes: 24 * 60, business_hours: false },
        { target: 'next_reply', priority: null, minutes: 24 * 60, business_hours: false },
        ...resolution,
      ],
    },
    {
      name: 'Standard',
      description: 'Every other ticket (voice follow-ups, anything new).',
      calendar: business,
      conditions: {},
      targets: [
        { target: 'first_response', priority: null, minutes: 24 * 60, business_hours: false },
        { target: 'next_reply', priority: null, minutes: 24 * 60, business_hours: false },
        ...resolution,
      ],
    },
  ];
  for (const [position, policy] of policies.entries()) {
    await db
      .insertInto('sla_policies')
      .values({
        name: policy.name,
        description: policy.description,
        position,
        calendar_id: policy.calendar.id,
        conditions: JSON.stringify(policy.conditions),
        targets: JSON.stringify(policy.targets),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sla_clocks').ifExists().execute();
  await db.schema.dropTable('sla_policies').ifExists().execute();
  await db.schema.dropTable('business_hours_calendars').ifExists().execute();
}

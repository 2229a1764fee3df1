import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** Intake intelligence: trained categorisation models, per-ticket predictions and the settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_models')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('trained_at', 'timestamptz', (c) => c.notNull())
    .addColumn('trained_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('examples', 'integer', (c) => c.notNull())
    .addColumn('categories', 'integer', (c) => c.notNull())
    .addColumn('accuracy', 'double precision')
    .addColumn('training_ms', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('model', 'bytea', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_intake')
    .addColumn('ticket_id', 'bigint', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('model_id', 'bigint', (c) => c.references('intake_models.id').onDelete('set null'))
    .addColumn('predicted_category_id', 'bigint', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('predicted_confidence', 'double precision')
    .addColumn('applied', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('predicted_priority', 'text')
    .addColumn('language', 'text')
    .addColumn('sentiment', 'double precision')
    .addColumn('duplicate_of_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('problem_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_intake_category_idx').on('ticket_intake').columns(['predicted_category_id', 'created_at']).execute();

  await db.schema
    .createTable('intake_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('apply_threshold', 'double precision', (c) => c.notNull().defaultTo(0.8))
    .addColumn('suggest_threshold', 'double precision', (c) => c.notNull().defaultTo(0.2))
    .addColumn('duplicate_similarity', 'double precision', (c) => c.notNull().defaultTo(0.6))
    .addColumn('spike_customers', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('spike_window_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('intake_settings').values({ id: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_settings').execute();
  await db.schema.dropTable('ticket_intake').execute();
  await db.schema.dropTable('intake_models').execute();
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Sign-in security: two-factor (TOTP) and lockout state per user, the second step of a sign-in,
// the security policy (one row), single sign-on state, and the last request of each web session
// (idle expiry). Stored credentials written before this release are sealed at start-up by the
// application (it holds the key; see docs/security.md), not here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_security')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('recovery_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('security_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('require_2fa_for_admins', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('oidc', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('security_settings').values({ id: 1 }).execute();

  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  await db.schema.dropTable('security_settings').execute();
  await db.schema.dropTable('sign_in_challenges').execute();
  await db.schema.dropTable('user_security').execute();
}

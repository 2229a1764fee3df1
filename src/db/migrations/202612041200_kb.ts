import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Categories (parent_id null) and their sections (parent_id set).
  await db.schema
    .createTable('kb_categories')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('parent_id', 'bigint', (c) => c.references('kb_categories.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index kb_categories_slug_key on kb_categories (lower(slug))`.execute(db);

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('category_id', 'bigint', (c) => c.references('kb_categories.id').onDelete('set null'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal', 'draft')`))
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('owner_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('review_due_at', 'timestamptz')
    .addColumn('outdated_at', 'timestamptz')
    .addColumn('outdated_reason', 'text')
    .addColumn('outdated_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unhelpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_articles_category_idx').on('kb_articles').column('category_id').execute();
  await sql`create index kb_articles_review_idx on kb_articles (review_due_at) where review_due_at is not null`.execute(db);

  // One row per article and locale: the current text, its rendering and its search vector.
  await db.schema
    .createTable('kb_article_translations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('ts_config', 'text', (c) => c.notNull())
    .addColumn('search_vector', sql`tsvector`, (c) => c.notNull())
    .addColumn('updated_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('kb_article_translations_article_locale_key', ['article_id', 'locale'])
    .execute();
  await sql`create index kb_article_translations_search_idx on kb_article_translations using gin (search_vector)`.execute(db);
  await sql`create index kb_article_translations_title_trgm_idx on kb_article_translations using gin (lower(title) gin_trgm_ops)`.execute(
    db,
  );

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('kb_article_versions_key', ['article_id', 'locale', 'version'])
    .execute();

  await db.schema
    .createTable('kb_related_articles')
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('related_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_related_articles_pkey', ['article_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('kb_feedback')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('helpful', 'boolean', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('visitor_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_feedback_article_idx').on('kb_feedback').columns(['article_id', 'created_at']).execute();

  await db.schema
    .createTable('kb_attachments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The words of every article, for typo tolerance: a query word is matched to its nearest terms by trigrams.
  await db.schema
    .createTable('kb_terms')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .execute();
  await sql`create index kb_terms_trgm_idx on kb_terms using gin (term gin_trgm_ops)`.execute(db);

  // Document frequency of each lexeme per text-search configuration: the IDF that ranks rare words above common ones.
  await db.schema
    .createTable('kb_lexemes')
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('lexeme', 'text', (c) => c.notNull())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_lexemes_pkey', ['config', 'lexeme'])
    .execute();

  // A visitor's self-service visit: what they were shown and read, and whether a ticket followed.
  await db.schema
    .createTable('kb_help_sessions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('visitor_key', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('last_query', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('suggested_article_ids', sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('viewed_article_ids', sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('kb_help_sessions_seen_idx').on('kb_help_sessions').column('last_seen_at').execute();

  await db.schema
    .createTable('kb_solved_with')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_solved_with_pkey', ['ticket_id', 'article_id'])
    .execute();
  await db.schema.createIndex('kb_solved_with_article_idx').on('kb_solved_with').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'kb_solved_with',
    'kb_help_sessions',
    'kb_terms',
    'kb_lexemes',
    'kb_attachments',
    'kb_feedback',
    'kb_related_articles',
    'kb_article_versions',
    'kb_article_translations',
    'kb_articles',
    'kb_categories',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

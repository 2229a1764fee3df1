import { type Kysely, sql } from 'kysely';
import type { Database, KbVisibility } from '../../db/schema.ts';
import { plainText, renderMarkdown, searchConfigFor, wordsOf } from './kb-text.ts';

type Db = Kysely<Database>;

// ── Categories ─────────────────────────────────────────────────────────────

export async function findCategoryByRef(db: Db, ref: number | string) {
  const query = db.selectFrom('kb_categories').selectAll();
  return typeof ref === 'number'
    ? query.where('id', '=', ref).executeTakeFirst()
    : query.where(sql<string>`lower(slug)`, '=', ref.toLowerCase()).executeTakeFirst();
}

export async function listCategories(db: Db, visible: readonly KbVisibility[]) {
  return db
    .selectFrom('kb_categories as c')
    .select([
      'c.id',
      'c.name',
      'c.slug',
      'c.description',
      'c.parent_id',
      'c.position',
      (eb) =>
        eb
          .selectFrom('kb_articles as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.category_id', '=', 'c.id')
          .where('a.visibility', 'in', visible)
          .as('article_count'),
    ])
    .orderBy('c.parent_id', (ob) => ob.nullsFirst())
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
}

// ── Articles and translations ──────────────────────────────────────────────

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

export async function findArticle(db: Db, id: number) {
  return db
    .selectFrom('kb_articles as a')
    .leftJoin('users as o', 'o.id', 'a.owner_user_id')
    .leftJoin('kb_categories as c', 'c.id', 'a.category_id')
    .selectAll('a')
    .select(['o.name as owner_name', 'c.name as category_name', 'c.slug as category_slug', 'c.parent_id as category_parent_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function lockArticle(db: Db, id: number) {
  return db.selectFrom('kb_articles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function translationsOf(db: Db, articleId: number) {
  return db
    .selectFrom('kb_article_translations')
    .select(['id', 'locale', 'title', 'slug', 'body', 'body_html', 'version', 'updated_at'])
    .where('article_id', '=', articleId)
    .orderBy('locale')
    .execute();
}

export interface TranslationWrite {
  articleId: number;
  locale: string;
  title: string;
  body: string;
  version: number;
  tags: string[];
  userId: number | null;
  now: Date;
}

const tagText = (tags: string[]) => tags.map((t) => t.replace(/[-_:./]+/g, ' ')).join(' ');

/** The weighted search vector: title A, tags B, body C, in the locale's own stemming. */
function searchVector(config: string, title: string, tags: string[], bodyText: string) {
  return sql`setweight(to_tsvector(${config}::regconfig, ${title}), 'A') || setweight(to_tsvector(${config}::regconfig, ${tagText(tags)}), 'B') || setweight(to_tsvector(${config}::regconfig, ${bodyText}), 'C')`;
}

/** Writes a translation's text, rendering and search vector in the caller's transaction: searchable on commit. */
export async function upsertTranslation(db: Db, write: TranslationWrite, slug: string): Promise<void> {
  const bodyHtml = renderMarkdown(write.body);
  const bodyText = plainText(bodyHtml);
  const config = searchConfigFor(write.locale);
  const before = await vectorLexemes(db, write.articleId, write.locale);
  await db
    .insertInto('kb_article_translations')
    .values({
      article_id: write.articleId,
      locale: write.locale,
      title: write.title,
      slug,
      body: write.body,
      body_html: bodyHtml,
      body_text: bodyText,
      version: write.version,
      ts_config: config,
      search_vector: searchVector(config, write.title, write.tags, bodyText),
      updated_by_user_id: write.userId,
      created_at: write.now,
      updated_at: write.now,
    })
    .onConflict((oc) =>
      oc.columns(['article_id', 'locale']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        slug: eb.ref('excluded.slug'),
        body: eb.ref('excluded.body'),
        body_html: eb.ref('excluded.body_html'),
        body_text: eb.ref('excluded.body_text'),
        version: eb.ref('excluded.version'),
        ts_config: eb.ref('excluded.ts_config'),
        search_vector: eb.ref('excluded.search_vector'),
        updated_by_user_id: eb.ref('excluded.updated_by_user_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await countLexemes(db, before, await vectorLexemes(db, write.articleId, write.locale));
  await addTerms(db, [...wordsOf(write.title), ...wordsOf(tagText(write.tags)), ...wordsOf(bodyText)]);
}

type Lexemes = { ts_config: string; lexemes: string[] }[];

async function vectorLexemes(db: Db, articleId: number, locale?: string): Promise<Lexemes> {
  let query = db
    .selectFrom('kb_article_translations')
    .select(['ts_config', sql<string[]>`tsvector_to_array(search_vector)`.as('lexemes')])
    .where('article_id', '=', articleId);
  if (locale !== undefined) query = query.where('locale', '=', locale);
  // The empty lexeme (never in a vector) counts the translations of each configuration.
  return (await query.execute()).map((row) => ({ ts_config: row.ts_config, lexemes: [...row.lexemes, ''] }));
}

/** Keeps kb_lexemes' document frequencies in step with the vectors: +1 for each lexeme gained, -1 for each lost. */
async function countLexemes(db: Db, before: Lexemes, after: Lexemes): Promise<void> {
  const delta = new Map<string, Map<string, number>>();
  const add = (rows: Lexemes, sign: number) => {
    for (const row of rows) {
      const byConfig = delta.get(row.ts_config) ?? new Map<string, number>();
      delta.set(row.ts_config, byConfig);
      for (const lexeme of row.lexemes) byConfig.set(lexeme, (byConfig.get(lexeme) ?? 0) + sign);
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [config, byConfig] of delta) {
    const gained = [...byConfig].filter(([, d]) => d > 0).map(([l]) => l);
    const lost = [...byConfig].filter(([, d]) => d < 0).map(([l]) => l);
    if (gained.length)
      await sql`insert into kb_lexemes (config, lexeme, df) select ${config}, l, 1 from unnest(${gained}::text[]) l
        on conflict (config, lexeme) do update set df = kb_lexemes.df + 1`.execute(db);
    if (lost.length)
      await sql`update kb_lexemes set df = greatest(df - 1, 0) where config = ${config} and lexeme = any(${lost}::text[])`.execute(db);
  }
}

/** Before a translation (or a whole article) is deleted: its lexemes no longer count. */
export async function forgetLexemes(db: Db, articleId: number, locale?: string): Promise<void> {
  await countLexemes(db, await vectorLexemes(db, articleId, locale), []);
}

/** After a change of tags every translation's vector changes too. */
export async function refreshSearchVectors(db: Db, articleId: number, tags: string[]): Promise<void> {
  const before = await vectorLexemes(db, articleId);
  await db
    .updateTable('kb_article_translations')
    .set({
      search_vector: sql`setweight(to_tsvector(ts_config::regconfig, title), 'A') || setweight(to_tsvector(ts_config::regconfig, ${tagText(tags)}), 'B') || setweight(to_tsvector(ts_config::regconfig, body_text), 'C')`,
    })
    .where('article_id', '=', articleId)
    .execute();
  await countLexemes(db, before, await vectorLexemes(db, articleId));
  await addTerms(db, wordsOf(tagText(tags)));
}

/** Remembers the words of the knowledge base, for typo tolerance. */
export async function addTerms(db: Db, words: string[]): Promise<void> {
  const terms = [...new Set(words.filter((w) => w.length >= 3 && w.length <= 30 && !/^\d+$/.test(w)))];
  if (!terms.length) return;
  await sql`insert into kb_terms (term) select unnest(${terms}::text[]) on conflict do nothing`.execute(db);
}

export async function insertVersion(
  db: Db,
  v: { articleId: number; locale: string; version: number; title: string; body: string; note: string; userId: number | null; now: Date },
) {
  await db
    .insertInto('kb_article_versions')
    .values({
      article_id: v.articleId,
      locale: v.locale,
      version: v.version,
      title: v.title,
      body: v.body,
      note: v.note,
      author_user_id: v.userId,
      created_at: v.now,
    })
    .execute();
}

export async function listVersions(db: Db, articleId: number, locale: string) {
  return db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_user_id')
    .select(['v.version', 'v.locale', 'v.title', 'v.body', 'v.note', 'v.author_user_id', 'u.name as author_name', 'v.created_at'])
    .where('v.article_id', '=', articleId)
    .where('v.locale', '=', locale)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function setRelated(db: Db, articleId: number, relatedIds: number[]): Promise<void> {
  await db.deleteFrom('kb_related_articles').where('article_id', '=', articleId).execute();
  const ids = [...new Set(relatedIds)].filter((id) => id !== articleId);
  if (ids.length)
    await db
      .insertInto('kb_related_articles')
      .values(ids.map((related_id, position) => ({ article_id: articleId, related_id, position })))
      .execute();
}

/** Related articles the reader may see: the chosen ones, else the most-read of the same category. */
export async function relatedOf(db: Db, article: { id: number; category_id: number | null }, visible: readonly KbVisibility[]) {
  const chosen = await db
    .selectFrom('kb_related_articles as r')
    .innerJoin('kb_articles as a', 'a.id', 'r.related_id')
    .select(['a.id', 'a.default_locale'])
    .where('r.article_id', '=', article.id)
    .where('a.visibility', 'in', visible)
    .orderBy('r.position')
    .execute();
  if (chosen.length || article.category_id === null) return chosen;
  return db
    .selectFrom('kb_articles as a')
    .select(['a.id', 'a.default_locale'])
    .where('a.category_id', '=', article.category_id)
    .where('a.id', '!=', article.id)
    .where('a.visibility', 'in', visible)
    .orderBy('a.view_count', 'desc')
    .orderBy('a.id')
    .limit(3)
    .execute();
}

/** Titles and slugs of many articles in a locale, falling back to each article's default locale. */
export async function titlesOf(db: Db, ids: number[], locale: string) {
  if (!ids.length) return new Map<number, { title: string; slug: string }>();
  const rows = await db
    .selectFrom('kb_article_translations as t')
    .innerJoin('kb_articles as a', 'a.id', 't.article_id')
    .select(['t.article_id', 't.locale', 't.title', 't.slug', 'a.default_locale'])
    .where('t.article_id', 'in', ids)
    .where((eb) => eb.or([eb('t.locale', '=', locale), eb('t.locale', '=', eb.ref('a.default_locale'))]))
    .execute();
  const map = new Map<number, { title: string; slug: string }>();
  for (const row of rows)
    if (row.locale === locale || !map.has(row.article_id)) map.set(row.article_id, { title: row.title, slug: row.slug });
  return map;
}

export async function attachmentsOf(db: Db, articleId: number) {
  return db
    .selectFrom('kb_attachments')
    .select(['id', 'filename', 'content_type', 'size_bytes'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

export interface ListFilter {
  visible: readonly KbVisibility[];
  locale: string;
  categoryIds?: number[] | undefined;
  visibility?: KbVisibility | undefined;
  outdatedAt?: Date | undefined;
  notOutdatedAt?: Date | undefined;
  ownerId?: number | undefined;
  tag?: string | undefined;
  after?: { updatedAt: string; id: number } | undefined;
  limit: number;
}

export async function listArticles(db: Db, f: ListFilter) {
  let query = db
    .selectFrom('kb_articles as a')
    .leftJoin('users as o', 'o.id', 'a.owner_user_id')
    .innerJoin('kb_article_translations as t', (join) =>
      join
        .onRef('t.article_id', '=', 'a.id')
        .on((eb) =>
          eb.or([
            eb('t.locale', '=', f.locale),
            eb.and([
              eb('t.locale', '=', eb.ref('a.default_locale')),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('kb_article_translations as t2')
                    .select('t2.id')
                    .whereRef('t2.article_id', '=', 'a.id')
                    .where('t2.locale', '=', f.locale),
                ),
              ),
            ]),
          ]),
        ),
    )
    .select([
      'a.id',
      'a.visibility',
      'a.category_id',
      'a.tags',
      'a.owner_user_id',
      'o.name as owner_name',
      'a.review_due_at',
      'a.outdated_at',
      'a.view_count',
      'a.helpful_count',
      'a.unhelpful_count',
      'a.updated_at',
      't.title',
      't.slug',
      't.locale',
      't.version',
      (eb) =>
        eb
          .selectFrom('kb_article_translations as t3')
          .select(sql<string[]>`array_agg(t3.locale order by t3.locale)`.as('l'))
          .whereRef('t3.article_id', '=', 'a.id')
          .as('locales'),
    ])
    .where('a.visibility', 'in', f.visible);
  if (f.categoryIds) query = query.where('a.category_id', 'in', f.categoryIds.length ? f.categoryIds : [0]);
  if (f.visibility) query = query.where('a.visibility', '=', f.visibility);
  if (f.ownerId !== undefined) query = query.where('a.owner_user_id', '=', f.ownerId);
  if (f.tag !== undefined) query = query.where(sql<boolean>`${f.tag.toLowerCase()} = any(a.tags)`);
  if (f.outdatedAt)
    query = query.where((eb) => eb.or([eb('a.outdated_at', 'is not', null), eb('a.review_due_at', '<=', f.outdatedAt as Date)]));
  if (f.notOutdatedAt)
    query = query
      .where('a.outdated_at', 'is', null)
      .where((eb) => eb.or([eb('a.review_due_at', 'is', null), eb('a.review_due_at', '>', f.notOutdatedAt as Date)]));
  if (f.after) {
    const { updatedAt, id } = f.after;
    query = query.where((eb) =>
      eb.or([eb('a.updated_at', '<', new Date(updatedAt)), eb.and([eb('a.updated_at', '=', new Date(updatedAt)), eb('a.id', '<', id)])]),
    );
  }
  return query
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

// ── Feedback ───────────────────────────────────────────────────────────────

export async function listFeedback(db: Db, articleId: number, limit: number, beforeId?: number) {
  let query = db
    .selectFrom('kb_feedback as f')
    .leftJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.helpful', 'f.comment', 'f.locale', 'f.user_id', 'u.name as user_name', 'f.created_at'])
    .where('f.article_id', '=', articleId);
  if (beforeId !== undefined) query = query.where('f.id', '<', beforeId);
  return query
    .orderBy('f.id', 'desc')
    .limit(limit + 1)
    .execute();
}

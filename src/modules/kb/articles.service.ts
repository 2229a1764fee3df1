import { diffLines } from 'diff';
import { sql } from 'kysely';
import { diffFields, recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { baseLocale, slugify } from './kb-text.ts';
import { assertOpenable, openable, type Reader, readsInternal } from './kb.policy.ts';
import { presentArticle } from './kb.presenter.ts';
import * as repo from './kb.repository.ts';
import type { ArticleView, CreateArticleInput, UpdateArticleInput } from './kb.schemas.ts';

type Db = Context['db'];

async function resolveCategory(db: Db, ref: number | string | null | undefined): Promise<number | null | undefined> {
  if (ref === undefined || ref === null) return ref;
  const category = await repo.findCategoryByRef(db, ref);
  if (!category)
    throw validationError(`category: no knowledge-base category ${String(ref)}`, [{ path: 'category', message: 'unknown category' }]);
  return category.id;
}

async function checkOwner(db: Db, ownerId: number | null | undefined): Promise<void> {
  if (ownerId === undefined || ownerId === null) return;
  const owner = await db.selectFrom('users').select(['id', 'role']).where('id', '=', ownerId).executeTakeFirst();
  if (!owner || owner.role === 'customer')
    throw validationError('owner_id: the owner must be an agent', [{ path: 'owner_id', message: 'not an agent' }]);
}

async function checkRelated(db: Db, ids: number[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await db.selectFrom('kb_articles').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((row) => row.id === id));
  if (missing.length)
    throw validationError(`related_ids: no article ${missing.join(', ')}`, [{ path: 'related_ids', message: 'unknown article' }]);
}

/**
 * Creates an article with its first translation and version 1; it is searchable when this returns.
 * Throws validation_failed.
 */
export async function createArticle(ctx: Context, actor: UserActor, input: CreateArticleInput): Promise<ArticleView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const categoryId = await resolveCategory(trx, input.category);
    await checkOwner(trx, input.owner_id);
    await checkRelated(trx, input.related_ids);
    const tags = [...new Set(input.tags)];
    const article = await trx
      .insertInto('kb_articles')
      .values({
        category_id: categoryId ?? null,
        visibility: input.visibility,
        default_locale: input.locale,
        tags,
        owner_user_id: input.owner_id === undefined ? actor.userId : input.owner_id,
        review_due_at: input.review_due_at ?? null,
        created_by_user_id: actor.userId,
        published_at: input.visibility === 'draft' ? null : now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const write = {
      articleId: article.id,
      locale: input.locale,
      title: input.title,
      body: input.body,
      version: 1,
      tags,
      userId: actor.userId,
      now,
    };
    await repo.upsertTranslation(trx, write, slugify(input.title));
    await repo.insertVersion(trx, { ...write, note: input.version_note ?? 'Created' });
    if (input.related_ids) await repo.setRelated(trx, article.id, input.related_ids);
    await recordAudit(trx, actor, now, {
      action: 'kb_article.created',
      entityType: 'kb_article',
      entityId: article.id,
      after: { title: input.title, locale: input.locale, visibility: input.visibility, category_id: categoryId ?? null, tags },
    });
    return article.id;
  });
  return getArticle(ctx, actor, id, input.locale);
}

/** The translation to serve: the locale asked for, its base language, the article's default, or any. */
export function pickTranslation<T extends { locale: string }>(translations: T[], requested: string, defaultLocale: string): T | undefined {
  return (
    translations.find((t) => t.locale === requested) ??
    translations.find((t) => t.locale === baseLocale(requested)) ??
    translations.find((t) => baseLocale(t.locale) === baseLocale(requested)) ??
    translations.find((t) => t.locale === defaultLocale) ??
    translations[0]
  );
}

/** An article as the reader may see it, in their locale or a fallback. Throws not_found (also for hidden ones). */
export async function getArticle(ctx: Context, reader: Reader, id: number, locale?: string): Promise<ArticleView> {
  const row = assertOpenable(reader, await repo.findArticle(ctx.db, id), id);
  const translations = await repo.translationsOf(ctx.db, id);
  const requested = locale ?? row.default_locale;
  const translation = pickTranslation(translations, requested, row.default_locale);
  if (!translation) throw notFound('not_found', 'Article', id);
  const relatedRows = await repo.relatedOf(
    ctx.db,
    row,
    openable(reader).filter((v) => v !== 'draft'),
  );
  const titles = await repo.titlesOf(
    ctx.db,
    relatedRows.map((r) => r.id),
    translation.locale,
  );
  return presentArticle({
    row,
    translation,
    requestedLocale: requested,
    locales: translations.map((t) => t.locale),
    related: relatedRows.flatMap((r) => {
      const t = titles.get(r.id);
      return t ? [{ id: r.id, ...t }] : [];
    }),
    attachments: await repo.attachmentsOf(ctx.db, id),
    showOwner: readsInternal(reader),
    now: ctx.clock.now(),
  });
}

async function lockedArticle(db: Db, id: number) {
  const row = await repo.lockArticle(db, id);
  if (!row) throw notFound('not_found', 'Article', id);
  return row;
}

/**
 * Changes an article; a new title or body for a locale makes a new version of that translation
 * (or adds the translation). Throws not_found, validation_failed, version_conflict.
 */
export async function updateArticle(ctx: Context, actor: UserActor, id: number, input: UpdateArticleInput): Promise<ArticleView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await lockedArticle(trx, id);
    const categoryId = await resolveCategory(trx, input.category);
    await checkOwner(trx, input.owner_id);
    await checkRelated(trx, input.related_ids);
    const tags = input.tags ? [...new Set(input.tags)] : before.tags;
    const changes = {
      ...(categoryId !== undefined ? { category_id: categoryId } : {}),
      ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
      ...(input.tags !== undefined ? { tags } : {}),
      ...(input.owner_id !== undefined ? { owner_user_id: input.owner_id } : {}),
      ...(input.review_due_at !== undefined ? { review_due_at: input.review_due_at === null ? null : new Date(input.review_due_at) } : {}),
    };
    const textChanged = await writeText(trx, actor, now, before, input, tags);
    const published = input.visibility && input.visibility !== 'draft' && before.published_at === null ? { published_at: now } : {};
    // A new review date or a fresh edit answers an "outdated" flag.
    const reviewed =
      textChanged || input.review_due_at !== undefined ? { outdated_at: null, outdated_reason: null, outdated_by_user_id: null } : {};
    await trx
      .updateTable('kb_articles')
      .set({ ...changes, ...published, ...reviewed, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (input.tags !== undefined && !textChanged) await repo.refreshSearchVectors(trx, id, tags);
    if (input.related_ids) await repo.setRelated(trx, id, input.related_ids);
    const diff = diffFields(before as unknown as Record<string, unknown>, changes);
    if (diff || textChanged)
      await recordAudit(trx, actor, now, {
        action: 'kb_article.updated',
        entityType: 'kb_article',
        entityId: id,
        before: diff?.before,
        after: { ...diff?.after, ...(textChanged ? { text: input.locale ?? before.default_locale } : {}) },
      });
  });
  return getArticle(ctx, actor, id, input.locale);
}

/** Writes the title and body of one translation as a new version; true when the text changed. */
async function writeText(
  trx: Db,
  actor: UserActor,
  now: Date,
  article: { id: number; default_locale: string; tags: string[] },
  input: Pick<UpdateArticleInput, 'title' | 'body' | 'locale' | 'version_note' | 'base_version' | 'tags'>,
  tags: string[],
): Promise<boolean> {
  if (input.title === undefined && input.body === undefined) return false;
  const locale = input.locale ?? article.default_locale;
  const current = (await repo.translationsOf(trx, article.id)).find((t) => t.locale === locale);
  if (!current && (input.title === undefined || input.body === undefined))
    throw validationError(`A new translation (${locale}) needs both title and body.`, [
      { path: input.title === undefined ? 'title' : 'body', message: 'required for a new translation' },
    ]);
  if (current && input.base_version !== undefined && input.base_version !== current.version)
    throw new AppError(
      'version_conflict',
      `The ${locale} text is at version ${current.version}; you edited version ${input.base_version}.`,
      {
        current_version: current.version,
      },
    );
  const title = input.title ?? current?.title ?? '';
  const body = input.body ?? current?.body ?? '';
  if (current && current.title === title && current.body === body) return false;
  const version = (current?.version ?? 0) + 1;
  const write = { articleId: article.id, locale, title, body, version, tags, userId: actor.userId, now };
  await repo.upsertTranslation(trx, write, slugify(title));
  await repo.insertVersion(trx, { ...write, note: input.version_note ?? (current ? '' : 'Translation added') });
  return true;
}

/** Deletes an article with its translations, versions and feedback. Throws not_found. */
export async function deleteArticle(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await lockedArticle(trx, id);
    const titles = await repo.translationsOf(trx, id);
    await repo.forgetLexemes(trx, id);
    await trx.deleteFrom('kb_articles').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, {
      action: 'kb_article.deleted',
      entityType: 'kb_article',
      entityId: id,
      before: { visibility: before.visibility, titles: titles.map((t) => ({ locale: t.locale, title: t.title })) },
    });
  });
}

/** Adds or replaces one translation. Throws not_found, validation_failed. */
export async function putTranslation(
  ctx: Context,
  actor: UserActor,
  id: number,
  locale: string,
  input: { title: string; body: string; version_note?: string | undefined },
): Promise<ArticleView> {
  return updateArticle(ctx, actor, id, { ...input, locale });
}

/** Removes a translation other than the default one. Throws not_found, unprocessable. */
export async function deleteTranslation(ctx: Context, actor: UserActor, id: number, locale: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const article = await lockedArticle(trx, id);
    if (article.default_locale === locale)
      throw new AppError('unprocessable', 'The default translation cannot be removed; delete the article instead.');
    await repo.forgetLexemes(trx, id, locale);
    const removed = await trx
      .deleteFrom('kb_article_translations')
      .where('article_id', '=', id)
      .where('locale', '=', locale)
      .executeTakeFirst();
    if (!removed.numDeletedRows) throw notFound('not_found', `Translation ${locale} of article`, id);
    await recordAudit(trx, actor, now, {
      action: 'kb_article.translation_removed',
      entityType: 'kb_article',
      entityId: id,
      before: { locale },
    });
  });
}

// ── Versions ───────────────────────────────────────────────────────────────

const person = (id: number | null, name: string | null) => (id !== null ? { id, name: name ?? '' } : null);

/** The versions of one translation, newest first. Throws not_found. */
export async function listVersions(ctx: Context, reader: Reader, id: number, locale?: string) {
  const article = assertOpenable(reader, await repo.findArticle(ctx.db, id), id);
  const rows = await repo.listVersions(ctx.db, id, locale ?? article.default_locale);
  return rows.map((v) => ({
    version: v.version,
    locale: v.locale,
    title: v.title,
    note: v.note,
    author: person(v.author_user_id, v.author_name),
    created_at: iso(v.created_at) as string,
  }));
}

/** One version with a line diff of its body against another (by default the one before). Throws not_found. */
export async function getVersion(
  ctx: Context,
  reader: Reader,
  id: number,
  version: number,
  options: { locale?: string | undefined; compareTo?: number | undefined },
) {
  const article = assertOpenable(reader, await repo.findArticle(ctx.db, id), id);
  const rows = await repo.listVersions(ctx.db, id, options.locale ?? article.default_locale);
  const target = rows.find((v) => v.version === version);
  if (!target) throw notFound('not_found', `Version ${version} of article`, id);
  const base = options.compareTo !== undefined ? rows.find((v) => v.version === options.compareTo) : rows.find((v) => v.version < version);
  if (options.compareTo !== undefined && !base) throw notFound('not_found', `Version ${options.compareTo} of article`, id);
  const changes = diffLines(base?.body ?? '', target.body).map((part) => ({
    kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
    text: part.value,
  }));
  return {
    version: target.version,
    locale: target.locale,
    title: target.title,
    note: target.note,
    author: person(target.author_user_id, target.author_name),
    created_at: iso(target.created_at) as string,
    body: target.body,
    compared_to: base?.version ?? null,
    changes,
    title_changed: base !== undefined && base.title !== target.title,
  };
}

/** Makes an old version current again, as a new version (history is never rewritten). Throws not_found. */
export async function restoreVersion(
  ctx: Context,
  actor: UserActor,
  id: number,
  version: number,
  options: { locale?: string | undefined; note?: string | undefined },
) {
  const old = await getVersion(ctx, actor, id, version, { locale: options.locale });
  return updateArticle(ctx, actor, id, {
    locale: old.locale,
    title: old.title,
    body: old.body,
    version_note: options.note ?? `Restored version ${version}`,
  });
}

// ── Outdated flags ─────────────────────────────────────────────────────────

/** Flags an article as outdated (an agent found it wrong); an edit or a new review date clears it. Throws not_found. */
export async function flagOutdated(ctx: Context, actor: UserActor, id: number, reason: string | null): Promise<ArticleView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await lockedArticle(trx, id);
    await trx
      .updateTable('kb_articles')
      .set(
        reason === null
          ? { outdated_at: null, outdated_reason: null, outdated_by_user_id: null }
          : { outdated_at: now, outdated_reason: reason, outdated_by_user_id: actor.userId },
      )
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, now, {
      action: reason === null ? 'kb_article.outdated_cleared' : 'kb_article.flagged_outdated',
      entityType: 'kb_article',
      entityId: id,
      after: { reason },
    });
  });
  return getArticle(ctx, actor, id);
}

// ── Feedback ───────────────────────────────────────────────────────────────

/** "Was this helpful?": a vote with an optional comment, from anyone who may read the article. Throws not_found. */
export async function addFeedback(
  ctx: Context,
  reader: Reader,
  id: number,
  input: { helpful: boolean; comment?: string | undefined; locale?: string | undefined; visitor_key?: string | undefined },
) {
  const article = assertOpenable(reader, await repo.findArticle(ctx.db, id), id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('kb_feedback')
      .values({
        article_id: id,
        locale: input.locale ?? article.default_locale,
        helpful: input.helpful,
        comment: input.comment ?? '',
        user_id: reader?.userId ?? null,
        visitor_key: input.visitor_key ?? null,
        created_at: now,
      })
      .returning(['id', 'helpful', 'comment', 'locale', 'user_id', 'created_at'])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('kb_articles')
      .set(input.helpful ? { helpful_count: sql`helpful_count + 1` } : { unhelpful_count: sql`unhelpful_count + 1` })
      .where('id', '=', id)
      .execute();
    return { ...row, user: reader ? { id: reader.userId, name: reader.name } : null, created_at: iso(row.created_at) as string };
  });
}

export async function listFeedback(ctx: Context, id: number, page: { limit: number; beforeId?: number | undefined }) {
  if (!(await repo.findArticle(ctx.db, id))) throw notFound('not_found', 'Article', id);
  const rows = await repo.listFeedback(ctx.db, id, page.limit, page.beforeId);
  return rows.map((f) => ({
    id: f.id,
    helpful: f.helpful,
    comment: f.comment,
    locale: f.locale,
    user: person(f.user_id, f.user_name),
    created_at: iso(f.created_at) as string,
  }));
}

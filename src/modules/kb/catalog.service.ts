import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import { slugify } from './kb-text.ts';
import { openable, type Reader, readsInternal } from './kb.policy.ts';
import { articleUrl, isOutdated } from './kb.presenter.ts';
import * as repo from './kb.repository.ts';
import type { listArticlesQuery } from './kb.schemas.ts';
import type { z } from 'zod';

/** Categories and their sections, each with the number of articles the reader may open. */
export async function listCategories(ctx: Context, reader: Reader) {
  const rows = await repo.listCategories(ctx.db, openable(reader));
  const visible = readsInternal(reader)
    ? rows
    : // Visitors see categories with something to read (a category counts its sections' articles).
      rows.filter((c) => (c.article_count ?? 0) > 0 || rows.some((s) => s.parent_id === c.id && (s.article_count ?? 0) > 0));
  return visible.map((c) => ({ ...c, article_count: c.article_count ?? 0 }));
}

/** Creates a category, or a section when parent_id is set. Throws validation_failed, name_taken. */
export async function createCategory(
  ctx: Context,
  actor: UserActor,
  input: {
    name: string;
    slug?: string | undefined;
    description?: string | undefined;
    parent_id?: number | null | undefined;
    position?: number | undefined;
  },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.parent_id) {
      const parent = await repo.findCategoryByRef(trx, input.parent_id);
      if (!parent) throw validationError('parent_id: no such category', [{ path: 'parent_id', message: 'unknown category' }]);
      if (parent.parent_id !== null)
        throw validationError('parent_id: sections cannot hold sections', [{ path: 'parent_id', message: 'is a section' }]);
    }
    const slug = input.slug ?? slugify(input.name);
    if (await repo.findCategoryByRef(trx, slug)) throw new AppError('name_taken', `A category with the slug "${slug}" exists.`);
    const row = await trx
      .insertInto('kb_categories')
      .values({
        name: input.name,
        slug,
        description: input.description ?? '',
        parent_id: input.parent_id ?? null,
        position: input.position ?? 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'kb_category.created',
      entityType: 'kb_category',
      entityId: row.id,
      after: { name: row.name, slug },
    });
    return { ...row, article_count: 0 };
  });
}

/** Renames, moves or reorders a category. Throws not_found, validation_failed, name_taken. */
export async function updateCategory(
  ctx: Context,
  actor: UserActor,
  id: number,
  input: {
    name?: string | undefined;
    slug?: string | undefined;
    description?: string | undefined;
    parent_id?: number | null | undefined;
    position?: number | undefined;
  },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCategoryByRef(trx, id);
    if (!before) throw notFound('not_found', 'Category', id);
    if (input.parent_id === id)
      throw validationError('parent_id: a category cannot be its own parent', [{ path: 'parent_id', message: 'self' }]);
    if (input.parent_id) {
      const parent = await repo.findCategoryByRef(trx, input.parent_id);
      if (!parent || parent.parent_id !== null)
        throw validationError('parent_id: must be a top-level category', [{ path: 'parent_id', message: 'not a category' }]);
      const children = await trx.selectFrom('kb_categories').select('id').where('parent_id', '=', id).executeTakeFirst();
      if (children)
        throw validationError('parent_id: this category has sections and cannot become one', [
          { path: 'parent_id', message: 'has sections' },
        ]);
    }
    if (input.slug !== undefined) {
      const other = await repo.findCategoryByRef(trx, input.slug);
      if (other && other.id !== id) throw new AppError('name_taken', `A category with the slug "${input.slug}" exists.`);
    }
    const row = await trx
      .updateTable('kb_categories')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, { action: 'kb_category.updated', entityType: 'kb_category', entityId: id, before, after: row });
    const counts = await repo.listCategories(trx, ['public', 'internal', 'draft']);
    return { ...row, article_count: counts.find((c) => c.id === id)?.article_count ?? 0 };
  });
}

/** Deletes a category (its sections with it); its articles stay, without a category. Throws not_found. */
export async function deleteCategory(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCategoryByRef(trx, id);
    if (!before) throw notFound('not_found', 'Category', id);
    await trx.deleteFrom('kb_categories').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, { action: 'kb_category.deleted', entityType: 'kb_category', entityId: id, before });
  });
}

type ListQuery = z.infer<typeof listArticlesQuery>;

/** A page of articles the reader may open, most recently changed first. Throws validation_failed (cursor). */
export async function listArticles(ctx: Context, reader: Reader, query: ListQuery) {
  const internal = readsInternal(reader);
  const now = ctx.clock.now();
  const cursor = decodeCursor(query.cursor, 2);
  const [updatedAt, lastId] = cursor ?? [];
  if (cursor && (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)) || typeof lastId !== 'number'))
    throw validationError('The cursor is not valid; pass the next_cursor of a previous page unchanged.', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  let categoryIds: number[] | undefined;
  if (query.category !== undefined) {
    const ref = /^\d{1,15}$/.test(query.category) ? Number(query.category) : query.category;
    const category = await repo.findCategoryByRef(ctx.db, ref);
    const all = category ? await repo.listCategories(ctx.db, openable(reader)) : [];
    categoryIds = category ? [category.id, ...all.filter((c) => c.parent_id === category.id).map((c) => c.id)] : [];
  }
  const rows = await repo.listArticles(ctx.db, {
    visible: openable(reader),
    locale: query.locale ?? 'en',
    categoryIds,
    visibility: query.visibility,
    outdatedAt: internal && query.outdated === 'true' ? now : undefined,
    notOutdatedAt: internal && query.outdated === 'false' ? now : undefined,
    ownerId: internal ? query.owner_id : undefined,
    tag: query.tag,
    after: cursor ? { updatedAt: updatedAt as string, id: lastId as number } : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      url: articleUrl(r.id, r.slug),
      locale: r.locale,
      locales: r.locales ?? [],
      visibility: r.visibility,
      category_id: r.category_id,
      tags: r.tags,
      owner: internal && r.owner_user_id !== null ? { id: r.owner_user_id, name: r.owner_name ?? '' } : null,
      outdated: internal ? isOutdated(r, now) : false,
      review_due_at: internal ? iso(r.review_due_at) : null,
      version: r.version,
      view_count: r.view_count,
      helpful_count: r.helpful_count,
      unhelpful_count: r.unhelpful_count,
      updated_at: iso(r.updated_at) as string,
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([new Date(last.updated_at).toISOString(), last.id]) : null,
  };
}

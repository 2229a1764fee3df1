import { iso } from '../../platform/schemas.ts';
import type { ArticleRow } from './kb.repository.ts';
import type { ArticleView } from './kb.schemas.ts';

/** The help centre's readable address of an article: `/help/articles/42-reset-your-password`. */
export const articleUrl = (id: number, slug: string): string => `/help/articles/${id}-${slug}`;

export const isOutdated = (row: { outdated_at: Date | string | null; review_due_at: Date | string | null }, now: Date): boolean =>
  row.outdated_at !== null || (row.review_due_at !== null && new Date(row.review_due_at) <= now);

export interface PresentArticleInput {
  row: ArticleRow;
  translation: { locale: string; title: string; slug: string; body: string; body_html: string; version: number };
  requestedLocale: string;
  locales: string[];
  related: { id: number; title: string; slug: string }[];
  attachments: { id: number; filename: string; content_type: string; size_bytes: number }[];
  showOwner: boolean;
  now: Date;
}

export function presentArticle(input: PresentArticleInput): ArticleView {
  const { row, translation: t } = input;
  return {
    id: row.id,
    title: t.title,
    slug: t.slug,
    url: articleUrl(row.id, t.slug),
    body: t.body,
    body_html: t.body_html,
    locale: t.locale,
    requested_locale: input.requestedLocale,
    fallback: t.locale !== input.requestedLocale,
    locales: input.locales,
    default_locale: row.default_locale,
    visibility: row.visibility,
    category:
      row.category_id !== null
        ? { id: row.category_id, name: row.category_name ?? '', slug: row.category_slug ?? '', parent_id: row.category_parent_id ?? null }
        : null,
    tags: row.tags,
    owner: input.showOwner && row.owner_user_id !== null ? { id: row.owner_user_id, name: row.owner_name ?? '' } : null,
    review_due_at: input.showOwner ? iso(row.review_due_at) : null,
    outdated: input.showOwner ? isOutdated(row, input.now) : false,
    outdated_reason: input.showOwner ? row.outdated_reason : null,
    version: t.version,
    view_count: row.view_count,
    helpful_count: row.helpful_count,
    unhelpful_count: row.unhelpful_count,
    related: input.related.map((r) => ({ ...r, url: articleUrl(r.id, r.slug) })),
    attachments: input.attachments.map((a) => ({ ...a, url: `/api/v1/kb/attachments/${a.id}` })),
    published_at: iso(row.published_at),
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

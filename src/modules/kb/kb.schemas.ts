import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';

export const visibilities = ['public', 'internal', 'draft'] as const;

const noNul = (value: string) => !value.includes('\u0000');
const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine(noNul, 'must not contain NUL characters');

export const locale = z
  .string()
  .regex(/^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/, 'a locale such as en, de or pt-BR')
  .transform((value) => value.toLowerCase().replace('_', '-'));
export const title = text(1, 250);
export const markdownBody = z.string().max(200_000).refine(noNul, 'must not contain NUL characters').describe('Markdown');
const tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_\-:./ ]+$/u, 'letters, digits and _ - : . / only')
  .transform((value) => value.toLowerCase());
const categoryRef = z.union([id, text(1, 80)]).describe('a knowledge-base category or section: its id or slug');
const visitorKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 characters of A–Z, a–z, 0–9, _ and -')
  .describe('a random key the help centre keeps for the visit (deflection tracking)');

export const createArticleBody = z.strictObject({
  title,
  body: markdownBody,
  locale: locale.default('en'),
  visibility: z.enum(visibilities).default('draft'),
  category: categoryRef.nullable().optional(),
  tags: z.array(tag).max(30).default([]),
  owner_id: id.nullable().optional().describe('who keeps the article correct; default: its author'),
  review_due_at: z.iso.datetime({ offset: true }).nullable().optional().describe('when the article is due for review'),
  related_ids: z.array(id).max(20).optional(),
  version_note: z.string().max(500).refine(noNul).optional(),
});
export type CreateArticleInput = z.infer<typeof createArticleBody>;

export const updateArticleBody = z.strictObject({
  title: title.optional(),
  body: markdownBody.optional(),
  locale: locale.optional().describe('the translation the title and body belong to; a new locale adds a translation'),
  visibility: z.enum(visibilities).optional(),
  category: categoryRef.nullable().optional(),
  tags: z.array(tag).max(30).optional(),
  owner_id: id.nullable().optional(),
  review_due_at: z.iso.datetime({ offset: true }).nullable().optional(),
  related_ids: z.array(id).max(20).optional(),
  version_note: z.string().max(500).refine(noNul).optional(),
  base_version: z.number().int().min(1).max(1_000_000).optional().describe('the version edited; a newer one answers 409'),
});
export type UpdateArticleInput = z.infer<typeof updateArticleBody>;

export const localeQuery = z.object({ locale: locale.optional() });

export const listArticlesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  locale: locale.optional(),
  category: z.string().max(80).optional(),
  visibility: z.enum(visibilities).optional(),
  outdated: z.enum(['true', 'false']).optional(),
  owner_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  tag: z.string().max(50).optional(),
});

export const searchQuery = z.object({
  q: z.string().max(500).default(''),
  locale: locale.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  category: z.string().max(80).optional(),
});
export type SearchParams = z.infer<typeof searchQuery>;

export const searchResultSchema = z.object({
  id: z.number(),
  title: z.string(),
  snippet: z.string().describe('an excerpt with the matched words in <mark>…</mark>; everything else HTML-escaped'),
  score: z.number(),
  title_highlight: z.string(),
  slug: z.string(),
  locale: z.string(),
  visibility: z.enum(visibilities),
  category_id: z.number().nullable(),
  url: z.string(),
});
export const searchResponse = z.object({ data: z.array(searchResultSchema) });

export const autocompleteResponse = z.object({
  data: z.array(z.object({ id: z.number(), title: z.string(), slug: z.string(), url: z.string() })),
});

const person = z.object({ id: z.number(), name: z.string() }).nullable();
const articleRef = z.object({ id: z.number(), title: z.string(), slug: z.string(), url: z.string() });

export const articleSchema = z.object({
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  url: z.string().describe('the readable help-centre address'),
  body: z.string(),
  body_html: z.string().describe('sanitised HTML'),
  locale: z.string(),
  requested_locale: z.string(),
  fallback: z.boolean().describe('true when the requested locale has no translation and another was served'),
  locales: z.array(z.string()),
  default_locale: z.string(),
  visibility: z.enum(visibilities),
  category: z.object({ id: z.number(), name: z.string(), slug: z.string(), parent_id: z.number().nullable() }).nullable(),
  tags: z.array(z.string()),
  owner: person,
  review_due_at: timestamp.nullable(),
  outdated: z.boolean().describe('flagged as outdated, or past its review date'),
  outdated_reason: z.string().nullable(),
  version: z.number(),
  view_count: z.number(),
  helpful_count: z.number(),
  unhelpful_count: z.number(),
  related: z.array(articleRef),
  attachments: z.array(
    z.object({ id: z.number(), filename: z.string(), content_type: z.string(), size_bytes: z.number(), url: z.string() }),
  ),
  published_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ArticleView = z.infer<typeof articleSchema>;

export const articleSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  url: z.string(),
  locale: z.string(),
  locales: z.array(z.string()),
  visibility: z.enum(visibilities),
  category_id: z.number().nullable(),
  tags: z.array(z.string()),
  owner: person,
  outdated: z.boolean(),
  review_due_at: timestamp.nullable(),
  version: z.number(),
  view_count: z.number(),
  helpful_count: z.number(),
  unhelpful_count: z.number(),
  updated_at: timestamp,
});

export const versionSchema = z.object({
  version: z.number(),
  locale: z.string(),
  title: z.string(),
  note: z.string(),
  author: person,
  created_at: timestamp,
});
export const versionDetailSchema = versionSchema.extend({
  body: z.string(),
  compared_to: z.number().nullable(),
  changes: z.array(z.object({ kind: z.enum(['added', 'removed', 'same']), text: z.string() })).describe('line diff of the body'),
  title_changed: z.boolean(),
});
export const versionParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .transform(Number),
});
export const versionQuery = z.object({
  locale: locale.optional(),
  compare_to: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
});
export const restoreBody = z.strictObject({ locale: locale.optional(), note: z.string().max(500).refine(noNul).optional() });

export const translationParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  locale,
});
export const translationBody = z.strictObject({ title, body: markdownBody, version_note: z.string().max(500).refine(noNul).optional() });

export const feedbackBody = z.strictObject({
  helpful: z.boolean(),
  comment: z.string().trim().max(2000).refine(noNul, 'must not contain NUL characters').optional(),
  locale: locale.optional(),
  visitor_key: visitorKey.optional(),
});
export const feedbackSchema = z.object({
  id: z.number(),
  helpful: z.boolean(),
  comment: z.string(),
  locale: z.string(),
  user: person,
  created_at: timestamp,
});

export const outdatedBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).refine(noNul, 'must not contain NUL characters') });

export const categoryBody = z.strictObject({
  name: text(1, 80),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and hyphens')
    .optional(),
  description: z.string().max(1000).refine(noNul).optional(),
  parent_id: id.nullable().optional().describe('set for a section inside a category'),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const categoryPatch = categoryBody.partial();
export const categorySchema = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  parent_id: z.number().nullable(),
  position: z.number(),
  article_count: z.number().describe('articles the caller may see'),
});

export const viewBody = z.strictObject({ visitor_key: visitorKey.optional() });
export const suggestionsBody = z.strictObject({
  text: z.string().max(5000).describe('what the customer has typed so far (subject and description)'),
  locale: locale.optional(),
  limit: z.number().int().min(1).max(10).default(5),
  visitor_key: visitorKey.optional(),
});
export const helpSessionBody = z.strictObject({ visitor_key: visitorKey, ticket_id: id.optional() });
export const helpSessionSchema = z.object({
  visitor_key: z.string(),
  suggested_article_ids: z.array(z.number()),
  viewed_article_ids: z.array(z.number()),
  left_at: timestamp.nullable(),
  ticket_id: z.number().nullable(),
});

export const solvedWithBody = z.strictObject({ article_id: id });
export const solvedWithSchema = z.object({
  data: z.array(articleRef.extend({ linked_by: person, linked_at: timestamp })),
});
export const ticketArticleParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  article_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
});
export const similarTicketsSchema = z.object({
  data: z.array(
    z.object({
      id: z.number(),
      subject: z.string(),
      status: z.string(),
      resolution_code: z.string().nullable(),
      solved_at: timestamp.nullable(),
      score: z.number(),
      solution: z.string().nullable().describe('the last public agent reply before the ticket was solved'),
      solved_with: z.array(articleRef),
    }),
  ),
});

export const articleAnalyticsSchema = z.object({
  article_id: z.number(),
  views: z.number(),
  helpful: z.number(),
  unhelpful: z.number(),
  suggested: z.number().describe('help-centre visits in which the article was suggested'),
  deflections: z.number().describe('visits that read or were shown the article and opened no ticket'),
  solved_with: z.number(),
});
export const analyticsQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
export const analyticsSchema = z.object({
  from: timestamp,
  to: timestamp,
  help_sessions: z.number().describe('visits in which suggestions or articles were seen'),
  tickets_after_help: z.number(),
  deflections: z.number().describe('visits that ended without a ticket (a ticket within 24 hours undoes it)'),
  deflections_confirmed: z.number().describe('deflections whose 24 hours have passed'),
  deflection_rate: z.number().nullable(),
  solved_with: z.number(),
  top_articles: z.array(articleAnalyticsSchema.extend({ title: z.string() })),
});

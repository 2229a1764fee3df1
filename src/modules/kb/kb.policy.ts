import type { KbVisibility } from '../../db/schema.ts';
import type { UserActor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';

/** The reader of the help centre: a signed-in user, or an anonymous visitor (undefined). */
export type Reader = UserActor | undefined;

/** Agents and analysts read internal articles; customers and visitors public ones only. */
export const readsInternal = (reader: Reader): boolean => reader !== undefined && can(reader.role, 'kb.read_internal');

/** What a reader may open by id: agents every article (drafts too), everyone else public ones. */
export const openable = (reader: Reader): KbVisibility[] => (readsInternal(reader) ? ['public', 'internal', 'draft'] : ['public']);

/** What search and suggestions return: published articles only (drafts are not answers yet). */
export const searchable = (reader: Reader): KbVisibility[] => (readsInternal(reader) ? ['public', 'internal'] : ['public']);

/** A hidden article is "not found", never "forbidden", so that ids cannot be probed. */
export function assertOpenable<T extends { visibility: KbVisibility }>(reader: Reader, article: T | undefined, id: number): T {
  if (!article || !openable(reader).includes(article.visibility)) throw notFound('not_found', 'Article', id);
  return article;
}

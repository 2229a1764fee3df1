import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { findCategory } from '../taxonomy/index.ts';

type Db = Kysely<Database>;

const invalid = (path: string, message: string) => new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/** An assignee must be an active agent. Throws validation_failed. */
export async function checkAssignee(db: Db, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', id).executeTakeFirst();
  if (!user) throw invalid('assignee_id', `user ${id} does not exist`);
  if (user.role === 'customer' || user.role === 'analyst')
    throw invalid('assignee_id', `user ${id} (${user.role}) cannot be assigned tickets`);
  if (!user.active) throw invalid('assignee_id', `user ${id} is deactivated`);
}

/** Throws validation_failed. */
export async function checkGroup(db: Db, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  if (!(await db.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst()))
    throw invalid('group_id', `group ${id} does not exist`);
}

/** Resolves a category given as id, path or slug to its id. Throws validation_failed. */
export async function resolveCategoryId(db: Db, ref: number | string | null | undefined): Promise<number | null | undefined> {
  if (ref === undefined) return undefined;
  if (ref === null) return null;
  const category = await findCategory(db, ref);
  if (!category) throw invalid('category', `no category ${JSON.stringify(ref)}`);
  if (!category.active) throw invalid('category', `the category ${category.path} is retired`);
  return category.id;
}

/** Throws validation_failed. */
export async function checkResolutionCode(db: Db, code: string | null | undefined): Promise<void> {
  if (code == null) return;
  const row = await db.selectFrom('resolution_codes').select('active').where('code', '=', code).executeTakeFirst();
  if (!row?.active) throw invalid('resolution_code', `unknown resolution code "${code}"`);
}

/**
 * Attaches uploaded files to a comment. Only files the same user uploaded to the same ticket and
 * not yet used may be attached. Throws validation_failed.
 */
export async function attachUploads(
  db: Db,
  ids: number[] | undefined,
  target: { ticketId: number; commentId: number; uploaderUserId: number | null },
): Promise<void> {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  let query = db
    .updateTable('attachments')
    .set({ comment_id: target.commentId, ticket_id: target.ticketId })
    .where('id', 'in', unique)
    .where('comment_id', 'is', null)
    .where((eb) => eb.or([eb('ticket_id', '=', target.ticketId), eb('ticket_id', 'is', null)]));
  query =
    target.uploaderUserId === null
      ? query.where('uploaded_by_user_id', 'is', null)
      : query.where('uploaded_by_user_id', '=', target.uploaderUserId);
  const updated = await query.returning('id').execute();
  if (updated.length !== unique.length) {
    const found = new Set(updated.map((r) => r.id));
    throw invalid(
      'attachment_ids',
      `attachments ${unique.filter((id) => !found.has(id)).join(', ')} are unknown, not yours or already used`,
    );
  }
}

import type { Selectable } from 'kysely';
import type { SavedViewsTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { countTickets, parseOrExplain } from '../tickets/index.ts';

type ViewRow = Selectable<SavedViewsTable>;

const present = (row: ViewRow, count: number | null) => ({
  id: row.id,
  name: row.name,
  query: row.query,
  shared: row.owner_user_id === null,
  position: row.position,
  count,
  updated_at: iso(row.updated_at) as string,
});

/** Shared views first, then the user's own, each with how many tickets it holds right now. */
export async function listViews(ctx: Context, actor: UserActor) {
  const rows = await ctx.db
    .selectFrom('saved_views')
    .selectAll()
    .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', actor.userId)]))
    .orderBy(({ eb }) => eb('owner_user_id', 'is not', null))
    .orderBy('position')
    .orderBy('id')
    .execute();
  const counts = await Promise.all(rows.map((row) => countTickets(ctx, actor, row.query).catch(() => null)));
  return rows.map((row, i) => present(row, counts[i] ?? null));
}

function assertCanEdit(actor: UserActor, shared: boolean): void {
  // Shared views shape everyone's workspace; only those who manage the team may change them.
  if (shared && !can(actor.role, 'groups.manage')) throw forbidden('Only managers and admins change shared views.');
}

/** Saves a view after checking its query. Throws invalid_query, forbidden. */
export async function createView(
  ctx: Context,
  actor: UserActor,
  input: { name: string; query: string; shared?: boolean | undefined; position?: number | undefined },
) {
  parseOrExplain(input.query);
  assertCanEdit(actor, input.shared === true);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('saved_views')
      .values({
        owner_user_id: input.shared ? null : actor.userId,
        name: input.name,
        query: input.query,
        position: input.position ?? 100,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.shared)
      await recordAudit(trx, actor, now, { action: 'view.created', entityType: 'saved_view', entityId: created.id, after: input });
    return created;
  });
  // Counted after the commit: on the embedded database a query outside the transaction would wait for it forever.
  return present(row, await countTickets(ctx, actor, row.query));
}

async function editable(ctx: Context, actor: UserActor, id: number): Promise<ViewRow> {
  const row = await ctx.db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.owner_user_id !== null && row.owner_user_id !== actor.userId)) throw notFound('not_found', 'View', id);
  assertCanEdit(actor, row.owner_user_id === null);
  return row;
}

/** Throws not_found, forbidden, invalid_query. */
export async function updateView(
  ctx: Context,
  actor: UserActor,
  id: number,
  input: { name?: string | undefined; query?: string | undefined; position?: number | undefined },
) {
  const existing = await editable(ctx, actor, id);
  if (input.query !== undefined) parseOrExplain(input.query);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('saved_views')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (existing.owner_user_id === null) {
      await recordAudit(trx, actor, now, {
        action: 'view.updated',
        entityType: 'saved_view',
        entityId: id,
        before: { name: existing.name, query: existing.query },
        after: input,
      });
    }
    return updated;
  });
  return present(row, await countTickets(ctx, actor, row.query));
}

/** Throws not_found, forbidden. */
export async function deleteView(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await editable(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('saved_views').where('id', '=', id).execute();
    if (existing.owner_user_id === null) {
      await recordAudit(trx, actor, now, {
        action: 'view.deleted',
        entityType: 'saved_view',
        entityId: id,
        before: { name: existing.name, query: existing.query },
      });
    }
  });
}

import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recomputeSlaForTickets } from '../sla/index.ts';
import { getTicketForActor } from './ticket-queries.ts';
import * as repo from './tickets.repository.ts';
import type { TicketView } from './tickets.schemas.ts';

/**
 * Merges ticket `sourceId` into `targetId`: the source's messages join the target's conversation,
 * tags are combined, the source is closed and points at the target, and both histories say so.
 * Throws ticket_not_found, unprocessable.
 */
export async function mergeTickets(ctx: Context, actor: UserActor | Actor, sourceId: number, targetId: number): Promise<TicketView> {
  if (sourceId === targetId) throw new AppError('unprocessable', 'A ticket cannot be merged into itself.');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // Lock in id order so that two opposite merges cannot deadlock.
    const first = await repo.lockTicket(trx, Math.min(sourceId, targetId));
    const second = await repo.lockTicket(trx, Math.max(sourceId, targetId));
    const source = first?.id === sourceId ? first : second;
    const target = first?.id === targetId ? first : second;
    if (!source) throw notFound('ticket_not_found', 'Ticket', sourceId);
    if (!target) throw notFound('ticket_not_found', 'Ticket', targetId);
    if (source.status === 'closed') throw new AppError('unprocessable', `Ticket ${sourceId} is closed and cannot be merged.`);
    if (target.status === 'closed') throw new AppError('unprocessable', `Ticket ${targetId} is closed; merge into an open ticket.`);

    // When the requesters differ, the target's requester must not read the source's conversation:
    // its messages arrive as internal notes (as the leading help desks do).
    const sameRequester = source.requester_id === target.requester_id;
    const moved = await trx
      .updateTable('ticket_comments')
      .set(sameRequester ? { ticket_id: targetId } : { ticket_id: targetId, public: false })
      .where('ticket_id', '=', sourceId)
      .returning('id')
      .execute();
    await trx.updateTable('attachments').set({ ticket_id: targetId }).where('ticket_id', '=', sourceId).execute();
    const note = await trx
      .insertInto('ticket_comments')
      .values({
        ticket_id: sourceId,
        author_user_id: actor.userId,
        body: `Merged into #${targetId}.`,
        public: false,
        channel: 'web',
        metadata: '{}',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tags = [...new Set([...target.tags, ...source.tags])];
    await trx
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: now, merged_into_id: targetId, updated_at: now, version: repo.bumpVersion() })
      .where('id', '=', sourceId)
      .execute();
    await trx.updateTable('tickets').set({ tags, updated_at: now, version: repo.bumpVersion() }).where('id', '=', targetId).execute();
    await repo.appendEvents(trx, sourceId, actor, now, [
      { type: 'ticket.merged', after: { into: targetId }, comment_id: note.id },
      { type: 'ticket.field_changed', field: 'status', before: source.status, after: 'closed' },
    ]);
    await repo.appendEvents(trx, targetId, actor, now, [
      { type: 'ticket.merge_received', after: { from: sourceId, comments_moved: moved.map((c) => c.id) } },
      ...(tags.length !== target.tags.length ? [{ type: 'ticket.field_changed', field: 'tags', before: target.tags, after: tags }] : []),
    ]);
    await recomputeSlaForTickets(trx, [sourceId, targetId], now);
  });
  return getTicketForActor(ctx, actor, targetId);
}

import type { TicketLinkKind } from '../../db/schema.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { canSeeTicket } from './tickets.policy.ts';
import * as repo from './tickets.repository.ts';

type ApiLinkKind = 'related' | 'duplicate' | 'parent' | 'child';

/**
 * Links as the API shows them, from the point of view of one ticket: a stored `parent` row
 * (source is the parent of target) reads as `child` from the source and `parent` from the target.
 */
export async function listLinks(ctx: Context, actor: UserActor, ticketId: number) {
  const ticket = await ctx.db.selectFrom('tickets').select(['id', 'requester_id']).where('id', '=', ticketId).executeTakeFirst();
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound('ticket_not_found', 'Ticket', ticketId);
  const rows = await ctx.db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as t', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('l.source_ticket_id', '=', ticketId), eb('t.id', '=', eb.ref('l.target_ticket_id'))]),
          eb.and([eb('l.target_ticket_id', '=', ticketId), eb('t.id', '=', eb.ref('l.source_ticket_id'))]),
        ]),
      ),
    )
    .where((eb) => eb.or([eb('l.source_ticket_id', '=', ticketId), eb('l.target_ticket_id', '=', ticketId)]))
    .select(['l.id', 'l.kind', 'l.source_ticket_id', 't.id as other_id', 't.subject', 't.status', 't.requester_id', 'l.created_at'])
    .orderBy('l.id')
    .execute();
  return rows
    .filter((row) => canSeeTicket(actor, row))
    .map((row) => {
      const outgoing = row.source_ticket_id === ticketId;
      const kind: 'related' | 'duplicate' | 'parent' | 'child' | 'follow_up' | 'follow_up_of' =
        row.kind === 'parent'
          ? outgoing
            ? 'child'
            : 'parent'
          : row.kind === 'follow_up'
            ? outgoing
              ? 'follow_up_of'
              : 'follow_up'
            : row.kind;
      return {
        id: row.id,
        kind,
        ticket_id: row.other_id,
        subject: row.subject,
        status: row.status,
        created_at: iso(row.created_at) as string,
      };
    });
}

/**
 * Links this ticket to another. `parent` means the other ticket is this one's parent; `child` the
 * reverse. Throws ticket_not_found, unprocessable, conflict.
 */
export async function linkTickets(ctx: Context, actor: UserActor, ticketId: number, otherId: number, kind: ApiLinkKind) {
  if (ticketId === otherId) throw new AppError('unprocessable', 'A ticket cannot be linked to itself.');
  const now = ctx.clock.now();
  // Stored as (parent → child) for parent links, else (this → other).
  const [source, target, stored]: [number, number, TicketLinkKind] =
    kind === 'parent' ? [otherId, ticketId, 'parent'] : kind === 'child' ? [ticketId, otherId, 'parent'] : [ticketId, otherId, kind];
  await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('tickets').select('id').where('id', 'in', [ticketId, otherId]).execute();
    for (const id of [ticketId, otherId]) if (!found.some((t) => t.id === id)) throw notFound('ticket_not_found', 'Ticket', id);
    const inserted = await trx
      .insertInto('ticket_links')
      .values({ source_ticket_id: source, target_ticket_id: target, kind: stored, created_by_user_id: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['source_ticket_id', 'target_ticket_id', 'kind']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('conflict', `Tickets ${ticketId} and ${otherId} are already linked as ${kind}.`);
    await repo.appendEvents(trx, ticketId, actor, now, [{ type: 'ticket.linked', after: { ticket_id: otherId, kind } }]);
    await repo.appendEvents(trx, otherId, actor, now, [
      { type: 'ticket.linked', after: { ticket_id: ticketId, kind: kind === 'parent' ? 'child' : kind === 'child' ? 'parent' : kind } },
    ]);
  });
  return listLinks(ctx, actor, ticketId);
}

/** Throws ticket_not_found, not_found. */
export async function unlinkTickets(ctx: Context, actor: UserActor, ticketId: number, linkId: number) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('ticket_links')
      .where('id', '=', linkId)
      .where((eb) => eb.or([eb('source_ticket_id', '=', ticketId), eb('target_ticket_id', '=', ticketId)]))
      .returning(['source_ticket_id', 'target_ticket_id', 'kind'])
      .executeTakeFirst();
    if (!removed) throw notFound('not_found', 'Link', linkId);
    const other = removed.source_ticket_id === ticketId ? removed.target_ticket_id : removed.source_ticket_id;
    await repo.appendEvents(trx, ticketId, actor, now, [{ type: 'ticket.unlinked', before: { ticket_id: other, kind: removed.kind } }]);
    await repo.appendEvents(trx, other, actor, now, [{ type: 'ticket.unlinked', before: { ticket_id: ticketId, kind: removed.kind } }]);
  });
  return listLinks(ctx, actor, ticketId);
}

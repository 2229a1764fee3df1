import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { canSeeTicket, seesInternalNotes } from './tickets.policy.ts';
import { presentComment, presentEvent, presentTicket } from './tickets.presenter.ts';
import * as repo from './tickets.repository.ts';
import type { TicketView } from './tickets.schemas.ts';

const isUser = (actor: Actor): actor is UserActor => actor.role !== 'system' && actor.userId !== null;

/** A ticket as the actor may see it. Throws ticket_not_found (also for tickets the actor may not see). */
export async function getTicketForActor(ctx: Context, actor: Actor, id: number): Promise<TicketView> {
  const row = await repo.findTicketDetail(ctx.db, id);
  if (!row || (isUser(actor) && !canSeeTicket(actor, row))) throw notFound('ticket_not_found', 'Ticket', id);
  return presentTicket(row, { sla: actor.role !== 'customer' });
}

async function visibleTicket(ctx: Context, actor: UserActor, id: number) {
  const row = await ctx.db.selectFrom('tickets').select(['id', 'requester_id']).where('id', '=', id).executeTakeFirst();
  if (!row || !canSeeTicket(actor, row)) throw notFound('ticket_not_found', 'Ticket', id);
  return row;
}

/** The conversation, oldest first; customers get public messages only. Throws ticket_not_found. */
export async function listComments(ctx: Context, actor: UserActor, ticketId: number, page: { limit: number; cursor?: string | undefined }) {
  await visibleTicket(ctx, actor, ticketId);
  const after = decodeCursor(page.cursor, 1)?.[0];
  const rows = await repo.listComments(ctx.db, ticketId, {
    publicOnly: !seesInternalNotes(actor),
    afterId: typeof after === 'number' ? after : undefined,
    limit: page.limit,
  });
  const attachments = await repo.attachmentsOf(
    ctx.db,
    rows.slice(0, page.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    page.limit,
    (r) => [r.id],
    (r) => presentComment(r, attachments),
  );
}

/** The ticket's history, oldest first; for customers without the internal notes. Throws ticket_not_found. */
export async function listEvents(ctx: Context, actor: UserActor, ticketId: number, page: { limit: number; cursor?: string | undefined }) {
  await visibleTicket(ctx, actor, ticketId);
  const after = decodeCursor(page.cursor, 1)?.[0];
  const rows = await repo.listEvents(ctx.db, ticketId, {
    afterId: typeof after === 'number' ? after : undefined,
    limit: page.limit,
    publicOnly: !seesInternalNotes(actor),
  });
  return toPage(rows, page.limit, (r) => [r.id], presentEvent);
}

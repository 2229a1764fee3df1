import { cachedSlaSetup } from '../sla/index.ts';
import type { TicketRow, TicketStatus } from '../../db/schema.ts';
import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { maskCardNumbers } from '../../platform/card-numbers.ts';
import { attachUploads } from './ticket-references.ts';
import { statusAfterAgentTouch, statusAfterCustomerReply } from './ticket-status.ts';
import { canSeeTicket } from './tickets.policy.ts';
import { presentComment } from './tickets.presenter.ts';
import * as repo from './tickets.repository.ts';
import type { CommentView, CreateCommentInput } from './tickets.schemas.ts';
import { runTicketChangeHooks } from './ticket-hooks.ts';
import { applyTicketChanges } from './update-ticket.ts';

type Db = Context['db'];

const isCustomerActor = (actor: Actor) => actor.role === 'customer';

function checkCommentPermission(actor: Actor, input: CreateCommentInput): void {
  if (actor.role === 'system') return;
  if (!input.public && !can(actor.role, 'tickets.comment_internal')) throw forbidden('Only agents can write internal notes.');
  if (input.public && !can(actor.role, 'tickets.comment_public')) throw forbidden('Your role may not reply to customers.');
  if (isCustomerActor(actor) && (input.status !== undefined || input.resolution_code !== undefined))
    throw forbidden('Customers cannot set the status.');
}

/**
 * A reply to a closed ticket starts a follow-up ticket linked to it, carrying over the requester,
 * group, category and tags, as mature help desks do.
 */
async function openFollowUp(trx: Db, actor: Actor, closed: TicketRow, channel: string, now: Date): Promise<TicketRow> {
  const followUp = await trx
    .insertInto('tickets')
    .values({
      subject: closed.subject.startsWith('Re: ') ? closed.subject : `Re: ${closed.subject}`,
      status: 'new',
      priority: closed.priority,
      type: closed.type,
      channel,
      requester_id: closed.requester_id,
      organization_id: closed.organization_id,
      group_id: closed.group_id,
      category_id: closed.category_id,
      tags: closed.tags,
      custom_fields: JSON.stringify(closed.custom_fields),
      follow_up_of_id: closed.id,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ticket_links')
    .values({
      source_ticket_id: followUp.id,
      target_ticket_id: closed.id,
      kind: 'follow_up',
      created_by_user_id: actor.userId,
      created_at: now,
    })
    .execute();
  await repo.appendEvents(trx, followUp.id, actor, now, [
    { type: 'ticket.created', after: { follow_up_of_id: closed.id, status: 'new', channel }, channel },
  ]);
  await repo.appendEvents(trx, closed.id, actor, now, [{ type: 'ticket.follow_up_created', after: { ticket_id: followUp.id }, channel }]);
  return followUp;
}

/** Where a message to this ticket really goes: a merged ticket forwards to the one it was merged into. */
async function destination(trx: Db, ticketId: number): Promise<TicketRow | undefined> {
  let ticket = await repo.lockTicket(trx, ticketId);
  for (let hops = 0; ticket?.merged_into_id && hops < 10; hops++) ticket = await repo.lockTicket(trx, ticket.merged_into_id);
  return ticket;
}

/**
 * Adds a public reply or an internal note, with the status changes a reply implies: a customer's
 * reply reopens a solved or waiting ticket, a reply to a closed ticket opens a follow-up, an
 * agent's first public reply records the first response. Throws ticket_not_found, forbidden,
 * invalid_transition, validation_failed.
 */
export async function addComment(ctx: Context, actor: Actor, ticketId: number, input: CreateCommentInput): Promise<CommentView> {
  checkCommentPermission(actor, input);
  const now = ctx.clock.now();
  const channel = input.channel ?? (actor.via === 'token' ? 'api' : 'web');
  const slaSetup = await cachedSlaSetup(ctx);
  const commentId = await ctx.db.transaction().execute(async (trx) => {
    const requested = await repo.lockTicket(trx, ticketId);
    if (!requested || (actor.role !== 'system' && !canSeeTicket(actor as UserActor, requested)))
      throw notFound('ticket_not_found', 'Ticket', ticketId);
    let ticket = (await destination(trx, ticketId)) ?? requested;
    const byCustomer = isCustomerActor(actor);
    if (ticket.status === 'closed') {
      if (!byCustomer && actor.role !== 'system') {
        throw new AppError(
          'invalid_transition',
          `Ticket ${ticket.id} is closed; only the requester's reply opens a follow-up. Create a new ticket instead.`,
        );
      }
      ticket = await openFollowUp(trx, actor, ticket, channel, now);
    }
    const comment = await trx
      .insertInto('ticket_comments')
      .values({
        ticket_id: ticket.id,
        author_user_id: byCustomer ? null : actor.userId,
        author_customer_id: byCustomer ? actor.customerId : null,
        body: maskCardNumbers(input.body).text,
        public: input.public,
        channel,
        metadata: '{}',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachUploads(trx, input.attachment_ids, { ticketId: ticket.id, commentId: comment.id, uploaderUserId: actor.userId });

    let status: TicketStatus = ticket.status;
    if (byCustomer) status = statusAfterCustomerReply(ticket.status);
    else if (input.status) status = input.status;
    else if (input.public) status = statusAfterAgentTouch(ticket.status);
    const commentEvent = {
      type: 'comment.added',
      comment_id: comment.id,
      after: { public: input.public, author: byCustomer ? 'customer' : 'agent' },
      channel,
    };
    const changes = input.resolution_code !== undefined ? { status, resolution_code: input.resolution_code } : { status };
    const events: repo.NewTicketEvent[] = [];
    const updated = await applyTicketChanges(trx, actor, ticket, changes, now, [commentEvent], events, slaSetup);
    if (!byCustomer && input.public && actor.userId !== null && ticket.first_response_at === null) {
      await trx.updateTable('tickets').set({ first_response_at: now }).where('id', '=', ticket.id).execute();
    }
    await runTicketChangeHooks(trx, { ctx, ticketId: ticket.id, kind: 'commented', events, actor, now, ticket: updated });
    return comment.id;
  });
  const [row] = await ctx.db
    .selectFrom('ticket_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_user_id')
    .leftJoin('customers as k', 'k.id', 'c.author_customer_id')
    .select([
      'c.id',
      'c.ticket_id',
      'c.body',
      'c.public',
      'c.channel',
      'c.author_user_id',
      'c.author_customer_id',
      'c.created_at',
      'u.name as user_name',
      'k.name as customer_name',
    ])
    .where('c.id', '=', commentId)
    .execute();
  if (!row) throw new AppError('internal_error', 'The comment vanished after it was written.');
  return presentComment(row, await repo.attachmentsOf(ctx.db, [commentId]));
}

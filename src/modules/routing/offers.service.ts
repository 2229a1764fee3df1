import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import * as repo from './routing.repository.ts';
import { assignTicket, buildRouter, routingInputs, type RoutingOutcome, runRouting, toWorkItem } from './routing.service.ts';

type Db = Kysely<Database>;

export interface OfferView {
  id: number;
  ticket_id: number;
  user_id: number;
  status: string;
  reason: string | null;
  subject: string;
  priority: string;
  channel: string;
  offered_at: string;
  expires_at: string;
  responded_at: string | null;
}

async function openOffers(db: Db, filter: { userId?: number; ticketIds?: number[] }) {
  return db
    .selectFrom('routing_offers as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .select(['o.id', 'o.ticket_id', 'o.user_id', 'o.status', 'o.reason', 'o.offered_at', 'o.expires_at', 'o.responded_at'])
    .select(['t.subject', 't.priority', 't.channel'])
    .where('o.status', '=', 'offered')
    .$if(filter.userId !== undefined, (q) => q.where('o.user_id', '=', filter.userId as number))
    .orderBy('o.id')
    .execute();
}

const present = (row: Awaited<ReturnType<typeof openOffers>>[number]): OfferView => ({
  ...row,
  offered_at: iso(row.offered_at) as string,
  expires_at: iso(row.expires_at) as string,
  responded_at: iso(row.responded_at),
});

/** The signed-in agent's open offers. */
export async function listMyOffers(ctx: Context, actor: UserActor): Promise<OfferView[]> {
  return (await openOffers(ctx.db, { userId: actor.userId })).map(present);
}

async function closeOffer(trx: Db, id: number, status: 'accepted' | 'declined' | 'timed_out' | 'cancelled', now: Date) {
  await trx.updateTable('routing_offers').set({ status, responded_at: now }).where('id', '=', id).execute();
}

async function lockOffer(trx: Db, actor: UserActor, id: number) {
  const offer = await trx.selectFrom('routing_offers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!offer) throw notFound('not_found', 'Offer', id);
  if (offer.user_id !== actor.userId) throw forbidden('This offer was made to another agent.');
  if (offer.status !== 'offered') throw new AppError('conflict', `Offer ${id} is already ${offer.status.replace('_', ' ')}.`);
  return offer;
}

/** Accepts an offer: the ticket is assigned to the agent. Throws not_found, forbidden, conflict (answered or expired). */
export async function acceptOffer(ctx: Context, actor: UserActor, id: number): Promise<{ ticket_id: number }> {
  const now = ctx.clock.now();
  const expired = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockRouting(trx);
    const offer = await lockOffer(trx, actor, id);
    if (offer.expires_at <= now) {
      await closeOffer(trx, id, 'timed_out', now);
      await runRouting(trx, now, { ticketIds: [offer.ticket_id] });
      return true;
    }
    await closeOffer(trx, id, 'accepted', now);
    if (!(await assignTicket(trx, offer.ticket_id, actor.userId, 'offer_accepted', now)))
      throw new AppError('conflict', `Ticket ${offer.ticket_id} was assigned or closed meanwhile.`);
    return false;
  });
  if (expired) throw new AppError('conflict', `Offer ${id} expired before you accepted it; the ticket went back to the queue.`);
  const offer = await ctx.db.selectFrom('routing_offers').select('ticket_id').where('id', '=', id).executeTakeFirstOrThrow();
  return { ticket_id: offer.ticket_id };
}

/** Declines an offer: the ticket is routed again, never back to this agent. Throws not_found, forbidden, conflict. */
export async function declineOffer(ctx: Context, actor: UserActor, id: number, reason?: string): Promise<RoutingOutcome[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockRouting(trx);
    const offer = await lockOffer(trx, actor, id);
    await trx
      .updateTable('routing_offers')
      .set({ status: 'declined', responded_at: now, reason: reason ?? offer.reason })
      .where('id', '=', id)
      .execute();
    return runRouting(trx, now, { ticketIds: [offer.ticket_id] });
  });
}

/** Offers past their deadline time out and their tickets are routed again (to someone else). */
export async function expireOffers(trx: Db, now: Date): Promise<RoutingOutcome[]> {
  const expired = await trx
    .updateTable('routing_offers')
    .set({ status: 'timed_out', responded_at: now })
    .where('status', '=', 'offered')
    .where('expires_at', '<=', now)
    .returning('ticket_id')
    .execute();
  if (expired.length === 0) return [];
  return runRouting(trx, now, { ticketIds: expired.map((e) => e.ticket_id) });
}

/** An agent left the online state: their open offers go to someone else. */
export async function cancelOffersOf(trx: Db, userId: number, now: Date): Promise<RoutingOutcome[]> {
  const cancelled = await trx
    .updateTable('routing_offers')
    .set({ status: 'cancelled', responded_at: now, reason: 'agent left' })
    .where('status', '=', 'offered')
    .where('user_id', '=', userId)
    .returning('ticket_id')
    .execute();
  if (cancelled.length === 0) return [];
  return runRouting(trx, now, { ticketIds: cancelled.map((c) => c.ticket_id) });
}

/** Pull mode: assigns the most urgent waiting ticket the agent may take (within their capacity), or none. */
export async function pullNext(ctx: Context, actor: UserActor): Promise<{ ticket_id: number | null }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockRouting(trx);
    const inputs = await routingInputs(trx);
    const [agent] = await repo.loadAgents(trx, inputs.settings.default_capacity, { userIds: [actor.userId] });
    if (!agent) throw new AppError('unprocessable', 'Only agents who take routed work can pull the next item.');
    const queue = await repo.loadQueue(trx, { limit: 5000 });
    const router = buildRouter([agent], inputs, actor.userId);
    for (const row of queue) router.enqueue(toWorkItem(row, inputs));
    const item = router.nextItemFor(actor.userId);
    if (!item) return { ticket_id: null };
    await assignTicket(trx, item.id, actor.userId, 'pulled', now);
    return { ticket_id: item.id };
  });
}

import type { TicketRow } from '../../db/schema.ts';
import type { UserActor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';

/** Agents (and analysts) see every ticket; a customer sees only the tickets they requested. */
export function canSeeTicket(actor: UserActor, ticket: Pick<TicketRow, 'requester_id'>): boolean {
  if (can(actor.role, 'tickets.read_all')) return true;
  return can(actor.role, 'tickets.read_own') && actor.customerId !== null && ticket.requester_id === actor.customerId;
}

/** Throws ticket_not_found rather than forbidden, so customers cannot probe other tickets' existence. */
export function assertCanSeeTicket<T extends Pick<TicketRow, 'requester_id'>>(actor: UserActor, ticket: T | undefined, id: number): T {
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound('ticket_not_found', 'Ticket', id);
  return ticket;
}

/** Everyone who reads all tickets (agents, and analysts for quality and root-cause work) sees internal notes; customers never. */
export const seesInternalNotes = (actor: UserActor): boolean => can(actor.role, 'tickets.read_all');

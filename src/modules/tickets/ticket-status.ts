import type { TicketStatus } from '../../db/schema.ts';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const satisfies readonly TicketStatus[];

/** Where each status may go. Closed is final: a reply to a closed ticket opens a follow-up instead. */
const transitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || transitions[from].includes(to);
}

export function allowedNext(from: TicketStatus): readonly TicketStatus[] {
  return transitions[from];
}

export const isUnsolved = (status: TicketStatus): boolean => status !== 'solved' && status !== 'closed';

/** The status a ticket takes when its requester writes: waiting and solved tickets come back to the agents. */
export function statusAfterCustomerReply(current: TicketStatus): TicketStatus {
  return current === 'pending' || current === 'on_hold' || current === 'solved' ? 'open' : current;
}

/** An agent's first public reply (or assignment) takes a new ticket out of the untouched state. */
export function statusAfterAgentTouch(current: TicketStatus): TicketStatus {
  return current === 'new' ? 'open' : current;
}

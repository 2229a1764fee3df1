export { ticketRoutes } from './tickets.routes.ts';
export { createTicket } from './create-ticket.ts';
export { addComment } from './add-comment.ts';
export { updateTicket } from './update-ticket.ts';
export { getTicketForActor } from './ticket-queries.ts';
export type { TicketView, CreateTicketInput, UpdateTicketInput } from './tickets.schemas.ts';
export { countTickets, parseOrExplain } from './list-tickets.ts';
export { mergeTickets } from './merge-tickets.ts';

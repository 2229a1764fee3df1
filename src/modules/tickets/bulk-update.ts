import type { Actor, Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { TicketView, UpdateTicketInput } from './tickets.schemas.ts';
import { updateTicket } from './update-ticket.ts';

export interface BulkResult {
  id: number;
  ok: boolean;
  ticket?: TicketView;
  error?: { code: string; detail: string };
}

/**
 * Applies one set of changes to many tickets, each in its own transaction: a ticket that refuses
 * (closed, forbidden transition) is reported and does not hold back the others.
 */
export async function bulkUpdateTickets(
  ctx: Context,
  actor: Actor,
  ids: number[],
  changes: Omit<UpdateTicketInput, 'version'>,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      results.push({ id, ok: true, ticket: await updateTicket(ctx, actor, id, changes) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, detail: error.message } });
    }
  }
  return results;
}

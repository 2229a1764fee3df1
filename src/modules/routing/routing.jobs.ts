import type { Context } from '../../platform/context.ts';
import { onTicketChange, type TicketChange } from '../tickets/index.ts';
import { runRoutingCycle } from './routing-cycle.ts';
import { activeStatuses } from './routing.repository.ts';
import { runRouting } from './routing.service.ts';

export const routingCycleJob = 'routing.cycle';

type Db = Context['db'];

/**
 * Routing reacts to ticket changes in their own transaction: a new or unassigned ticket (or one moved
 * to another group or tier) is routed at once, and an agent whose work ends (solved, pending,
 * reassigned) gets the next item. Cheap when nobody is online.
 */
export async function routeOnTicketChange(trx: Db, change: TicketChange): Promise<void> {
  const fieldChanges = change.events.filter((e) => e.type === 'ticket.field_changed');
  const changed = (field: string) => fieldChanges.find((e) => e.field === field);
  const ticket = await trx.selectFrom('tickets').select(['assignee_id', 'status']).where('id', '=', change.ticketId).executeTakeFirst();
  if (!ticket) return;
  const unassigned = ticket.assignee_id === null && activeStatuses.includes(ticket.status);
  const routeTicket =
    unassigned &&
    (change.kind === 'created' || !!changed('assignee_id') || !!changed('status') || !!changed('group_id') || !!changed('tier'));
  const freed = new Set<number>();
  const previous = changed('assignee_id')?.before;
  if (typeof previous === 'number') freed.add(previous);
  const status = changed('status');
  if (ticket.assignee_id !== null && status && !activeStatuses.includes(ticket.status)) freed.add(ticket.assignee_id);
  if (!routeTicket && freed.size === 0) return;
  const online = await trx.selectFrom('agent_states').select('user_id').where('state', '=', 'online').limit(1).executeTakeFirst();
  if (!online) return;
  if (routeTicket) await runRouting(trx, change.now, { ticketIds: [change.ticketId] });
  for (const agentId of freed) await runRouting(trx, change.now, { agentId });
}

/** Registers the ticket hook and the periodic routing pass (every minute on worker processes). */
export async function registerRoutingWork(ctx: Context): Promise<void> {
  onTicketChange(routeOnTicketChange, 'routing');
  await ctx.jobs.work(
    routingCycleJob,
    async () => {
      const result = await runRoutingCycle(ctx);
      if (result.routed.length || result.expired.length || result.escalated.length)
        ctx.log.info({ routed: result.routed.length, expired: result.expired.length, escalated: result.escalated.length }, 'routing cycle');
    },
    { policy: 'short', retryLimit: 1, expireInSeconds: 300 },
  );
  await ctx.jobs.schedule(routingCycleJob, '* * * * *');
}

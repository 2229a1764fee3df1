import type { Context } from '../../platform/context.ts';
import { escalateBreaches, type TierChange } from './escalation.service.ts';
import { expireOffers } from './offers.service.ts';
import { type RoutingOutcome, runRouting } from './routing.service.ts';

/**
 * The periodic pass (every minute from the job queue, or on demand): offers past their deadline go
 * to the next agent, SLA breaches escalate where the matrix says so, and whatever still waits is
 * routed — a safety net behind the event-driven routing on ticket and presence changes.
 */
export async function runRoutingCycle(
  ctx: Context,
): Promise<{ routed: RoutingOutcome[]; expired: RoutingOutcome[]; escalated: TierChange[] }> {
  const now = ctx.clock.now();
  const expired = await ctx.db.transaction().execute((trx) => expireOffers(trx, now));
  const escalated = await escalateBreaches(ctx);
  const routed = await ctx.db.transaction().execute((trx) => runRouting(trx, now));
  return { routed, expired, escalated };
}

import type { TicketRow } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';
import { onTicketChange, type TicketChange } from '../tickets/index.ts';
import { findTicketRow } from './webhooks.repository.ts';
import { deliver, deliverJob, deliveryQueue, publishWebhookEvent } from './webhook-delivery.ts';

/** The ticket as webhook payloads carry it. */
export const webhookTicket = (t: TicketRow) => ({
  id: t.id,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  type: t.type,
  channel: t.channel,
  requester_id: t.requester_id,
  organization_id: t.organization_id,
  assignee_id: t.assignee_id,
  group_id: t.group_id,
  tier: t.tier,
  category_id: t.category_id,
  tags: t.tags,
  version: t.version,
  created_at: new Date(t.created_at).toISOString(),
  updated_at: new Date(t.updated_at).toISOString(),
});

async function publishTicketChange(trx: Context['db'], change: TicketChange): Promise<void> {
  const { ctx } = change;
  const ticket = change.ticket ?? (await findTicketRow(trx, change.ticketId));
  if (!ticket) return;
  const changes = change.events
    .filter((e) => e.type === 'ticket.field_changed' && e.field)
    .map((e) => ({ field: e.field as string, before: e.before ?? null, after: e.after ?? null }));
  const data = {
    ticket: webhookTicket(ticket),
    changes,
    actor: {
      type: change.actor.role === 'customer' ? 'customer' : change.actor.role === 'system' ? 'system' : 'agent',
      id: change.actor.userId,
    },
  };
  await publishWebhookEvent(ctx, trx, `ticket.${change.kind}`, data, change.now);
  const solved = changes.some((c) => c.field === 'status' && c.after === 'solved');
  if (solved) await publishWebhookEvent(ctx, trx, 'ticket.solved', data, change.now);
}

/** The delivery job, and publishing ticket events to subscriptions in each change's transaction. */
export async function registerWebhooks(ctx: Context): Promise<void> {
  await ctx.jobs.work<{ delivery_id: number }>(deliverJob, (data, job) => deliver(ctx, data.delivery_id, job), deliveryQueue);
  onTicketChange(publishTicketChange, 'webhooks');
}

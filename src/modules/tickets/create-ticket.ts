import type { Actor, Context } from '../../platform/context.ts';
import { AppError, forbidden, validationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { maskCardNumbers, maskCardNumbersDeep } from '../../platform/card-numbers.ts';
import { findCustomerById, resolveRequester } from '../customers/index.ts';
import { cachedCustomFieldDefinitions, validateCustomFieldValues } from '../taxonomy/index.ts';
import { attachUploads, checkAssignee, checkGroup, resolveCategoryId } from './ticket-references.ts';
import { cachedSlaSetup, startSlaForNewTicket } from '../sla/index.ts';
import { presentTicket } from './tickets.presenter.ts';
import { getTicketForActor } from './ticket-queries.ts';
import { hasTicketChangeHooks, runTicketChangeHooks } from './ticket-hooks.ts';
import { insertTicketWithDescription } from './tickets.repository.ts';
import type { CreateTicketInput, TicketView } from './tickets.schemas.ts';

const agentOnlyFields = ['assignee_id', 'group_id', 'tier', 'status'] as const;

function defaultChannel(actor: Actor): string {
  if (actor.role === 'customer') return 'web';
  return actor.via === 'token' ? 'api' : 'web';
}

/**
 * Opens a ticket: resolves (or creates) the requester, validates the taxonomy, custom fields and
 * references, and records the creation and the first message as events, all in one transaction.
 * Throws validation_failed, forbidden.
 */
export async function createTicket(ctx: Context, actor: Actor, input: CreateTicketInput): Promise<TicketView> {
  const isCustomer = actor.role === 'customer';
  if (isCustomer) {
    for (const field of agentOnlyFields) if (input[field] !== undefined) throw forbidden(`Customers cannot set ${field}.`);
    if (input.requester) throw forbidden('Customers open tickets for themselves only; leave out requester.');
    if (actor.customerId === null) throw new AppError('unprocessable', 'Your account is not linked to a customer record.');
  } else if (!input.requester) {
    throw validationError('requester: give the requester as { "email" | "phone" | "name" }', [{ path: 'requester', message: 'required' }]);
  }
  const now = ctx.clock.now();
  // Configuration comes from the process cache, read before the transaction opens (see cache.ts).
  const [slaSetup, fieldDefinitions] = await Promise.all([cachedSlaSetup(ctx), cachedCustomFieldDefinitions(ctx)]);
  const fields = validateCustomFieldValues(fieldDefinitions, input.custom_fields, { requireAll: true });
  if (fields.problems.length)
    throw validationError(`Custom fields: ${fields.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, fields.problems);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const requester = isCustomer
      ? await findCustomerById(trx, actor.customerId as number)
      : await resolveRequester(trx, input.requester as NonNullable<CreateTicketInput['requester']>, now);
    if (!requester) throw new AppError('unprocessable', 'The requester does not exist.');
    await checkAssignee(trx, input.assignee_id);
    await checkGroup(trx, input.group_id);
    const categoryId = await resolveCategoryId(trx, input.category);
    const channel = input.channel ?? defaultChannel(actor);
    // The description is the requester's own words, whoever typed it in.
    const ticket = await insertTicketWithDescription(
      trx,
      {
        subject: maskCardNumbers(input.subject).text,
        status: input.status ?? (input.assignee_id ? 'open' : 'new'),
        priority: input.priority,
        type: input.type,
        channel,
        requester_id: requester.id,
        organization_id: requester.organization_id,
        assignee_id: input.assignee_id ?? null,
        group_id: input.group_id ?? null,
        tier: input.tier ?? 1,
        category_id: categoryId ?? null,
        tags: [...new Set(input.tags)],
        custom_fields: maskCardNumbersDeep(fields.values),
      },
      { body: maskCardNumbers(input.description).text, authorCustomerId: requester.id },
      actor,
      now,
    );
    await attachUploads(trx, input.attachment_ids, { ticketId: ticket.id, commentId: ticket.comment_id, uploaderUserId: actor.userId });
    const clocks = await startSlaForNewTicket(trx, slaSetup, { ...ticket, from_customer: true }, now);
    const next = clocks.filter((c) => c.due_at !== null && (c.status === 'running' || c.status === 'breached')).sort(byDue)[0];
    ticket.sla_target = next?.target ?? null;
    ticket.sla_due_at = next?.due_at ?? null;
    const events = [
      { type: 'ticket.created', after: ticket },
      { type: 'comment.added', comment_id: ticket.comment_id, after: { public: true, author: 'customer' } },
    ];
    await runTicketChangeHooks(trx, { ctx, ticketId: ticket.id, kind: 'created', events, actor, now, ticket });
    return ticket;
  });
  // A trigger or the router may have changed the ticket in the same transaction: show what committed.
  if (hasTicketChangeHooks()) return getTicketForActor(ctx, actor, created.id);
  return presentTicket(created, { sla: actor.role !== 'customer' });
}

const byDue = (a: { due_at: Date | null }, b: { due_at: Date | null }) => (a.due_at?.getTime() ?? 0) - (b.due_at?.getTime() ?? 0);

export function mayCreateFor(actor: Actor): boolean {
  return actor.role === 'system' || can(actor.role, 'tickets.create');
}

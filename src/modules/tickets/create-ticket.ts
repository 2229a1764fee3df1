import type { Actor, Context } from '../../platform/context.ts';
import { AppError, forbidden, validationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { findCustomerById, resolveRequester } from '../customers/index.ts';
import { customFieldDefinitions, validateCustomFieldValues } from '../taxonomy/index.ts';
import { attachUploads, checkAssignee, checkGroup, resolveCategoryId } from './ticket-references.ts';
import { recomputeSlaForTicket } from '../sla/index.ts';
import { getTicketForActor } from './ticket-queries.ts';
import { appendEvents } from './tickets.repository.ts';
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
  const created = await ctx.db.transaction().execute(async (trx) => {
    const requester = isCustomer
      ? await findCustomerById(trx, actor.customerId as number)
      : await resolveRequester(trx, input.requester as NonNullable<CreateTicketInput['requester']>, now);
    if (!requester) throw new AppError('unprocessable', 'The requester does not exist.');
    await checkAssignee(trx, input.assignee_id);
    await checkGroup(trx, input.group_id);
    const categoryId = await resolveCategoryId(trx, input.category);
    const fields = validateCustomFieldValues(await customFieldDefinitions(trx), input.custom_fields, { requireAll: true });
    if (fields.problems.length)
      throw validationError(`Custom fields: ${fields.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, fields.problems);
    const channel = input.channel ?? defaultChannel(actor);
    const status = input.status ?? (input.assignee_id ? 'open' : 'new');
    const ticket = await trx
      .insertInto('tickets')
      .values({
        subject: input.subject,
        status,
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
        custom_fields: JSON.stringify(fields.values),
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'status', 'priority', 'type', 'channel', 'assignee_id', 'group_id', 'tier', 'category_id', 'tags'])
      .executeTakeFirstOrThrow();
    // The description is the requester's own words, whoever typed it in.
    const comment = await trx
      .insertInto('ticket_comments')
      .values({
        ticket_id: ticket.id,
        author_customer_id: requester.id,
        body: input.description,
        public: true,
        channel,
        metadata: '{}',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachUploads(trx, input.attachment_ids, { ticketId: ticket.id, commentId: comment.id, uploaderUserId: actor.userId });
    const { id: _id, ...initial } = ticket;
    await appendEvents(trx, ticket.id, actor, now, [
      { type: 'ticket.created', after: { ...initial, requester_id: requester.id, custom_fields: fields.values }, channel },
      { type: 'comment.added', comment_id: comment.id, after: { public: true, author: 'customer' }, channel },
    ]);
    await recomputeSlaForTicket(trx, ticket.id, now);
    return ticket.id;
  });
  return getTicketForActor(ctx, actor, created);
}

export function mayCreateFor(actor: Actor): boolean {
  return actor.role === 'system' || can(actor.role, 'tickets.create');
}

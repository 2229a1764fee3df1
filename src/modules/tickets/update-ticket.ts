import type { TicketRow, TicketStatus, TicketUpdate } from '../../db/schema.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { maskCardNumbers, maskCardNumbersDeep } from '../../platform/card-numbers.ts';
import { customFieldDefinitions, getTicketSettings, validateCustomFieldValues } from '../taxonomy/index.ts';
import { allowedNext, canTransition, statusAfterAgentTouch } from './ticket-status.ts';
import { checkAssignee, checkGroup, checkResolutionCode, resolveCategoryId } from './ticket-references.ts';
import { cachedSlaSetup, recomputeSlaForTicket, type SlaSetup } from '../sla/index.ts';
import { getTicketForActor } from './ticket-queries.ts';
import { runTicketChangeHooks } from './ticket-hooks.ts';
import { appendEvents, bumpVersion, lockTicket, type NewTicketEvent } from './tickets.repository.ts';
import type { TicketView, UpdateTicketInput } from './tickets.schemas.ts';

const trackedFields = [
  'subject',
  'status',
  'priority',
  'type',
  'assignee_id',
  'group_id',
  'tier',
  'category_id',
  'tags',
  'custom_fields',
  'resolution_code',
] as const;
type TrackedField = (typeof trackedFields)[number];

function nextTags(current: string[], input: UpdateTicketInput): string[] | undefined {
  if (input.tags === undefined && !input.add_tags && !input.remove_tags) return undefined;
  const tags = new Set(input.tags ?? current);
  for (const tag of input.add_tags ?? []) tags.add(tag);
  for (const tag of input.remove_tags ?? []) tags.delete(tag);
  return [...tags];
}

/** Timestamps that follow a status change: solved and closed are facts the SLA and FCR figures need. */
function statusTimestamps(from: TicketStatus, to: TicketStatus, now: Date): Partial<TicketUpdate> {
  if (from === to) return {};
  if (to === 'solved') return { solved_at: now };
  if (to === 'closed') return { closed_at: now };
  if (from === 'solved') return { solved_at: null };
  return {};
}

/**
 * Applies the changes the caller asked for inside an open transaction and records one event per
 * changed field. Shared by PATCH and by comments that change the status ("submit as").
 * Throws ticket_not_found, version_conflict, invalid_transition, validation_failed.
 */
export async function applyTicketChanges(
  trx: Context['db'],
  actor: Actor,
  ticket: TicketRow,
  input: UpdateTicketInput,
  now: Date,
  extraEvents: NewTicketEvent[] = [],
  /** Receives the events recorded, for the change hooks. */
  recorded?: NewTicketEvent[],
  /** The SLA policies to measure with; callers with a Context pass `await cachedSlaSetup(ctx)`, read before the transaction. */
  slaSetup?: SlaSetup,
): Promise<TicketRow> {
  if (input.version !== undefined && input.version !== ticket.version) {
    throw new AppError(
      'version_conflict',
      `Ticket ${ticket.id} changed since you read it (your version ${input.version}, now ${ticket.version}); reload and try again.`,
      {
        current_version: ticket.version,
      },
    );
  }
  if (ticket.status === 'closed') {
    throw new AppError('invalid_transition', `Ticket ${ticket.id} is closed and cannot change; reply to it to open a follow-up.`);
  }
  await checkAssignee(trx, input.assignee_id);
  await checkGroup(trx, input.group_id);
  await checkResolutionCode(trx, input.resolution_code);
  const categoryId = input.category !== undefined ? await resolveCategoryId(trx, input.category) : input.category_id;
  if (input.category === undefined && input.category_id != null) await resolveCategoryId(trx, input.category_id);

  let status = input.status ?? ticket.status;
  if (input.status === undefined && input.assignee_id != null) status = statusAfterAgentTouch(ticket.status);
  if (!canTransition(ticket.status, status)) {
    throw new AppError(
      'invalid_transition',
      `${/^[aeiou]/.test(ticket.status) ? 'An' : 'A'} ${ticket.status} ticket cannot become ${status}; allowed: ${allowedNext(ticket.status).join(', ') || 'none'}.`,
      {
        from: ticket.status,
        to: status,
        allowed: allowedNext(ticket.status),
      },
    );
  }

  const solving = status === 'solved' && ticket.status !== 'solved';
  let customFields = ticket.custom_fields;
  if (input.custom_fields !== undefined || solving) {
    const checked = validateCustomFieldValues(await customFieldDefinitions(trx), input.custom_fields ?? {}, {
      requireAll: solving,
      existing: ticket.custom_fields,
    });
    if (checked.problems.length)
      throw validationError(`Custom fields: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, checked.problems);
    customFields = maskCardNumbersDeep(checked.values);
  }
  const reopening = ticket.status === 'solved' && status !== 'solved' && status !== 'closed';
  // A reopened ticket is unresolved again; its next solve records its own resolution.
  const resolutionCode = input.resolution_code !== undefined ? input.resolution_code : reopening ? null : ticket.resolution_code;
  if (solving && !resolutionCode && (await getTicketSettings(trx)).resolution_code_required) {
    throw validationError('A resolution code is required to solve a ticket.', [
      { path: 'resolution_code', message: 'required when solving' },
    ]);
  }

  const proposed: Record<TrackedField, unknown> = {
    subject: input.subject !== undefined ? maskCardNumbers(input.subject).text : ticket.subject,
    status,
    priority: input.priority ?? ticket.priority,
    type: input.type ?? ticket.type,
    assignee_id: input.assignee_id !== undefined ? input.assignee_id : ticket.assignee_id,
    group_id: input.group_id !== undefined ? input.group_id : ticket.group_id,
    tier: input.tier ?? ticket.tier,
    category_id: categoryId !== undefined ? categoryId : ticket.category_id,
    tags: nextTags(ticket.tags, input) ?? ticket.tags,
    custom_fields: customFields,
    resolution_code: resolutionCode,
  };
  const changes: Partial<Record<TrackedField, unknown>> = {};
  const events: NewTicketEvent[] = [];
  for (const field of trackedFields) {
    const before = ticket[field];
    const after = proposed[field];
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes[field] = after;
      events.push({ type: 'ticket.field_changed', field, before, after });
    }
  }
  if (ticket.status === 'solved' && status === 'open') events.push({ type: 'ticket.reopened', before: 'solved', after: 'open' });
  if (events.length === 0 && extraEvents.length === 0) return ticket;

  const update: TicketUpdate = {
    ...(changes as TicketUpdate),
    ...(changes.custom_fields !== undefined ? { custom_fields: JSON.stringify(changes.custom_fields) } : {}),
    ...statusTimestamps(ticket.status, status, now),
    updated_at: now,
  };
  const updated = await trx
    .updateTable('tickets')
    .set({ ...update, version: bumpVersion() })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvents(trx, ticket.id, actor, now, [...extraEvents, ...events]);
  recorded?.push(...extraEvents, ...events);
  // SLA clocks move with the change, in the same transaction.
  await recomputeSlaForTicket(trx, ticket.id, now, slaSetup);
  return updated;
}

/** PATCH /tickets/:id. Throws ticket_not_found, version_conflict, invalid_transition, validation_failed. */
export async function updateTicket(ctx: Context, actor: Actor, id: number, input: UpdateTicketInput): Promise<TicketView> {
  if (input.category !== undefined && input.category_id !== undefined) {
    throw validationError('Give either category or category_id, not both.', [{ path: 'category', message: 'conflicts with category_id' }]);
  }
  const slaSetup = await cachedSlaSetup(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, id);
    if (!ticket) throw notFound('ticket_not_found', 'Ticket', id);
    const now = ctx.clock.now();
    const events: NewTicketEvent[] = [];
    const updated = await applyTicketChanges(trx, actor, ticket, input, now, [], events, slaSetup);
    if (events.length) await runTicketChangeHooks(trx, { ctx, ticketId: id, kind: 'updated', events, actor, now, ticket: updated });
  });
  return getTicketForActor(ctx, actor, id);
}

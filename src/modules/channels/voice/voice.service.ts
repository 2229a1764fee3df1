import type { Selectable } from 'kysely';
import type { CallsTable } from '../../../db/schema.ts';
import type { Actor, Context } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { iso } from '../../../platform/schemas.ts';
import { addComment, createTicket } from '../../tickets/index.ts';
import { insertChannelMessage } from '../email/email.repository.ts';
import { canonicalPhone, screenPopForPhone } from './screen-pop.ts';
import type { CallEventInput, ScreenPop } from './voice.schemas.ts';

type CallRow = Selectable<CallsTable>;

const seconds = (from: Date | string | null, to: Date) =>
  from ? Math.max(0, Math.round((to.getTime() - new Date(from).getTime()) / 1000)) : 0;

export function presentCall(row: CallRow) {
  return {
    id: row.id,
    call_id: row.call_id,
    direction: row.direction,
    from_number: row.from_number,
    to_number: row.to_number,
    customer_id: row.customer_id,
    agent_id: row.agent_id,
    ticket_id: row.ticket_id,
    status: row.status,
    queue_wait_seconds: row.queue_wait_seconds,
    talk_seconds: row.talk_seconds,
    hold_seconds: row.hold_seconds,
    wrap_up_seconds: row.wrap_up_seconds,
    outcome: row.outcome,
    recording_url: row.recording_url,
    ringing_at: iso(row.ringing_at) as string,
    answered_at: iso(row.answered_at),
    ended_at: iso(row.ended_at),
  };
}

async function checkAgent(ctx: Context, agentId: number | null | undefined) {
  if (agentId == null) return undefined;
  const agent = await ctx.db.selectFrom('users').select(['id', 'name', 'role', 'active']).where('id', '=', agentId).executeTakeFirst();
  if (!agent || agent.role === 'customer' || !agent.active)
    throw new AppError('validation_failed', `agent_id: ${agentId} is not an active agent`, [
      { path: 'agent_id', message: 'not an active agent' },
    ]);
  return agent;
}

/** The call's row, created on the first event the provider sends for it (ringing, or a later one if ringing was lost); one statement. */
async function upsertCall(ctx: Context, input: CallEventInput, at: Date): Promise<CallRow> {
  const customerPhone = canonicalPhone(input.direction === 'inbound' ? input.from : input.to);
  const now = ctx.clock.now();
  return (
    ctx.db
      .insertInto('calls')
      .values((eb) => ({
        call_id: input.call_id,
        direction: input.direction,
        from_number: canonicalPhone(input.from),
        to_number: canonicalPhone(input.to),
        customer_id: eb
          .selectFrom('customer_identities')
          .select('customer_id')
          .where('kind', '=', 'phone')
          .where('value', '=', customerPhone)
          .limit(1),
        status: 'ringing',
        ringing_at: at,
        events: '[]',
        created_at: now,
        updated_at: now,
      }))
      // A no-op update, so that an existing call comes back too.
      .onConflict((oc) => oc.column('call_id').doUpdateSet((eb) => ({ call_id: eb.ref('excluded.call_id') })))
      .returningAll()
      .executeTakeFirstOrThrow()
  );
}

/** The ticket a call works on: opened when the call is answered (or leaves a voicemail), with the caller as requester. */
async function ensureTicket(ctx: Context, call: CallRow, input: CallEventInput, agentId: number | null): Promise<CallRow> {
  if (call.ticket_id) return call;
  const phone = call.direction === 'inbound' ? call.from_number : call.to_number;
  const requester = phone.startsWith('+') ? { phone } : { name: `Caller ${phone}`.slice(0, 200) };
  const description =
    input.event === 'voicemail'
      ? `Voicemail from ${phone}.${input.transcript ? `\n\n${input.transcript}` : ''}${input.recording_url ? `\n\nRecording: ${input.recording_url}` : ''}`
      : `Phone call ${call.direction === 'inbound' ? 'from' : 'to'} ${phone}.`;
  const ticket = await createTicket(ctx, systemActor, {
    subject: input.event === 'voicemail' ? `Voicemail from ${phone}` : `Call ${call.direction === 'inbound' ? 'from' : 'to'} ${phone}`,
    description: description.slice(0, 60_000),
    requester,
    priority: 'p3',
    type: 'question',
    tags: [],
    custom_fields: {},
    channel: 'voice',
    assignee_id: agentId,
    ...(agentId ? { status: 'open' as const } : {}),
  });
  const first = await ctx.db
    .selectFrom('ticket_comments')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await insertChannelMessage(ctx.db, {
    comment_id: first.id,
    ticket_id: ticket.id,
    channel: 'voice',
    direction: 'inbound',
    source: 'voice',
    external_id: call.call_id,
    full_text: description,
    html: null,
    metadata: { call_id: call.call_id, from: call.from_number, to: call.to_number },
    created_at: ctx.clock.now(),
  });
  const updated = await ctx.db
    .updateTable('calls')
    .set({ ticket_id: ticket.id, customer_id: ticket.requester_id })
    .where('id', '=', call.id)
    .where('ticket_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return updated ?? (await ctx.db.selectFrom('calls').selectAll().where('id', '=', call.id).executeTakeFirstOrThrow());
}

function callSummary(call: CallRow): string {
  const parts = [
    `Call ${call.outcome ?? call.status}`,
    call.queue_wait_seconds !== null ? `waited ${call.queue_wait_seconds} s` : undefined,
    call.talk_seconds !== null ? `talked ${call.talk_seconds} s` : undefined,
    call.hold_seconds ? `on hold ${call.hold_seconds} s` : undefined,
    call.recording_url ? `recording: ${call.recording_url}` : undefined,
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * Applies one telephony event to its call: ringing answers the caller's context (the screen-pop);
 * answered opens the call's ticket; hold, transfer, end and wrap-up keep the interaction's timings
 * (queue wait, talk, hold, wrap-up) that ASA, service level, abandonment and AHT are computed from.
 * A repeated event is applied once. Throws validation_failed.
 */
export async function recordCallEvent(
  ctx: Context,
  _actor: Actor,
  input: CallEventInput,
): Promise<{ call: ReturnType<typeof presentCall>; screen_pop?: ScreenPop }> {
  const at = input.occurred_at ? new Date(input.occurred_at) : ctx.clock.now();
  const agent = await checkAgent(ctx, input.agent_id);
  let call = await upsertCall(ctx, input, at);
  const events = call.events as Record<string, unknown>[];
  const signature = `${input.event}@${at.toISOString()}`;
  if (events.some((e) => e.key === signature)) return { call: presentCall(call) };
  const entry = { key: signature, event: input.event, at: at.toISOString(), agent_id: input.agent_id ?? null };
  const ended = call.ended_at !== null;
  const patch: Partial<Record<keyof CallRow, unknown>> = {};
  switch (input.event) {
    case 'ringing':
      break;
    case 'answered':
      Object.assign(patch, {
        status: 'answered',
        answered_at: at,
        agent_id: agent?.id ?? call.agent_id,
        queue_wait_seconds: seconds(call.ringing_at, at),
      });
      break;
    case 'held':
      if (!call.held_at) Object.assign(patch, { status: 'on_hold', held_at: at });
      break;
    case 'resumed':
      if (call.held_at)
        Object.assign(patch, { status: 'answered', held_at: null, hold_seconds: call.hold_seconds + seconds(call.held_at, at) });
      break;
    case 'transferred':
      Object.assign(patch, { agent_id: agent?.id ?? call.agent_id });
      break;
    case 'ended': {
      const hold = call.hold_seconds + (call.held_at ? seconds(call.held_at, at) : 0);
      const answered = call.answered_at !== null;
      Object.assign(patch, {
        status: answered ? 'ended' : 'abandoned',
        ended_at: at,
        held_at: null,
        hold_seconds: hold,
        talk_seconds: answered ? Math.max(0, seconds(call.answered_at, at) - hold) : null,
        queue_wait_seconds: answered ? call.queue_wait_seconds : seconds(call.ringing_at, at),
        outcome: input.outcome ?? (answered ? 'completed' : 'abandoned'),
        ...(input.wrap_up_seconds !== undefined ? { wrap_up_seconds: input.wrap_up_seconds } : {}),
      });
      break;
    }
    case 'abandoned':
      Object.assign(patch, { status: 'abandoned', ended_at: at, outcome: 'abandoned', queue_wait_seconds: seconds(call.ringing_at, at) });
      break;
    case 'voicemail':
      Object.assign(patch, {
        status: 'voicemail',
        ended_at: call.ended_at ?? at,
        outcome: 'voicemail',
        queue_wait_seconds: call.queue_wait_seconds ?? seconds(call.ringing_at, at),
      });
      break;
    case 'wrapped_up':
      Object.assign(patch, { wrap_up_seconds: input.wrap_up_seconds ?? (call.ended_at ? seconds(call.ended_at, at) : 0) });
      break;
  }
  if (input.recording_url) patch.recording_url = input.recording_url;
  if (input.transcript) patch.transcript = input.transcript;
  call = await ctx.db
    .updateTable('calls')
    .set({ ...(patch as object), events: JSON.stringify([...events, entry]), updated_at: ctx.clock.now() })
    .where('id', '=', call.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  if (input.event === 'answered' || input.event === 'voicemail') call = await ensureTicket(ctx, call, input, call.agent_id);
  if ((input.event === 'ended' || input.event === 'abandoned') && call.ticket_id && !ended) {
    const ticket = await ctx.db.selectFrom('tickets').select('status').where('id', '=', call.ticket_id).executeTakeFirst();
    if (ticket && ticket.status !== 'closed')
      await addComment(ctx, systemActor, call.ticket_id, { body: callSummary(call), public: false, channel: 'voice' });
  }
  if (input.event === 'ringing') {
    const phone = call.direction === 'inbound' ? call.from_number : call.to_number;
    return { call: presentCall(call), screen_pop: await screenPopForPhone(ctx.db, phone) };
  }
  return { call: presentCall(call) };
}

/** Throws not_found. */
export async function getCall(ctx: Context, callId: string) {
  const row = await ctx.db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
  if (!row) throw notFound('not_found', 'Call', callId);
  return presentCall(row);
}

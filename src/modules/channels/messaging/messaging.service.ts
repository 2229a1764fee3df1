import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Actor, Context } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { openSecret, safeEqual } from '../../../platform/secrets.ts';
import { createCustomer, normaliseIdentity, resolveRequester } from '../../customers/index.ts';
import { addComment, createTicket, updateTicket } from '../../tickets/index.ts';
import { maskCardNumbers } from '../card-numbers.ts';
import { insertChannelMessage } from '../email/email.repository.ts';

export const inboundMessageBody = z.strictObject({
  message_id: z.string().trim().min(1).max(200).describe("the provider's id of the message; a repeated id is accepted once"),
  from: z
    .strictObject({
      phone: z.string().trim().min(1).max(40).optional(),
      handle: z.string().trim().min(1).max(200).optional(),
      name: z.string().trim().min(1).max(200).optional(),
    })
    .refine((f) => f.phone || f.handle, 'give the sender as phone or handle'),
  text: z.string().trim().min(1).max(10_000),
  sent_at: z.iso.datetime({ offset: true }).optional(),
  attachments: z
    .array(
      z.strictObject({
        url: z.url({ protocol: /^https?$/ }).max(2000),
        content_type: z.string().max(200).optional(),
        filename: z.string().max(200).optional(),
      }),
    )
    .max(10)
    .default([]),
});
export type InboundMessage = z.infer<typeof inboundMessageBody>;

export const inboundMessageResponse = z.object({
  ticket_id: z.number(),
  comment_id: z.number(),
  customer_id: z.number(),
  created: z.boolean().describe('true when the message opened a new ticket'),
  duplicate: z.boolean(),
});

/** `sha256=<hex>` of the raw request body under the connection's secret. */
export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function loadConnection(ctx: Context, id: number) {
  const row = await ctx.db.selectFrom('messaging_connections').selectAll().where('id', '=', id).executeTakeFirst();
  // The secret is stored sealed (platform/secrets.ts).
  return row && { ...row, secret: openSecret(ctx.config, row.secret) };
}

/** The sender's customer: found by E.164 phone or by the provider handle, else created with that identity. */
async function senderCustomer(ctx: Context, kind: string, from: InboundMessage['from']) {
  const now = ctx.clock.now();
  if (from.phone) {
    const phone = normaliseIdentity('phone', from.phone);
    return resolveRequester(ctx.db, { phone, ...(from.name ? { name: from.name } : {}) }, now);
  }
  const value = normaliseIdentity('social', `${kind}:${from.handle}`);
  const existing = await ctx.db
    .selectFrom('customer_identities as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select(['c.id', 'c.name', 'c.merged_into_id'])
    .where('i.kind', '=', 'social')
    .where('i.value', '=', value)
    .executeTakeFirst();
  if (existing) return { id: existing.merged_into_id ?? existing.id, name: existing.name };
  try {
    const created = await createCustomer(ctx, systemActor, {
      name: from.name ?? from.handle ?? value,
      identities: [{ kind: 'social', value }],
    });
    return { id: created.id, name: created.name };
  } catch (error) {
    // Two first messages at once: the other one created the customer.
    if (error instanceof AppError && error.code === 'identity_taken') return senderCustomer(ctx, kind, from);
    throw error;
  }
}

/**
 * Verifies and takes in one message from a messaging provider: the sender becomes (or is matched to)
 * a customer; the message joins that customer's open ticket on this connection when its last
 * message there is within the join window, or opens a ticket. Throws not_found (unknown or
 * inactive connection), unauthenticated (bad signature), validation_failed.
 */
export async function receiveMessage(ctx: Context, connectionId: number, rawBody: Buffer, signature: string | undefined) {
  const connection = await loadConnection(ctx, connectionId);
  if (!connection?.active) throw notFound('not_found', 'Messaging connection', connectionId);
  if (!signature || !safeEqual(signature, signBody(connection.secret, rawBody)))
    throw new AppError('unauthenticated', "The x-frontline-signature header does not match the body signed with this connection's secret.");
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('validation_failed', 'The body is not valid JSON.');
  }
  const parsed = inboundMessageBody.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('validation_failed', `Invalid message: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  const message = parsed.data;
  const source = `messaging:${connection.id}`;
  const seen = await ctx.db
    .selectFrom('channel_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['m.comment_id', 'm.ticket_id', 't.requester_id'])
    .where('m.source', '=', source)
    .where('m.external_id', '=', message.message_id)
    .executeTakeFirst();
  if (seen)
    return { ticket_id: seen.ticket_id, comment_id: seen.comment_id, customer_id: seen.requester_id, created: false, duplicate: true };

  const customer = await senderCustomer(ctx, connection.kind, message.from);
  const now = ctx.clock.now();
  const text = maskCardNumbers(
    [message.text, ...message.attachments.map((a) => `Attachment: ${a.filename ? `${a.filename} ` : ''}${a.url}`)].join('\n\n'),
  ).text;
  const windowStart = new Date(now.getTime() - connection.join_window_minutes * 60_000);
  const open = await ctx.db
    .selectFrom('channel_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select('t.id')
    .where('m.source', '=', source)
    .where('t.requester_id', '=', customer.id)
    .where('t.status', 'not in', ['solved', 'closed'])
    .where('t.merged_into_id', 'is', null)
    .where('m.created_at', '>=', windowStart)
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const sender: Actor = { userId: null, role: 'customer', customerId: customer.id, name: customer.name, via: 'system' };
  let ticketId: number;
  let commentId: number;
  if (open) {
    const comment = await addComment(ctx, sender, open.id, {
      body: text,
      public: true,
      channel: 'messaging',
    });
    ticketId = comment.ticket_id;
    commentId = comment.id;
  } else {
    // Opened as the customer (who wrote it); the connection's group is set after, as customers cannot choose one.
    const ticket = await createTicket(ctx, sender, {
      subject: `${connection.name}: ${message.text.split('\n')[0]?.slice(0, 80) ?? 'message'}`,
      description: text,
      priority: 'p3',
      type: 'question',
      tags: [],
      custom_fields: {},
      channel: 'messaging',
    });
    if (connection.group_id) await updateTicket(ctx, systemActor, ticket.id, { group_id: connection.group_id });
    ticketId = ticket.id;
    const first = await ctx.db
      .selectFrom('ticket_comments')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    commentId = first.id;
  }
  await insertChannelMessage(ctx.db, {
    comment_id: commentId,
    ticket_id: ticketId,
    channel: 'messaging',
    direction: 'inbound',
    source,
    external_id: message.message_id,
    full_text: text,
    html: null,
    metadata: { provider: connection.kind, connection_id: connection.id, from: message.from, sent_at: message.sent_at ?? null },
    created_at: now,
  });
  return { ticket_id: ticketId, comment_id: commentId, customer_id: customer.id, created: !open, duplicate: false };
}

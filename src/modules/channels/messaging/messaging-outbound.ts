import type { Selectable } from 'kysely';
import type { MessagingConnectionsTable } from '../../../db/schema.ts';
import type { Context } from '../../../platform/context.ts';
import { openSecret } from '../../../platform/secrets.ts';
import { maskCardNumbers } from '../card-numbers.ts';
import { insertChannelMessage } from '../email/email.repository.ts';
import { signBody } from './messaging.service.ts';

type Connection = Selectable<MessagingConnectionsTable>;

export interface OutboundMessage {
  to: { phone?: string; handle?: string };
  text: string;
  ticket_id: number;
  comment_id: number;
}

/** How replies leave through a messaging provider; each provider's adapter implements it. */
export interface MessagingProvider {
  send(connection: Connection, message: OutboundMessage): Promise<{ external_id: string | null }>;
}

/**
 * The generic adapter: POSTs the reply as JSON to the connection's outbound URL, signed like the
 * inbound webhook (`x-frontline-signature`), and reads `{ "message_id" }` from the answer.
 */
export const webhookProvider: MessagingProvider = {
  async send(connection, message) {
    if (!connection.outbound_url) throw new Error(`messaging connection ${connection.id} has no outbound URL`);
    const body = JSON.stringify(message);
    const response = await fetch(connection.outbound_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-frontline-signature': signBody(connection.secret, body) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the provider answered ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as { message_id?: unknown };
    return { external_id: typeof answer.message_id === 'string' ? answer.message_id.slice(0, 200) : null };
  },
};

/**
 * Sends each public agent reply after `afterCommentId` on a ticket whose latest inbound message came
 * through a messaging connection, back through that connection. A reply that fails is tried again
 * at the next sweep. Answers how many were sent.
 */
export async function sendMessagingReplies(
  ctx: Context,
  afterCommentId: number,
  provider: MessagingProvider = webhookProvider,
): Promise<number> {
  const replies = await ctx.db
    .selectFrom('ticket_comments as c')
    .select(['c.id', 'c.ticket_id', 'c.body'])
    .where('c.id', '>', afterCommentId)
    .where('c.public', '=', true)
    .where('c.author_user_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('channel_messages as m').select('m.comment_id').whereRef('m.comment_id', '=', 'c.id'))),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('channel_messages as i')
          .select('i.comment_id')
          .whereRef('i.ticket_id', '=', 'c.ticket_id')
          .where('i.channel', '=', 'messaging')
          .where('i.direction', '=', 'inbound'),
      ),
    )
    .orderBy('c.id')
    .limit(200)
    .execute();
  let sent = 0;
  for (const reply of replies) {
    const last = await ctx.db
      .selectFrom('channel_messages')
      .select(['channel', 'source', 'metadata'])
      .where('ticket_id', '=', reply.ticket_id)
      .where('direction', '=', 'inbound')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last?.channel !== 'messaging') continue;
    const connectionId = Number(last.source.split(':')[1]);
    const stored = await ctx.db.selectFrom('messaging_connections').selectAll().where('id', '=', connectionId).executeTakeFirst();
    if (!stored?.active) continue;
    const connection = { ...stored, secret: openSecret(ctx.config, stored.secret) };
    const from = (last.metadata as { from?: { phone?: string; handle?: string } }).from ?? {};
    const text = maskCardNumbers(reply.body).text;
    try {
      const result = await provider.send(connection, {
        to: { ...(from.phone ? { phone: from.phone } : {}), ...(from.handle ? { handle: from.handle } : {}) },
        text,
        ticket_id: reply.ticket_id,
        comment_id: reply.id,
      });
      await insertChannelMessage(ctx.db, {
        comment_id: reply.id,
        ticket_id: reply.ticket_id,
        channel: 'messaging',
        direction: 'outbound',
        source: last.source,
        external_id: result.external_id,
        full_text: text,
        html: null,
        metadata: { provider: connection.kind, connection_id: connection.id, to: from },
        created_at: ctx.clock.now(),
      });
      sent++;
    } catch (error) {
      ctx.log.warn({ err: error, ticketId: reply.ticket_id, connectionId }, 'a messaging reply could not be sent; the next sweep retries');
    }
  }
  return sent;
}

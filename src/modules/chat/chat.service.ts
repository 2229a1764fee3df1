import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/realtime.ts';
import { addComment, createTicket, updateTicket } from '../tickets/index.ts';
import { createTicketBody } from '../tickets/index.ts';
import * as repo from './chat.repository.ts';
import type { ConversationRow, MessageRow } from './chat.repository.ts';
import { presentConversation, presentMessage } from './chat.presenter.ts';
import type { ConversationView, MessageView, OfflineInput, StartInput } from './chat.schemas.ts';

type Db = Context['db'];

/** What every process hears on `chat_events`, in commit order. */
export type ChatEvent =
  | { kind: 'message'; message: MessageView | Omit<MessageView, 'body'> }
  | { kind: 'conversation'; conversation: ConversationView }
  | { kind: 'typing'; conversation_id: number; author: 'visitor' | 'agent' }
  | { kind: 'read'; conversation_id: number; author: 'visitor' | 'agent'; seq: number };

/** The default chat capacity of an agent without a routing capacity of their own. */
export const DEFAULT_CHAT_CAPACITY = 3;
const MAX_NOTIFY_BYTES = 7500;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function publish(db: Db, event: ChatEvent): Promise<void> {
  let payload: ChatEvent = event;
  // NOTIFY carries at most 8000 bytes: a long message goes without its body, and listeners fetch it.
  if (event.kind === 'message' && Buffer.byteLength(JSON.stringify(event)) > MAX_NOTIFY_BYTES) {
    const { body: _body, ...rest } = event.message as MessageView;
    payload = { kind: 'message', message: rest };
  }
  await notify(db, 'chat_events', payload);
}

export async function getWidget(ctx: Context, key: string) {
  const widget = await repo.findWidget(ctx.db, key);
  if (!widget) throw notFound('not_found', 'Chat widget', key);
  return {
    key: widget.key,
    name: widget.name,
    bot_enabled: widget.bot_enabled,
    bot_threshold: widget.bot_threshold,
    greeting: widget.greeting,
    online: await repo.anyAgentOnline(ctx.db),
  };
}

export async function updateWidget(
  ctx: Context,
  key: string,
  patch: {
    name?: string | undefined;
    bot_enabled?: boolean | undefined;
    bot_threshold?: number | undefined;
    greeting?: string | undefined;
  },
) {
  const widget = await repo.findWidget(ctx.db, key);
  if (!widget) throw notFound('not_found', 'Chat widget', key);
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length) await ctx.db.updateTable('chat_widgets').set(values).where('id', '=', widget.id).execute();
  return getWidget(ctx, key);
}

/**
 * Starts a conversation for a visitor (or resumes the open one of a returning visitor's token).
 * Each conversation is a ticket on the `chat` channel; the bot greets first when the widget has one.
 */
export async function startConversation(
  ctx: Context,
  input: StartInput,
): Promise<{ token: string; conversation: ConversationView; resumed: boolean }> {
  const widget = await repo.findWidget(ctx.db, input.widget);
  if (!widget) throw notFound('not_found', 'Chat widget', input.widget);
  const token = input.token ?? randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  const open = await repo.openConversationForToken(ctx.db, tokenHash);
  if (open && open.widget_id === widget.id) return { token, conversation: presentConversation(open), resumed: true };
  const name = input.name ?? null;
  const email = input.email?.toLowerCase() ?? null;
  const ticket = await createTicket(
    ctx,
    systemActor,
    createTicketBody.parse({
      subject: input.topic ? `Chat: ${input.topic}` : `Chat with ${name ?? email ?? 'a visitor'}`,
      description: `Chat started from the ${widget.name} widget${input.topic ? ` about "${input.topic}"` : ''}.`,
      requester: email ? { email, ...(name ? { name } : {}) } : { name: name ?? 'Website visitor' },
      channel: 'chat',
      tags: ['chat'],
    }),
  );
  const now = ctx.clock.now();
  const conversation = await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.insertConversation(trx, {
      widget_id: widget.id,
      visitor_token_hash: tokenHash,
      visitor_name: name,
      visitor_email: email,
      topic: input.topic ?? null,
      ticket_id: ticket.id,
      status: widget.bot_enabled ? 'bot' : 'queued',
      agent_user_id: null,
      wrap_up: null,
      csat: null,
      created_at: now,
      ended_at: null,
    });
    if (widget.bot_enabled) {
      await appendMessage(trx, created, { author: 'bot', body: widget.greeting, now });
      return repo.updateConversation(trx, created.id, { bot_turns: 1 });
    }
    await publish(trx, { kind: 'conversation', conversation: presentConversation(created) });
    return created;
  });
  return { token, conversation: presentConversation(await reload(ctx.db, conversation.id)), resumed: false };
}

async function reload(db: Db, id: number): Promise<ConversationRow> {
  const row = await repo.findConversation(db, id);
  if (!row) throw notFound('not_found', 'Conversation', id);
  return row;
}

/** The visitor's conversation, if the token is the one it was started with. */
export async function conversationForVisitor(ctx: Context, id: number, token: string): Promise<ConversationRow> {
  const row = await repo.findConversation(ctx.db, id);
  if (!row || row.visitor_token_hash !== hashToken(token)) throw notFound('not_found', 'Conversation', id);
  return row;
}

export async function conversationForAgent(ctx: Context, id: number): Promise<ConversationRow> {
  return reload(ctx.db, id);
}

/** Inside a transaction that holds the conversation's row: the next sequence number, the row, the event. */
async function appendMessage(
  trx: Db,
  conversation: ConversationRow,
  message: { author: MessageRow['author']; body: string; now: Date; userId?: number | null; clientId?: string | null },
): Promise<MessageRow> {
  const seq = conversation.last_seq + 1;
  const row = await repo.insertMessage(trx, {
    conversation_id: conversation.id,
    seq,
    author: message.author,
    author_user_id: message.userId ?? null,
    client_id: message.clientId ?? null,
    body: message.body,
    attachment_id: null,
    created_at: message.now,
  });
  await repo.updateConversation(trx, conversation.id, { last_seq: seq });
  conversation.last_seq = seq;
  await publish(trx, { kind: 'message', message: presentMessage(row) });
  return row;
}

export interface PostedMessage {
  message: MessageView;
  duplicate: boolean;
  conversation: ConversationRow;
}

/**
 * Appends a message with the conversation's next sequence number. A message carries the sender's
 * own id (`client_id`): one sent again after a dropped connection is answered with the first copy,
 * so nothing is stored twice.
 */
export async function postMessage(
  ctx: Context,
  conversationId: number,
  from: { author: 'visitor' } | { author: 'agent'; actor: UserActor },
  body: string,
  clientId?: string,
): Promise<PostedMessage> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const conversation = await repo.lockConversation(trx, conversationId);
    if (!conversation) throw notFound('not_found', 'Conversation', conversationId);
    if (clientId) {
      const existing = await repo.findMessageByClientId(trx, conversationId, clientId);
      if (existing) return { message: presentMessage(existing), duplicate: true, conversation };
    }
    if (conversation.status === 'ended') throw new AppError('invalid_transition', 'This conversation has ended.');
    if (from.author === 'agent' && conversation.agent_user_id !== from.actor.userId)
      throw new AppError('forbidden', 'Only the agent who holds this chat can write in it; accept it first.');
    const row = await appendMessage(trx, conversation, {
      author: from.author,
      body,
      now,
      userId: from.author === 'agent' ? from.actor.userId : null,
      clientId: clientId ?? null,
    });
    return { message: presentMessage(row), duplicate: false, conversation };
  });
}

export async function listMessages(ctx: Context, conversationId: number, afterSeq: number): Promise<MessageView[]> {
  return (await repo.messagesAfter(ctx.db, conversationId, afterSeq)).map(presentMessage);
}

/** A bot turn or a system line: recorded like every other message. */
export async function postAs(ctx: Context, conversationId: number, author: 'bot' | 'system', body: string): Promise<MessageView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const conversation = await repo.lockConversation(trx, conversationId);
    if (!conversation) throw notFound('not_found', 'Conversation', conversationId);
    const row = await appendMessage(trx, conversation, { author, body, now });
    if (author === 'bot') await repo.updateConversation(trx, conversationId, { bot_turns: conversation.bot_turns + 1 });
    return presentMessage(row);
  });
}

export async function signal(ctx: Context, event: Extract<ChatEvent, { kind: 'typing' | 'read' }>): Promise<void> {
  if (event.kind === 'read') {
    const column = event.author === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
    await ctx.db
      .updateTable('chat_conversations')
      .set({ [column]: event.seq })
      .where('id', '=', event.conversation_id)
      .where(column, '<', event.seq)
      .execute();
  }
  await publish(ctx.db, event);
}

async function changeConversation(
  ctx: Context,
  id: number,
  change: (row: ConversationRow, trx: Db) => Promise<{ values: Partial<ConversationRow>; line?: string }>,
): Promise<ConversationView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockConversation(trx, id);
    if (!row) throw notFound('not_found', 'Conversation', id);
    const { values, line } = await change(row, trx);
    const updated = await repo.updateConversation(trx, id, values);
    if (line) await appendMessage(trx, updated, { author: 'system', body: line, now });
    const view = presentConversation({ ...updated, last_seq: updated.last_seq + (line ? 1 : 0) });
    await publish(trx, { kind: 'conversation', conversation: view });
    return view;
  });
}

/** The bot (or the visitor) asks for a person: the conversation, with everything said so far, waits for an agent. */
export function handOff(ctx: Context, id: number): Promise<ConversationView> {
  return changeConversation(ctx, id, async (row) => {
    if (row.status !== 'bot') throw new AppError('invalid_transition', 'Only a conversation with the bot can be handed off.');
    return { values: { status: 'queued', handed_off: true }, line: 'Waiting for an agent. The conversation so far goes with you.' };
  });
}

/** Accepts an offered chat, within the agent's chat capacity. */
export async function acceptConversation(ctx: Context, actor: UserActor, id: number): Promise<ConversationView> {
  const view = await changeConversation(ctx, id, async (row, trx) => {
    if (row.status !== 'queued') throw new AppError('conflict', 'This chat is no longer waiting; someone else may have taken it.');
    if (row.agent_user_id !== null && row.agent_user_id !== actor.userId)
      throw new AppError('conflict', 'This chat was transferred to another agent.');
    const capacity = (await repo.chatCapacity(trx, actor.userId)) ?? DEFAULT_CHAT_CAPACITY;
    if ((await repo.activeChatCount(trx, actor.userId)) >= capacity)
      throw new AppError('conflict', `You are at your chat capacity (${capacity}); end a chat first.`);
    return { values: { status: 'active', agent_user_id: actor.userId }, line: `${actor.name} joined the chat.` };
  });
  if (view.ticket_id)
    await updateTicket(ctx, systemActor, view.ticket_id, { assignee_id: actor.userId }).catch((error) =>
      ctx.log.warn({ err: error }, 'chat ticket not assigned'),
    );
  return view;
}

/** Declining leaves the chat offered to everyone else; a chat transferred to this agent goes back to the queue. */
export function declineConversation(ctx: Context, actor: UserActor, id: number): Promise<ConversationView> {
  return changeConversation(ctx, id, async (row) => {
    if (row.status !== 'queued') throw new AppError('conflict', 'This chat is not waiting for an answer.');
    return { values: row.agent_user_id === actor.userId ? { agent_user_id: null } : {} };
  });
}

/** Transfers a held chat to one agent (offered to them), a group or a tier (back to the queue). */
export async function transferConversation(
  ctx: Context,
  actor: UserActor,
  id: number,
  to: { agent_id?: number | undefined; group_id?: number | undefined; tier?: number | undefined },
): Promise<ConversationView> {
  if (to.agent_id !== undefined && !(await repo.userExists(ctx.db, to.agent_id))) throw notFound('user_not_found', 'Agent', to.agent_id);
  const view = await changeConversation(ctx, id, async (row) => {
    if (row.status !== 'active' || row.agent_user_id !== actor.userId)
      throw new AppError('invalid_transition', 'Only the agent holding a chat can transfer it.');
    const target =
      to.agent_id !== undefined ? `agent ${to.agent_id}` : to.group_id !== undefined ? `group ${to.group_id}` : `tier ${to.tier}`;
    return { values: { status: 'queued', agent_user_id: to.agent_id ?? null }, line: `${actor.name} transferred the chat to ${target}.` };
  });
  if (view.ticket_id && (to.group_id !== undefined || to.tier !== undefined)) {
    await updateTicket(ctx, systemActor, view.ticket_id, {
      assignee_id: null,
      ...(to.group_id !== undefined ? { group_id: to.group_id } : {}),
      ...(to.tier !== undefined ? { tier: to.tier } : {}),
    });
  }
  return view;
}

function transcriptOf(conversation: ConversationRow, messages: MessageRow[]): string {
  const who = (m: MessageRow) =>
    m.author === 'visitor' ? (conversation.visitor_name ?? 'Visitor') : m.author === 'agent' ? 'Agent' : m.author === 'bot' ? 'Bot' : '—';
  return messages.map((m) => `[${m.created_at.toISOString().slice(11, 19)}] ${who(m)}: ${m.body}`).join('\n');
}

/** Ends a chat (the agent with a wrap-up, or the visitor): the whole transcript goes onto its ticket. */
export async function endConversation(ctx: Context, actor: Actor, id: number, wrapUp?: string): Promise<ConversationView> {
  const now = ctx.clock.now();
  const view = await changeConversation(ctx, id, async (row) => {
    if (row.status === 'ended') throw new AppError('invalid_transition', 'This chat has already ended.');
    if (actor.role !== 'system' && actor.role !== 'customer' && row.status === 'active' && row.agent_user_id !== actor.userId)
      throw new AppError('forbidden', 'Only the agent holding a chat can end it.');
    return { values: { status: 'ended', ended_at: now, wrap_up: wrapUp ?? null }, line: 'The chat has ended.' };
  });
  if (view.ticket_id) {
    const conversation = await reload(ctx.db, id);
    const messages = await repo.messagesAfter(ctx.db, id, 0, 10_000);
    const body = `Chat transcript\n\n${transcriptOf(conversation, messages)}${wrapUp ? `\n\nWrap-up: ${wrapUp}` : ''}`;
    await addComment(ctx, systemActor, view.ticket_id, { body, public: false, channel: 'chat' });
  }
  return view;
}

export async function emailTranscript(ctx: Context, conversation: ConversationRow, email?: string): Promise<{ sent_to: string }> {
  const to = email ?? conversation.visitor_email;
  if (!to) throw new AppError('validation_failed', 'Give an email address to send the transcript to.');
  const messages = await repo.messagesAfter(ctx.db, conversation.id, 0, 10_000);
  await ctx.mailer.send({ to, subject: 'Your chat transcript', text: transcriptOf(conversation, messages) });
  return { sent_to: to };
}

export async function rateConversation(ctx: Context, conversation: ConversationRow, score: number): Promise<ConversationView> {
  if (conversation.status !== 'ended') throw new AppError('invalid_transition', 'Rate the chat once it has ended.');
  return presentConversation(await repo.updateConversation(ctx.db, conversation.id, { csat: score }));
}

/** When nobody is available: the visitor's message becomes a ticket answered by email. */
export async function offlineMessage(ctx: Context, input: OfflineInput): Promise<{ ticket_id: number }> {
  if (!(await repo.findWidget(ctx.db, input.widget))) throw notFound('not_found', 'Chat widget', input.widget);
  const ticket = await createTicket(
    ctx,
    systemActor,
    createTicketBody.parse({
      subject: input.topic ?? `Message from ${input.name}`,
      description: input.message,
      requester: { email: input.email, name: input.name },
      channel: 'chat',
      tags: ['chat', 'chat_offline'],
    }),
  );
  return { ticket_id: ticket.id };
}

export async function agentInbox(ctx: Context, actor: UserActor) {
  const rows = await repo.inbox(ctx.db, actor.userId);
  return {
    offers: rows
      .filter((r) => r.status === 'queued' && (r.agent_user_id === null || r.agent_user_id === actor.userId))
      .map(presentConversation),
    active: rows.filter((r) => r.status === 'active').map(presentConversation),
    capacity: (await repo.chatCapacity(ctx.db, actor.userId)) ?? DEFAULT_CHAT_CAPACITY,
  };
}

/** Bot resolution (deflection): of the conversations the bot took part in, the share that ended without a person. */
export async function botResolution(ctx: Context, from?: Date, to?: Date) {
  const end = to ?? ctx.clock.now();
  const start = from ?? new Date(end.getTime() - 30 * 86_400_000);
  if (start >= end) throw new AppError('validation_failed', 'from must be before to.');
  const stats = await repo.botStats(ctx.db, start, end);
  return {
    from: start.toISOString(),
    to: end.toISOString(),
    ...stats,
    deflection_rate: stats.with_bot ? stats.resolved_by_bot / stats.with_bot : null,
  };
}

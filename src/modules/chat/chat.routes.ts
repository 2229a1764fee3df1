import type { FastifyReply } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { can } from '../../platform/permissions.ts';
import { idParam } from '../../platform/schemas.ts';
import { botReply } from './chat.bot.ts';
import { ChatHub, socketClient } from './chat.hub.ts';
import { presentConversation } from './chat.presenter.ts';
import {
  afterSeqQuery,
  conversationSchema,
  csatBody,
  endBody,
  messageSchema,
  offlineBody,
  postMessageBody,
  type SocketMessage,
  socketMessage,
  startBody,
  statsQuery,
  transferBody,
  widgetPatch,
  widgetSchema,
} from './chat.schemas.ts';
import * as chat from './chat.service.ts';

const tags = ['chat'];
const agentAccess = ['tickets.comment_public', 'tickets.update'] as const;
const tokenHeader = z.object({ 'x-chat-token': z.string().min(20).max(100) });
const visitorQuery = z.strictObject({
  conversation: z.coerce.number().int().positive(),
  token: z.string().min(20).max(100),
  after_seq: z.coerce.number().int().min(0).default(0),
});

function parseSocketMessage(raw: unknown): SocketMessage | undefined {
  try {
    return socketMessage.parse(JSON.parse(String(raw)));
  } catch {
    return undefined;
  }
}

/** After a visitor's message to a conversation with the bot, the bot answers (outside the sender's request). */
function runBot(ctx: Context, conversationId: number, body: string): void {
  void botReply(ctx, conversationId, body).catch((error) => ctx.log.error({ err: error, conversationId }, 'the chat bot failed'));
}

export function chatRoutes(app: App, ctx: Context): void {
  const hub = new ChatHub(ctx);
  app.addHook('onClose', async () => hub.close());

  // --- Visitors (public; a conversation is theirs through the token it was started with) ---
  // The widget runs on customers' own sites: these routes answer any origin (no cookies are used).
  const cors = {
    onSend: async (_request: unknown, reply: FastifyReply, payload: unknown) => {
      reply.header('access-control-allow-origin', '*');
      return payload;
    },
  };
  app.options('/api/v1/chat/*', { schema: { hide: true }, config: { access: 'public' }, ...cors }, async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type, x-chat-token')
      .header('access-control-max-age', '600')
      .send(),
  );
  app.get(
    '/api/v1/chat/widgets/:key',
    {
      schema: { tags, params: z.object({ key: z.string().max(60) }), response: { 200: widgetSchema } },
      config: { access: 'public' },
      ...cors,
    },
    (request) => chat.getWidget(ctx, request.params.key),
  );
  app.post(
    '/api/v1/chat/conversations',
    {
      schema: {
        tags,
        body: startBody,
        response: { 201: z.object({ token: z.string(), conversation: conversationSchema, resumed: z.boolean() }) },
      },
      config: { access: 'public' },
      ...cors,
    },
    async (request, reply) => reply.status(201).send(await chat.startConversation(ctx, request.body)),
  );
  app.post(
    '/api/v1/chat/offline',
    { schema: { tags, body: offlineBody, response: { 201: z.object({ ticket_id: z.number() }) } }, config: { access: 'public' }, ...cors },
    async (request, reply) => reply.status(201).send(await chat.offlineMessage(ctx, request.body)),
  );
  app.get(
    '/api/v1/chat/conversations/:id/visitor-messages',
    {
      schema: {
        tags,
        params: idParam,
        headers: tokenHeader,
        querystring: afterSeqQuery,
        response: { 200: z.object({ data: z.array(messageSchema) }) },
      },
      config: { access: 'public' },
      ...cors,
    },
    async (request) => {
      await chat.conversationForVisitor(ctx, request.params.id, request.headers['x-chat-token']);
      return { data: await chat.listMessages(ctx, request.params.id, request.query.after_seq) };
    },
  );
  app.post(
    '/api/v1/chat/conversations/:id/visitor-messages',
    {
      schema: { tags, params: idParam, headers: tokenHeader, body: postMessageBody, response: { 201: messageSchema } },
      config: { access: 'public' },
      ...cors,
    },
    async (request, reply) => {
      await chat.conversationForVisitor(ctx, request.params.id, request.headers['x-chat-token']);
      const posted = await chat.postMessage(ctx, request.params.id, { author: 'visitor' }, request.body.body, request.body.client_id);
      if (!posted.duplicate) runBot(ctx, request.params.id, request.body.body);
      return reply.status(201).send(posted.message);
    },
  );
  app.post(
    '/api/v1/chat/conversations/:id/visitor-end',
    {
      schema: { tags, params: idParam, headers: tokenHeader, response: { 200: conversationSchema } },
      config: { access: 'public' },
      ...cors,
    },
    async (request) => {
      await chat.conversationForVisitor(ctx, request.params.id, request.headers['x-chat-token']);
      return chat.endConversation(
        ctx,
        { userId: null, role: 'customer', customerId: null, name: 'Visitor', via: 'system' },
        request.params.id,
      );
    },
  );
  app.post(
    '/api/v1/chat/conversations/:id/transcript',
    {
      schema: {
        tags,
        params: idParam,
        headers: tokenHeader,
        body: z.strictObject({ email: z.string().trim().email().max(254).optional() }),
        response: { 200: z.object({ sent_to: z.string() }) },
      },
      config: { access: 'public' },
      ...cors,
    },
    async (request) => {
      const conversation = await chat.conversationForVisitor(ctx, request.params.id, request.headers['x-chat-token']);
      return chat.emailTranscript(ctx, conversation, request.body.email);
    },
  );
  app.post(
    '/api/v1/chat/conversations/:id/csat',
    {
      schema: { tags, params: idParam, headers: tokenHeader, body: csatBody, response: { 200: conversationSchema } },
      config: { access: 'public' },
      ...cors,
    },
    async (request) => {
      const conversation = await chat.conversationForVisitor(ctx, request.params.id, request.headers['x-chat-token']);
      return chat.rateConversation(ctx, conversation, request.body.score);
    },
  );

  /**
   * The visitor's socket: on connect, every message after `after_seq`, then each new one as it
   * commits (in any process). Sends `message` (acknowledged with its sequence number; a resent
   * `client_id` is acknowledged with the first copy's), `typing` and `read`.
   */
  app.route({
    method: 'GET',
    url: '/api/v1/chat/visitor',
    schema: { tags, hide: true, querystring: visitorQuery },
    config: { access: 'public' },
    handler: async () => {
      throw new AppError('upgrade_required', 'This endpoint speaks WebSocket only; connect with an Upgrade: websocket request.');
    },
    wsHandler: (socket: WebSocket, request) => {
      const query = visitorQuery.safeParse(request.query);
      if (!query.success) return socket.close(4400, 'conversation, token and after_seq are required');
      const { conversation: conversationId, token } = query.data;
      const client = socketClient(socket, conversationId);
      // Until the backlog is out, live events wait, so the visitor sees each seq once and in order.
      let sentSeq = query.data.after_seq;
      let held: unknown[] | undefined = [];
      const live = socketClient(socket, conversationId);
      live.send = (message: unknown) => {
        if (held) return void held.push(message);
        const event = message as { kind: string; message?: { seq: number } };
        if (event.kind === 'message' && event.message) {
          if (event.message.seq <= sentSeq) return;
          sentSeq = event.message.seq;
        }
        client.send(message);
      };
      const remove = hub.add(live);
      socket.on('close', remove);
      void (async () => {
        try {
          const conversation = await chat.conversationForVisitor(ctx, conversationId, token);
          client.send({ kind: 'hello', conversation: presentConversation(conversation) });
          for (const message of await chat.listMessages(ctx, conversationId, sentSeq)) {
            client.send({ kind: 'message', message });
            sentSeq = message.seq;
          }
          const waiting = held ?? [];
          held = undefined;
          for (const message of waiting) live.send(message);
        } catch {
          socket.close(4404, 'no such conversation for this token');
        }
      })();
      socket.on('message', (raw) => {
        const parsed = parseSocketMessage(raw);
        if (!parsed) return client.send({ kind: 'error', detail: 'Unknown message.' });
        void handleVisitor(parsed).catch((error) =>
          client.send({ kind: 'error', detail: error instanceof AppError ? error.message : 'The message could not be handled.' }),
        );
      });
      async function handleVisitor(message: SocketMessage): Promise<void> {
        if (message.type === 'ping') return client.send({ kind: 'pong' });
        await chat.conversationForVisitor(ctx, conversationId, token);
        if (message.type === 'message') {
          const posted = await chat.postMessage(ctx, conversationId, { author: 'visitor' }, message.body, message.client_id);
          client.send({ kind: 'ack', client_id: message.client_id, seq: posted.message.seq });
          if (!posted.duplicate && posted.conversation.status === 'bot') runBot(ctx, conversationId, message.body);
        } else if (message.type === 'typing') {
          await chat.signal(ctx, { kind: 'typing', conversation_id: conversationId, author: 'visitor' });
        } else if (message.type === 'read') {
          await chat.signal(ctx, { kind: 'read', conversation_id: conversationId, author: 'visitor', seq: message.seq });
        } else if (message.type === 'resume') {
          for (const m of await chat.listMessages(ctx, conversationId, message.after_seq)) client.send({ kind: 'message', message: m });
        }
      }
    },
  });

  // --- Agents ---
  app.get(
    '/api/v1/chat/inbox',
    {
      schema: {
        tags,
        response: { 200: z.object({ offers: z.array(conversationSchema), active: z.array(conversationSchema), capacity: z.number() }) },
      },
      config: { access: [...agentAccess] },
    },
    (request) => chat.agentInbox(ctx, actorOf(request)),
  );
  app.get(
    '/api/v1/chat/conversations/:id',
    { schema: { tags, params: idParam, response: { 200: conversationSchema } }, config: { access: [...agentAccess] } },
    async (request) => presentConversation(await chat.conversationForAgent(ctx, request.params.id)),
  );
  app.get(
    '/api/v1/chat/conversations/:id/messages',
    {
      schema: { tags, params: idParam, querystring: afterSeqQuery, response: { 200: z.object({ data: z.array(messageSchema) }) } },
      config: { access: [...agentAccess] },
    },
    async (request) => {
      await chat.conversationForAgent(ctx, request.params.id);
      return { data: await chat.listMessages(ctx, request.params.id, request.query.after_seq) };
    },
  );
  app.post(
    '/api/v1/chat/conversations/:id/messages',
    { schema: { tags, params: idParam, body: postMessageBody, response: { 201: messageSchema } }, config: { access: [...agentAccess] } },
    async (request, reply) => {
      const posted = await chat.postMessage(
        ctx,
        request.params.id,
        { author: 'agent', actor: actorOf(request) },
        request.body.body,
        request.body.client_id,
      );
      return reply.status(201).send(posted.message);
    },
  );
  const actionSchema = { tags, params: idParam, response: { 200: conversationSchema } };
  const agentOnly = { access: [...agentAccess] };
  app.post('/api/v1/chat/conversations/:id/accept', { schema: actionSchema, config: agentOnly }, (request) =>
    chat.acceptConversation(ctx, actorOf(request), request.params.id),
  );
  app.post('/api/v1/chat/conversations/:id/decline', { schema: actionSchema, config: agentOnly }, (request) =>
    chat.declineConversation(ctx, actorOf(request), request.params.id),
  );
  app.post('/api/v1/chat/conversations/:id/transfer', { schema: { ...actionSchema, body: transferBody }, config: agentOnly }, (request) =>
    chat.transferConversation(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/chat/conversations/:id/end', { schema: { ...actionSchema, body: endBody.optional() }, config: agentOnly }, (request) =>
    chat.endConversation(ctx, actorOf(request), request.params.id, request.body?.wrap_up),
  );

  app.get(
    '/api/v1/chat/bot/resolution',
    {
      schema: {
        tags,
        querystring: statsQuery,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            conversations: z.number(),
            with_bot: z.number(),
            resolved_by_bot: z.number(),
            handed_off: z.number(),
            deflection_rate: z.number().nullable(),
          }),
        },
      },
      config: { access: 'analytics.read' },
    },
    (request) => chat.botResolution(ctx, request.query.from, request.query.to),
  );
  app.patch(
    '/api/v1/chat/widgets/:key',
    {
      schema: { tags, params: z.object({ key: z.string().max(60) }), body: widgetPatch, response: { 200: widgetSchema } },
      config: { access: 'settings.manage' },
    },
    (request) => chat.updateWidget(ctx, request.params.key, request.body),
  );

  /** The agent's socket: every chat event of every process (offers, messages, typing, read receipts); sends typing and read. */
  app.route({
    method: 'GET',
    url: '/api/v1/chat/agent',
    schema: { tags, hide: true },
    config: { access: [...agentAccess] },
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin && new URL(origin).host !== request.headers.host)
        throw new AppError('forbidden', 'Cross-origin WebSocket connections are refused.');
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This endpoint speaks WebSocket only; connect with an Upgrade: websocket request.');
    },
    wsHandler: (socket: WebSocket, request) => {
      const actor = actorOf(request);
      const client = socketClient(socket, undefined);
      const remove = hub.add(client);
      socket.on('close', remove);
      client.send({ kind: 'hello', user_id: actor.userId, sees_all: can(actor.role, 'tickets.read_all') });
      socket.on('message', (raw) => {
        const parsed = parseSocketMessage(raw);
        if (!parsed || (parsed.type !== 'ping' && parsed.conversation_id === undefined))
          return client.send({ kind: 'error', detail: 'Unknown message; give conversation_id.' });
        void (async () => {
          if (parsed.type === 'ping') return client.send({ kind: 'pong' });
          const id = parsed.conversation_id as number;
          if (parsed.type === 'message') {
            const posted = await chat.postMessage(ctx, id, { author: 'agent', actor }, parsed.body, parsed.client_id);
            client.send({ kind: 'ack', conversation_id: id, client_id: parsed.client_id, seq: posted.message.seq });
          } else if (parsed.type === 'typing') await chat.signal(ctx, { kind: 'typing', conversation_id: id, author: 'agent' });
          else if (parsed.type === 'read') await chat.signal(ctx, { kind: 'read', conversation_id: id, author: 'agent', seq: parsed.seq });
          else for (const m of await chat.listMessages(ctx, id, parsed.after_seq)) client.send({ kind: 'message', message: m });
        })().catch((error) =>
          client.send({
            kind: 'error',
            conversation_id: parsed.type === 'ping' ? undefined : parsed.conversation_id,
            detail: error instanceof AppError ? error.message : 'The message could not be handled.',
          }),
        );
      });
    },
  });
}

import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { can } from '../../platform/permissions.ts';
import { notify } from '../../platform/realtime.ts';
import { PresenceMap, type PresenceMessage } from './presence.ts';

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('viewing'), ticket_id: z.number().int().positive() }),
  z.object({ type: z.literal('replying'), ticket_id: z.number().int().positive() }),
  z.object({ type: z.literal('left'), ticket_id: z.number().int().positive() }),
  z.object({ type: z.literal('ping') }),
]);

interface TicketChange {
  ticket_id: number;
  requester_id: number;
  version: number;
  types: string[];
  fields: string[];
  actor_user_id: number | null;
}

const HEARTBEAT_MS = 20_000;

/**
 * GET /api/v1/stream upgrades to a WebSocket that pushes `ticket.changed` for every committed
 * change the user may see, and `presence` for tickets the user says they are viewing — so two
 * agents on one ticket see each other. Clients send `viewing`/`replying`/`left` with a ticket id.
 */
export function streamRoutes(app: App, ctx: Context): void {
  const presence = new PresenceMap();
  const sockets = new Set<{
    socket: WebSocket;
    watching: Map<number, 'viewing' | 'replying'>;
    send: (message: unknown) => void;
    userId: number;
    customerId: number | null;
    seesAll: boolean;
  }>();

  const unsubscribePresence = ctx.realtime.subscribe('presence', (payload) => {
    const message = payload as PresenceMessage;
    presence.apply(message, Date.now());
    const viewers = presence.viewers(message.ticket_id, Date.now());
    for (const client of sockets) {
      if (client.watching.has(message.ticket_id)) client.send({ type: 'presence', ticket_id: message.ticket_id, viewers });
    }
  });
  const unsubscribeChanges = ctx.realtime.subscribe('ticket_changes', (payload) => {
    const change = payload as TicketChange;
    for (const client of sockets) {
      if (client.seesAll || client.customerId === change.requester_id) {
        client.send({
          type: 'ticket.changed',
          ticket_id: change.ticket_id,
          version: change.version,
          types: change.types,
          fields: change.fields,
          actor_user_id: change.actor_user_id,
        });
      }
    }
  });

  app.addHook('onClose', async () => {
    unsubscribePresence();
    unsubscribeChanges();
    for (const client of sockets) client.socket.close(1001, 'server shutting down');
  });

  app.route({
    method: 'GET',
    url: '/api/v1/stream',
    schema: { tags: ['stream'], hide: true },
    config: { access: 'signed_in' },
    // A page on another site must not open a socket with this user's cookie.
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin && new URL(origin).host !== request.headers.host)
        throw new AppError('forbidden', 'Cross-origin WebSocket connections are refused.');
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This endpoint speaks WebSocket only; connect with an Upgrade: websocket request.');
    },
    wsHandler: (socket, request) => {
      const actor = actorOf(request);
      const connection = randomUUID();
      const client = {
        socket,
        watching: new Map<number, 'viewing' | 'replying'>(),
        userId: actor.userId,
        customerId: actor.customerId,
        seesAll: can(actor.role, 'tickets.read_all'),
        send(message: unknown) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
      };
      sockets.add(client);
      const isAgent = can(actor.role, 'tickets.comment_internal');
      const publish = (ticketId: number, state: PresenceMessage['state']) =>
        notify(ctx.db, 'presence', {
          ticket_id: ticketId,
          user_id: actor.userId,
          name: actor.name,
          state,
          connection,
          at: Date.now(),
        }).catch((error) => ctx.log.warn({ err: error }, 'presence not published'));
      const heartbeat = setInterval(() => {
        for (const [ticketId, state] of client.watching) void publish(ticketId, state);
      }, HEARTBEAT_MS);
      heartbeat.unref();

      socket.on('message', (raw) => {
        let parsed: z.infer<typeof clientMessage>;
        try {
          parsed = clientMessage.parse(JSON.parse(String(raw)));
        } catch {
          client.send({
            type: 'error',
            detail: 'Unknown message; send {"type":"viewing"|"replying"|"left","ticket_id":N} or {"type":"ping"}.',
          });
          return;
        }
        if (parsed.type === 'ping') return client.send({ type: 'pong' });
        if (parsed.type === 'left') {
          client.watching.delete(parsed.ticket_id);
          void publish(parsed.ticket_id, 'left');
          return;
        }
        client.watching.set(parsed.ticket_id, parsed.type);
        // Customers hear about their own tickets but are not shown to agents as viewers.
        if (isAgent) void publish(parsed.ticket_id, parsed.type);
        client.send({ type: 'presence', ticket_id: parsed.ticket_id, viewers: presence.viewers(parsed.ticket_id, Date.now()) });
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        sockets.delete(client);
        if (isAgent) for (const ticketId of client.watching.keys()) void publish(ticketId, 'left');
      });
      client.send({ type: 'hello', user_id: actor.userId });
    },
  });
}

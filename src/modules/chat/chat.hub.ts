import type { WebSocket } from 'ws';
import type { Context } from '../../platform/context.ts';
import * as repo from './chat.repository.ts';
import { presentMessage } from './chat.presenter.ts';
import type { MessageView } from './chat.schemas.ts';
import type { ChatEvent } from './chat.service.ts';

export interface ChatSocket {
  socket: WebSocket;
  /** The visitor's conversation; undefined for an agent, who hears every chat event. */
  conversationId: number | undefined;
  send(message: unknown): void;
}

export function socketClient(socket: WebSocket, conversationId: number | undefined): ChatSocket {
  return {
    socket,
    conversationId,
    send(message: unknown) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
  };
}

/**
 * One per process: hears `chat_events` (every process's commits, through LISTEN/NOTIFY) and passes
 * each to the visitor sockets of its conversation and to every agent socket of this process.
 */
export class ChatHub {
  private readonly visitors = new Map<number, Set<ChatSocket>>();
  private readonly agents = new Set<ChatSocket>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: Context) {
    this.unsubscribe = ctx.realtime.subscribe('chat_events', (payload) => void this.deliver(payload as ChatEvent));
  }

  add(client: ChatSocket): () => void {
    if (client.conversationId === undefined) {
      this.agents.add(client);
      return () => this.agents.delete(client);
    }
    const id = client.conversationId;
    const set = this.visitors.get(id) ?? new Set();
    set.add(client);
    this.visitors.set(id, set);
    return () => {
      set.delete(client);
      if (!set.size) this.visitors.delete(id);
    };
  }

  private async deliver(event: ChatEvent): Promise<void> {
    const conversationId =
      event.kind === 'conversation'
        ? event.conversation.id
        : event.kind === 'message'
          ? event.message.conversation_id
          : event.conversation_id;
    let out: unknown = event;
    if (event.kind === 'message' && !('body' in event.message)) {
      // Too long for a notification: read it once for every socket here.
      const [row] = await repo.messagesAfter(this.ctx.db, conversationId, event.message.seq - 1, 1);
      if (!row) return;
      out = { kind: 'message', message: presentMessage(row) satisfies MessageView };
    }
    for (const client of this.visitors.get(conversationId) ?? []) {
      // Visitors do not see their own typing or read signals echoed back.
      if ((event.kind === 'typing' || event.kind === 'read') && event.author === 'visitor') continue;
      client.send(out);
    }
    for (const client of this.agents) {
      if ((event.kind === 'typing' || event.kind === 'read') && event.author === 'agent') continue;
      client.send(out);
    }
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.visitors.values()) for (const c of set) c.socket.close(1001, 'server shutting down');
    for (const c of this.agents) c.socket.close(1001, 'server shutting down');
  }
}

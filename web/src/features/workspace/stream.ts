import { useEffect, useRef, useSyncExternalStore } from 'react';

/*
 * One WebSocket per tab to GET /api/v1/stream (same-origin, cookie auth). The server pushes
 * `ticket.changed` for every committed change this person may see and `presence` for tickets the
 * tab says it is viewing. The socket reconnects with exponential back-off, re-announces presence
 * after a reconnect, and pings so a dead connection is noticed.
 */

export interface Viewer {
  user_id: number;
  name: string;
  state: 'viewing' | 'replying';
}

export interface TicketChanged {
  type: 'ticket.changed';
  ticket_id: number;
  version: number;
  types: string[];
  fields: string[];
  actor_user_id: number | null;
}

export type StreamMessage =
  | { type: 'hello'; user_id: number }
  | TicketChanged
  | { type: 'presence'; ticket_id: number; viewers: Viewer[] }
  | { type: 'pong' }
  | { type: 'error'; detail: string };

/** `connecting` before the first connection; `offline` after one was lost (or could not be made). */
export type StreamStatus = 'connecting' | 'open' | 'offline';

type PresenceState = 'viewing' | 'replying';

const PING_MS = 25_000;
/** No message at all for this long (pings included) means the connection is dead. */
const SILENCE_MS = 60_000;
/** The server re-announces every watched ticket as `viewing` every 20 s after the socket opens. */
const SERVER_HEARTBEAT_MS = 20_000;
const MAX_BACKOFF_MS = 30_000;
const REPLYING_GRACE_MS = 3_000;

class StreamClient {
  private socket: WebSocket | null = null;
  private users = 0;
  private attempts = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private replyTimer: number | undefined;
  private lastMessageAt = 0;
  private readonly listeners = new Set<(message: StreamMessage) => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly presenceListeners = new Set<() => void>();
  /** What this tab announces: ticket id → state; re-sent after every reconnect. */
  private readonly announced = new Map<number, PresenceState>();
  /** The latest viewers the server reported, per ticket, and what is shown (see publishViewers). */
  private readonly rawViewers = new Map<number, Viewer[]>();
  private readonly viewers = new Map<number, Viewer[]>();
  /** When each "ticket:user" was last seen replying. */
  private readonly lastReplying = new Map<string, number>();
  private readonly stickyTimers = new Map<number, number>();
  status: StreamStatus = 'connecting';

  /** Reference-counted: the socket is open while at least one part of the app uses it. */
  retain(): () => void {
    this.users += 1;
    if (this.users === 1) {
      window.addEventListener('online', this.reconnectNow);
      document.addEventListener('visibilitychange', this.onVisibility);
      this.connect();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) this.shutdown();
    };
  }

  subscribe(listener: (message: StreamMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  onPresence = (listener: () => void): (() => void) => {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  };

  viewersOf(ticketId: number): Viewer[] | undefined {
    return this.viewers.get(ticketId);
  }

  /** Tells others this tab is viewing or replying to a ticket, or (null) that it left. */
  announce(ticketId: number, state: PresenceState | null): void {
    const before = this.announced.get(ticketId);
    if (state === null) {
      if (before === undefined) return;
      this.announced.delete(ticketId);
      this.forgetViewers(ticketId);
      this.send({ type: 'left', ticket_id: ticketId });
      return;
    }
    if (before === state) return;
    this.announced.set(ticketId, state);
    this.send({ type: state, ticket_id: ticketId });
  }

  /**
   * The server's 20-second heartbeat re-announces every connection as "viewing", so someone who is
   * replying briefly reads as viewing until their tab says "replying" again. Keep "replying" for a
   * short grace period so the warning does not flicker.
   */
  private publishViewers(ticketId: number): void {
    const now = Date.now();
    let sticky = false;
    const shown = (this.rawViewers.get(ticketId) ?? []).map((viewer) => {
      const key = `${ticketId}:${viewer.user_id}`;
      if (viewer.state === 'replying') {
        this.lastReplying.set(key, now);
        return viewer;
      }
      if (now - (this.lastReplying.get(key) ?? 0) < REPLYING_GRACE_MS) {
        sticky = true;
        return { ...viewer, state: 'replying' as const };
      }
      return viewer;
    });
    this.viewers.set(ticketId, shown);
    window.clearTimeout(this.stickyTimers.get(ticketId));
    if (sticky)
      this.stickyTimers.set(
        ticketId,
        window.setTimeout(() => this.publishViewers(ticketId), REPLYING_GRACE_MS),
      );
    for (const listener of this.presenceListeners) listener();
  }

  private forgetViewers(ticketId?: number): void {
    for (const id of ticketId === undefined ? [...this.rawViewers.keys()] : [ticketId]) {
      window.clearTimeout(this.stickyTimers.get(id));
      this.stickyTimers.delete(id);
      this.rawViewers.delete(id);
      this.viewers.delete(id);
    }
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: StreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private connect(): void {
    window.clearTimeout(this.retryTimer);
    if (this.users === 0 || this.socket) return;
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/stream`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      this.lastMessageAt = Date.now();
      let message: StreamMessage;
      try {
        message = JSON.parse(String(event.data)) as StreamMessage;
      } catch {
        return;
      }
      if (message.type === 'hello') this.onHello(socket);
      if (message.type === 'presence' && this.announced.has(message.ticket_id)) {
        this.rawViewers.set(message.ticket_id, message.viewers);
        this.publishViewers(message.ticket_id);
      }
      for (const listener of this.listeners) listener(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopTimers();
      if (this.viewers.size) {
        this.forgetViewers();
        for (const listener of this.presenceListeners) listener();
      }
      this.setStatus(this.users === 0 ? 'connecting' : 'offline');
      this.scheduleRetry();
    };
    // An error is followed by close; nothing to do here.
    socket.onerror = () => undefined;
  }

  private onHello(socket: WebSocket): void {
    this.attempts = 0;
    this.setStatus('open');
    for (const [ticketId, state] of this.announced) this.send({ type: state, ticket_id: ticketId });
    this.stopTimers();
    this.pingTimer = window.setInterval(() => {
      if (Date.now() - this.lastMessageAt > SILENCE_MS) {
        socket.close();
        this.socket = null;
        socket.onclose = null;
        this.setStatus('offline');
        this.scheduleRetry();
        return;
      }
      this.send({ type: 'ping' });
    }, PING_MS);
    // The server's heartbeat re-announces this connection as "viewing"; say "replying" again right after it.
    const openedAt = Date.now();
    const reassert = () => {
      for (const [ticketId, state] of this.announced) if (state === 'replying') this.send({ type: 'replying', ticket_id: ticketId });
      const elapsed = Date.now() - openedAt;
      this.replyTimer = window.setTimeout(reassert, SERVER_HEARTBEAT_MS - (elapsed % SERVER_HEARTBEAT_MS) + 400);
    };
    this.replyTimer = window.setTimeout(reassert, SERVER_HEARTBEAT_MS + 400);
  }

  private scheduleRetry(): void {
    if (this.users === 0) return;
    window.clearTimeout(this.retryTimer);
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts);
    this.attempts += 1;
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private reconnectNow = (): void => {
    if (this.users === 0 || this.socket) return;
    this.attempts = 0;
    this.connect();
  };

  private onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  private stopTimers(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.replyTimer);
  }

  private shutdown(): void {
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.clearTimeout(this.retryTimer);
    this.stopTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'signed out');
    }
    this.announced.clear();
    this.forgetViewers();
    this.attempts = 0;
    this.setStatus('connecting');
  }
}

export const stream = new StreamClient();

/** Keeps the tab's socket open while the calling component is mounted. */
export function useStreamConnection(enabled = true): void {
  useEffect(() => (enabled ? stream.retain() : undefined), [enabled]);
}

export function useStreamStatus(): StreamStatus {
  return useSyncExternalStore(stream.onStatus, () => stream.status);
}

/** Calls `handler` for every message; the latest handler is used without resubscribing. */
export function useStreamMessages(handler: (message: StreamMessage) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => stream.subscribe((message) => ref.current(message)), []);
}

const none: Viewer[] = [];

/**
 * Announces that this tab views (or replies to) a ticket while mounted, and returns who else is
 * there: other people only, never this user in another tab.
 */
export function useTicketPresence(ticketId: number, state: PresenceState | null, meId: number): Viewer[] {
  useEffect(() => {
    if (!state || !Number.isInteger(ticketId) || ticketId <= 0) return;
    stream.announce(ticketId, state);
  }, [ticketId, state]);
  useEffect(() => {
    if (!Number.isInteger(ticketId) || ticketId <= 0) return;
    return () => stream.announce(ticketId, null);
  }, [ticketId]);
  const viewers = useSyncExternalStore(stream.onPresence, () => stream.viewersOf(ticketId) ?? none);
  return viewers.filter((viewer) => viewer.user_id !== meId);
}

/**
 * Who is looking at which ticket, across every process: each process hears every presence message
 * on the bus and keeps the same map. Entries expire unless refreshed, so a crashed browser or
 * process does not leave a ghost viewer behind.
 */
export interface Viewer {
  user_id: number;
  name: string;
  state: 'viewing' | 'replying';
}

export interface PresenceMessage {
  ticket_id: number;
  user_id: number;
  name: string;
  state: 'viewing' | 'replying' | 'left';
  connection: string;
  at: number;
}

export const PRESENCE_TTL_MS = 45_000;

export class PresenceMap {
  // ticket id → connection id → entry
  private readonly tickets = new Map<number, Map<string, Viewer & { expires: number }>>();

  apply(message: PresenceMessage, now: number): void {
    const viewers = this.tickets.get(message.ticket_id) ?? new Map();
    if (message.state === 'left') viewers.delete(message.connection);
    else
      viewers.set(message.connection, {
        user_id: message.user_id,
        name: message.name,
        state: message.state,
        expires: now + PRESENCE_TTL_MS,
      });
    if (viewers.size) this.tickets.set(message.ticket_id, viewers);
    else this.tickets.delete(message.ticket_id);
  }

  /** Viewers of a ticket, one entry per user (the busiest state wins when a user has several tabs). */
  viewers(ticketId: number, now: number): Viewer[] {
    const entries = this.tickets.get(ticketId);
    if (!entries) return [];
    const byUser = new Map<number, Viewer>();
    for (const [connection, entry] of entries) {
      if (entry.expires <= now) {
        entries.delete(connection);
        continue;
      }
      const seen = byUser.get(entry.user_id);
      if (!seen || entry.state === 'replying') byUser.set(entry.user_id, { user_id: entry.user_id, name: entry.name, state: entry.state });
    }
    return [...byUser.values()].sort((a, b) => a.user_id - b.user_id);
  }
}

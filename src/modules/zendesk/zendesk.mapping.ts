import type { TicketPriority, TicketStatus } from '../../db/schema.ts';

/** Zendesk's ticket values and Frontline's: `urgent|high|normal|low` ↔ `p1–p4`, `hold` ↔ `on_hold`. */
export const zendeskPriorities = ['urgent', 'high', 'normal', 'low'] as const;
export type ZendeskPriority = (typeof zendeskPriorities)[number];
export const zendeskStatuses = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type ZendeskStatus = (typeof zendeskStatuses)[number];

const toPriority: Record<ZendeskPriority, TicketPriority> = { urgent: 'p1', high: 'p2', normal: 'p3', low: 'p4' };
const fromPriority: Record<TicketPriority, ZendeskPriority> = { p1: 'urgent', p2: 'high', p3: 'normal', p4: 'low' };

export const priorityFromZendesk = (value: ZendeskPriority): TicketPriority => toPriority[value];
export const priorityToZendesk = (value: TicketPriority): ZendeskPriority => fromPriority[value];
export const statusFromZendesk = (value: ZendeskStatus): TicketStatus => (value === 'hold' ? 'on_hold' : value);
export const statusToZendesk = (value: TicketStatus): ZendeskStatus => (value === 'on_hold' ? 'hold' : value);

const flipped: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
const sortNames: Record<string, string> = {
  created_at: 'created',
  updated_at: 'updated',
  created: 'created',
  updated: 'updated',
  priority: 'priority',
  status: 'status',
  ticket_type: 'id',
};

/** Zendesk writes times to the second, without milliseconds. */
export const zendeskTime = (iso: string | null): string | null => (iso === null ? null : iso.replace(/\.\d{3}Z$/, 'Z'));

/**
 * Rewrites a Zendesk search (`type:ticket status<solved priority:urgent tags:vip requester:a@b.c created>2026-01-01`)
 * into Frontline's ticket query language, which already follows Zendesk's shape: only the words that
 * differ are translated. Returns null when the search asks for something other than tickets.
 */
export function translateSearch(query: string): { q: string; type: 'ticket' } | null {
  const terms = query.match(/-?[^\s"]*"[^"]*"|\S+/g) ?? [];
  const out: string[] = [];
  for (const term of terms) {
    const m = /^(-?)([a-z_]+)(:|<=|>=|<|>)(.*)$/i.exec(term);
    if (!m) {
      out.push(term);
      continue;
    }
    const [, neg, rawField, op, rawValue] = m as unknown as [string, string, string, string, string];
    const field = rawField.toLowerCase();
    if (field === 'type' && op === ':' && ['ticket', 'user', 'organization', 'group'].includes(rawValue.toLowerCase())) {
      if (rawValue.toLowerCase() !== 'ticket') return null;
      continue;
    }
    if (field === 'ticket_type') {
      out.push(`${neg}type${op}${rawValue}`);
      continue;
    }
    const mapValue = (value: string): string => {
      const v = value.toLowerCase();
      if (field === 'priority' && v in toPriority) return toPriority[v as ZendeskPriority];
      if (field === 'status' && v === 'hold') return 'on_hold';
      return value;
    };
    if (field === 'order_by') {
      out.push(`order_by:${sortNames[rawValue.toLowerCase()] ?? rawValue}`);
      continue;
    }
    const name = field === 'tags' ? 'tag' : field === 'created_at' || field === 'updated_at' ? field.slice(0, -3) : field;
    // Zendesk orders priorities low < urgent; Frontline's p1 < p4 runs the other way, so a bound flips.
    const operator = field === 'priority' ? (flipped[op] ?? op) : op;
    out.push(`${neg}${name}${operator}${rawValue.split(',').map(mapValue).join(',')}`);
  }
  return { q: out.join(' '), type: 'ticket' };
}

import type { TicketRow } from '../../db/schema.ts';
import type { Actor, Context } from '../../platform/context.ts';
import type { NewTicketEvent } from './tickets.repository.ts';

/** One committed-together change to a ticket, as the modules that react to it see it. */
export interface TicketChange {
  ticketId: number;
  kind: 'created' | 'updated' | 'commented';
  /** The events this change recorded (field changes with before/after, comments…); a hook that changes the ticket appends its own, so later hooks see them. */
  events: NewTicketEvent[];
  actor: Actor;
  now: Date;
  /** The ticket as the change left it, when the caller has it (hooks load it otherwise); a hook that changes the ticket replaces it. */
  ticket?: TicketRow | undefined;
  ctx: Context;
}

/** Runs inside the ticket's transaction: use `trx` only. A thrown error rolls the change back. */
export type TicketChangeHook = (trx: Context['db'], change: TicketChange) => Promise<void>;

const hooks = new Map<string | TicketChangeHook, TicketChangeHook>();

/**
 * Lets another module react to every ticket change in the same transaction (triggers, webhooks,
 * routing) without the tickets module knowing it. Hooks run in registration order; registering
 * under a `name` already used replaces that hook, so registration can be repeated safely. Returns a
 * function that removes it.
 */
export function onTicketChange(hook: TicketChangeHook, name?: string): () => void {
  const key = name ?? hook;
  hooks.set(key, hook);
  return () => {
    if (hooks.get(key) === hook) hooks.delete(key);
  };
}

/** Whether any module reacts to ticket changes (and so may have changed the ticket after its service wrote it). */
export function hasTicketChangeHooks(): boolean {
  return hooks.size > 0;
}

/** Called by the ticket services, inside their transaction, once the change is written. */
export async function runTicketChangeHooks(trx: Context['db'], change: TicketChange): Promise<void> {
  if (hooks.size === 0) return;
  for (const hook of hooks.values()) await hook(trx, change);
}

/**
 * Triggers run on every ticket change, inside its transaction. They are compiled once into
 * predicates and cached per process (dropped when a trigger changes, in every process), so a change
 * that fires nothing costs a few function calls per trigger.
 *
 * Order and loops: active triggers are tried in position order; when one fires, its field changes
 * are applied to the ticket in memory and the pass starts again from the first trigger, so earlier
 * triggers see them. Each trigger fires at most once per change, and the changes triggers make are
 * written without re-running the triggers — a trigger whose own action would make it fire again
 * runs once.
 */
import type { TicketRow } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';
import type { NewTicketEvent, TicketChange } from '../tickets/index.ts';
import * as repo from './automation.repository.ts';
import { applyRuleChanges, enqueueEffects, ruleActor } from './rule-effects.ts';
import {
  type Action,
  applyFieldActions,
  type ChangeFacts,
  type Conditions,
  compileConditions,
  type FieldChanges,
  type Predicate,
  type RuleTicket,
} from './rules.ts';

type Db = Context['db'];

export interface CompiledTrigger {
  id: number;
  name: string;
  matches: Predicate;
  actions: Action[];
}

export function compileTrigger(row: repo.TriggerRow): CompiledTrigger {
  return { id: row.id, name: row.name, matches: compileConditions(row.conditions as Conditions), actions: row.actions as Action[] };
}

/** Active triggers in order, compiled; loaded with the caller's handle (inside a transaction, its `trx`). */
export function activeTriggers(ctx: Context, db: Db): Promise<CompiledTrigger[]> {
  return ctx.cache.get('automation', 'triggers', async () => (await repo.listTriggers(db, true)).map(compileTrigger));
}

/** What conditions on the change see: its kind, the values before it, the comment it added, who made it. */
export function changeFacts(change: Pick<TicketChange, 'kind' | 'events' | 'actor'>): ChangeFacts {
  const before = new Map<string, unknown>();
  let comment: ChangeFacts['comment'] = null;
  for (const event of change.events) {
    if (event.type === 'ticket.field_changed' && event.field && !before.has(event.field)) before.set(event.field, event.before);
    else if (event.type === 'comment.added') {
      const after = event.after as { public?: boolean; author?: string } | undefined;
      comment = { public: after?.public === true, author: after?.author === 'customer' ? 'customer' : 'agent' };
    }
  }
  const role = change.actor.role;
  return { kind: change.kind, before, comment, actor: role === 'customer' ? 'customer' : role === 'system' ? 'system' : 'agent' };
}

export interface TriggerOutcome {
  fired: { id: number; name: string }[];
  changes: FieldChanges;
  effects: { source: { kind: string; id: number; name: string }; action: Action }[];
}

/** Pure: which triggers fire on this change, in order, and what they change. */
export function evaluateTriggers(triggers: readonly CompiledTrigger[], ticket: RuleTicket, facts: ChangeFacts): TriggerOutcome {
  const outcome: TriggerOutcome = { fired: [], changes: {}, effects: [] };
  const fired = new Set<number>();
  for (let pass = 0; pass < triggers.length; pass++) {
    const next = triggers.find((trigger) => !fired.has(trigger.id) && trigger.matches(ticket, facts));
    if (!next) break;
    fired.add(next.id);
    outcome.fired.push({ id: next.id, name: next.name });
    for (const action of applyFieldActions(ticket, next.actions, facts, outcome.changes))
      outcome.effects.push({ source: { kind: 'trigger', id: next.id, name: next.name }, action });
  }
  return outcome;
}

/** The ticket-change hook: evaluates the triggers and writes what fired, in the change's transaction. */
export async function runTriggers(trx: Db, change: TicketChange): Promise<void> {
  const updated = await fireTriggers(change.ctx, trx, change.ticketId, change.ticket, changeFacts(change), change.now, change.events);
  if (updated) change.ticket = updated;
}

/**
 * Evaluates the active triggers on one ticket for these facts and writes what fired (events appended
 * to `recorded`). Returns the updated ticket when a trigger changed it.
 */
export async function fireTriggers(
  ctx: Context,
  trx: Db,
  ticketId: number,
  known: TicketRow | undefined,
  facts: ChangeFacts,
  now: Date,
  recorded: NewTicketEvent[],
): Promise<TicketRow | undefined> {
  const triggers = await activeTriggers(ctx, trx);
  if (triggers.length === 0) return undefined;
  const row: TicketRow | undefined = known ?? (await repo.findTicketRow(trx, ticketId));
  if (!row || row.status === 'closed') return undefined;
  const ticket: RuleTicket = { ...row, tags: [...row.tags] };
  const outcome = evaluateTriggers(triggers, ticket, facts);
  if (outcome.fired.length === 0) return undefined;

  const names = outcome.fired.map((t) => t.name).join(', ');
  const ruleEvents: NewTicketEvent[] = outcome.fired.map((t) => ({
    type: 'automation.trigger_fired',
    after: { trigger_id: t.id, name: t.name },
  }));
  for (const { source, action } of outcome.effects) {
    if (action.type === 'escalate')
      ruleEvents.push({ type: 'ticket.escalated', after: { tier: ticket.tier, group_id: ticket.group_id, by: source.name } });
  }
  const written: NewTicketEvent[] = [];
  const updated = await applyRuleChanges(ctx, trx, ruleActor('Trigger', names), row, outcome.changes, ruleEvents, now, written);
  if (!updated) return undefined;
  recorded.push(...written);
  await enqueueEffects(ctx, trx, updated, outcome.effects, now);
  return updated;
}

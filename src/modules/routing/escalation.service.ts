import { type Kysely, sql } from 'kysely';
import type { Database, TicketRow } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { applyTicketChanges } from '../tickets/index.ts';
import { runRouting, routingActor } from './routing.service.ts';

type Db = Kysely<Database>;
type RuleRow = Awaited<ReturnType<typeof listRuleRows>>[number];

export interface EscalationRuleInput {
  position?: number | undefined;
  category_id?: number | null | undefined;
  priority?: 'p1' | 'p2' | 'p3' | 'p4' | null | undefined;
  from_tier?: number | null | undefined;
  to_tier: number;
  group_id?: number | null | undefined;
  notify_user_ids?: number[] | undefined;
  on_breach?: boolean | undefined;
  active?: boolean | undefined;
}

export interface EscalationInput {
  reason: string;
  tier?: number | undefined;
  group_id?: number | undefined;
}

function listRuleRows(db: Db) {
  return db.selectFrom('escalation_rules').selectAll().orderBy('position').orderBy('id').execute();
}

export const presentRule = (row: RuleRow) => ({
  id: row.id,
  position: row.position,
  category_id: row.category_id,
  priority: row.priority,
  from_tier: row.from_tier,
  to_tier: row.to_tier,
  group_id: row.group_id,
  notify_user_ids: row.notify_user_ids.map(Number),
  on_breach: row.on_breach,
  active: row.active,
  updated_at: iso(row.updated_at) as string,
});
export type EscalationRuleView = ReturnType<typeof presentRule>;

export async function listEscalationRules(ctx: Context): Promise<EscalationRuleView[]> {
  return (await listRuleRows(ctx.db)).map(presentRule);
}

async function checkRuleReferences(db: Db, input: Partial<EscalationRuleInput>): Promise<void> {
  if (input.category_id != null && !(await db.selectFrom('categories').select('id').where('id', '=', input.category_id).executeTakeFirst()))
    throw validationError(`category_id: category ${input.category_id} does not exist`, [
      { path: 'category_id', message: 'unknown category' },
    ]);
  if (input.group_id != null && !(await db.selectFrom('groups').select('id').where('id', '=', input.group_id).executeTakeFirst()))
    throw validationError(`group_id: group ${input.group_id} does not exist`, [{ path: 'group_id', message: 'unknown group' }]);
  const ids = [...new Set(input.notify_user_ids ?? [])];
  if (ids.length) {
    const found = await db.selectFrom('users').select('id').where('id', 'in', ids).where('role', '!=', 'customer').execute();
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      throw validationError(`notify_user_ids: ${missing.join(', ')} are not agents`, [
        { path: 'notify_user_ids', message: 'unknown agent' },
      ]);
  }
  if (input.from_tier != null && input.to_tier !== undefined && input.from_tier === input.to_tier)
    throw validationError('from_tier and to_tier must differ.', [{ path: 'to_tier', message: 'same as from_tier' }]);
}

/** Adds a row to the escalation matrix. Throws validation_failed. */
export async function createEscalationRule(ctx: Context, actor: Actor, input: EscalationRuleInput): Promise<EscalationRuleView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await checkRuleReferences(trx, input);
    const row = await trx
      .insertInto('escalation_rules')
      .values({ ...input, notify_user_ids: [...new Set(input.notify_user_ids ?? [])], created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'escalation_rule.created',
      entityType: 'escalation_rule',
      entityId: row.id,
      after: presentRule(row),
    });
    return presentRule(row);
  });
}

/** Throws not_found, validation_failed. */
export async function updateEscalationRule(ctx: Context, actor: Actor, id: number, input: Partial<EscalationRuleInput>) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('escalation_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!existing) throw notFound('not_found', 'Escalation rule', id);
    await checkRuleReferences(trx, { from_tier: existing.from_tier, to_tier: existing.to_tier, ...input });
    const row = await trx
      .updateTable('escalation_rules')
      .set({ ...input, ...(input.notify_user_ids ? { notify_user_ids: [...new Set(input.notify_user_ids)] } : {}), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'escalation_rule.updated',
      entityType: 'escalation_rule',
      entityId: id,
      before: presentRule(existing),
      after: presentRule(row),
    });
    return presentRule(row);
  });
}

/** Throws not_found. */
export async function deleteEscalationRule(ctx: Context, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('escalation_rules').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Escalation rule', id);
    await recordAudit(trx, actor, now, {
      action: 'escalation_rule.deleted',
      entityType: 'escalation_rule',
      entityId: id,
      before: presentRule(row),
    });
  });
}

/**
 * The matrix row for a ticket moving to a tier: the most specific match wins (the ticket's own
 * category over its product, then priority, then the tier it comes from), then position.
 */
export function matchRule(
  rules: RuleRow[],
  ticket: { category_id: number | null; parent_category_id: number | null; priority: string; tier: number },
  toTier: number,
  options: { onBreach?: boolean } = {},
): RuleRow | undefined {
  let best: { rule: RuleRow; score: number } | undefined;
  for (const rule of rules) {
    if (!rule.active || rule.to_tier !== toTier) continue;
    if (options.onBreach && !rule.on_breach) continue;
    let score = 0;
    if (rule.category_id !== null) {
      if (rule.category_id === ticket.category_id) score += 4;
      else if (rule.category_id === ticket.parent_category_id) score += 2;
      else continue;
    }
    if (rule.priority !== null) {
      if (rule.priority !== ticket.priority) continue;
      score += 1;
    }
    if (rule.from_tier !== null) {
      if (rule.from_tier !== ticket.tier) continue;
      score += 1;
    }
    if (!best || score > best.score) best = { rule, score };
  }
  return best?.rule;
}

async function defaultGroupFor(db: Db, tier: number): Promise<number | null> {
  const row = await db.selectFrom('groups').select('id').where('tier', '=', tier).orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

async function lockOpenTicket(trx: Db, id: number): Promise<TicketRow & { parent_category_id: number | null }> {
  const ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!ticket) throw notFound('ticket_not_found', 'Ticket', id);
  if (ticket.status === 'solved' || ticket.status === 'closed')
    throw new AppError('invalid_transition', `Ticket ${id} is ${ticket.status}; reopen it before changing its tier.`);
  const parent = ticket.category_id
    ? await trx.selectFrom('categories').select('parent_id').where('id', '=', ticket.category_id).executeTakeFirst()
    : undefined;
  return { ...ticket, parent_category_id: parent?.parent_id ?? null };
}

export interface TierChange {
  ticket_id: number;
  from_tier: number;
  to_tier: number;
  group_id: number | null;
  rule_id: number | null;
  notified_user_ids: number[];
  assignee_id: number | null;
}

/**
 * Moves a ticket up (escalate) or down (de-escalate) the tiers inside a transaction: the matrix (or
 * the caller) names the group, the assignee is cleared so the new tier's queue routes it, and a
 * `ticket.escalated` / `ticket.deescalated` event records the reason next to the field changes.
 */
export async function changeTier(
  trx: Db,
  actor: Actor,
  ticketId: number,
  direction: 'up' | 'down',
  input: EscalationInput & { automatic?: boolean },
  now: Date,
): Promise<TierChange> {
  const ticket = await lockOpenTicket(trx, ticketId);
  const toTier = input.tier ?? ticket.tier + (direction === 'up' ? 1 : -1);
  if (direction === 'up' ? toTier <= ticket.tier || toTier > 3 : toTier >= ticket.tier || toTier < 1) {
    throw new AppError(
      'invalid_transition',
      direction === 'up'
        ? `Ticket ${ticketId} is at Tier ${ticket.tier}; it can only be escalated to a higher tier, up to 3.`
        : `Ticket ${ticketId} is at Tier ${ticket.tier}; it can only be de-escalated to a lower tier, down to 1.`,
      { tier: ticket.tier, requested: toTier },
    );
  }
  const rule = direction === 'up' ? matchRule(await listRuleRows(trx), ticket, toTier, { onBreach: input.automatic }) : undefined;
  if (input.group_id !== undefined && !(await trx.selectFrom('groups').select('id').where('id', '=', input.group_id).executeTakeFirst()))
    throw validationError(`group_id: group ${input.group_id} does not exist`, [{ path: 'group_id', message: 'unknown group' }]);
  const groupId = input.group_id ?? rule?.group_id ?? (await defaultGroupFor(trx, toTier));
  const notified = rule?.notify_user_ids.map(Number) ?? [];
  await applyTicketChanges(trx, actor, ticket, { tier: toTier, group_id: groupId, assignee_id: null }, now, [
    {
      type: direction === 'up' ? 'ticket.escalated' : 'ticket.deescalated',
      before: { tier: ticket.tier, group_id: ticket.group_id, assignee_id: ticket.assignee_id },
      after: {
        tier: toTier,
        group_id: groupId,
        reason: input.reason,
        rule_id: rule?.id ?? null,
        notified_user_ids: notified,
        automatic: !!input.automatic,
      },
    },
  ]);
  const [routed] = await runRouting(trx, now, { ticketIds: [ticketId] });
  return {
    ticket_id: ticketId,
    from_tier: ticket.tier,
    to_tier: toTier,
    group_id: groupId,
    rule_id: rule?.id ?? null,
    notified_user_ids: notified,
    assignee_id: routed?.kind === 'assigned' ? routed.user_id : null,
  };
}

/** Throws ticket_not_found, invalid_transition, validation_failed. */
export async function escalateTicket(ctx: Context, actor: Actor, ticketId: number, input: EscalationInput): Promise<TierChange> {
  const change = await ctx.db.transaction().execute((trx) => changeTier(trx, actor, ticketId, 'up', input, ctx.clock.now()));
  await notifyEscalation(ctx, change, input.reason);
  return change;
}

/** Throws ticket_not_found, invalid_transition, validation_failed. */
export async function deescalateTicket(ctx: Context, actor: Actor, ticketId: number, input: EscalationInput): Promise<TierChange> {
  return ctx.db.transaction().execute((trx) => changeTier(trx, actor, ticketId, 'down', input, ctx.clock.now()));
}

async function notifyEscalation(ctx: Context, change: TierChange, reason: string): Promise<void> {
  if (change.notified_user_ids.length === 0) return;
  const users = await ctx.db.selectFrom('users').select(['email', 'name']).where('id', 'in', change.notified_user_ids).execute();
  for (const user of users) {
    await ctx.mailer
      .send({
        to: user.email,
        subject: `Ticket #${change.ticket_id} escalated to Tier ${change.to_tier}`,
        text: `Hello ${user.name},\n\nTicket #${change.ticket_id} moved from Tier ${change.from_tier} to Tier ${change.to_tier}.\nReason: ${reason}\n`,
      })
      .catch((error: unknown) => ctx.log.warn({ err: error, ticket: change.ticket_id }, 'escalation notice not sent'));
  }
}

/**
 * Escalates, one tier up, every ticket whose SLA breached since the last run when a matrix row
 * marked `on_breach` matches it. Run it after the SLA breach detection (the routing cycle does).
 */
export async function escalateBreaches(ctx: Context): Promise<TierChange[]> {
  const now = ctx.clock.now();
  const changes = await ctx.db.transaction().execute(async (trx) => {
    const cursorRow = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'routing.breach_cursor')
      .forUpdate()
      .executeTakeFirst();
    const after = Number((cursorRow?.value as { last_event_id?: number } | undefined)?.last_event_id ?? 0);
    const breaches = await trx
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select(['e.id', 'e.ticket_id', 't.tier', 't.status'])
      .where('e.type', '=', 'sla.breached')
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(1000)
      .execute();
    const last = breaches.at(-1)?.id ?? after;
    await sql`insert into settings (key, value, updated_at) values ('routing.breach_cursor', ${JSON.stringify({ last_event_id: last })}, ${now})
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(trx);
    const rules = (await listRuleRows(trx)).filter((r) => r.on_breach && r.active);
    const made: TierChange[] = [];
    const seen = new Set<number>();
    for (const breach of breaches) {
      if (seen.has(breach.ticket_id) || breach.tier >= 3 || breach.status === 'solved' || breach.status === 'closed') continue;
      seen.add(breach.ticket_id);
      const ticket = await lockOpenTicket(trx, breach.ticket_id);
      if (!matchRule(rules, ticket, ticket.tier + 1, { onBreach: true })) continue;
      made.push(await changeTier(trx, routingActor, breach.ticket_id, 'up', { reason: 'SLA breached', automatic: true }, now));
    }
    return made;
  });
  for (const change of changes) await notifyEscalation(ctx, change, 'SLA breached');
  return changes;
}

export interface TierShare {
  tier: number;
  solved: number;
  share: number;
}

/**
 * The share of tickets solved at each tier in [from, to) (the tier a ticket had when solved), and
 * the escalation rate: solved tickets that were escalated at least once.
 */
export async function tierShares(db: Db, range: { from: Date; to: Date }) {
  const rows = await sql<{ tier: number; solved: number; escalated: number }>`
    select t.tier, count(*)::int as solved,
      count(*) filter (where exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'ticket.escalated'))::int as escalated
    from tickets t
    where t.solved_at >= ${range.from} and t.solved_at < ${range.to} and t.merged_into_id is null
    group by t.tier order by t.tier`.execute(db);
  const total = rows.rows.reduce((sum, r) => sum + r.solved, 0);
  const escalated = rows.rows.reduce((sum, r) => sum + r.escalated, 0);
  const tiers: TierShare[] = [1, 2, 3].map((tier) => {
    const solved = rows.rows.find((r) => Number(r.tier) === tier)?.solved ?? 0;
    return { tier, solved, share: total ? solved / total : 0 };
  });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    solved: total,
    tiers,
    escalation_rate: total ? escalated / total : 0,
    // The seeds' targets: Tier 1 solves 60–75 %, Tier 3 under 5 %.
    targets: { tier1_min: 0.6, tier1_max: 0.75, tier3_max: 0.05 },
  };
}

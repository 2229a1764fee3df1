import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, systemActor } from '../../platform/context.ts';
import { recomputeSlaForTickets } from '../sla/index.ts';
import { appendEvents } from '../tickets/index.ts';
import { type Assignment, type ChannelClass, channelClassOf, type RequiredSkill, Router, type WorkItem } from './routing-engine.ts';
import { getRoutingSettings, getValueTiers, type RoutingSettings, tierRank, type ValueTierSettings } from './routing-settings.ts';
import * as repo from './routing.repository.ts';

type Db = Kysely<Database>;

/** The router acts as the system; its assignments carry a `ticket.routed` event saying why. */
export const routingActor: Actor = { ...systemActor, name: 'Routing' };

export interface RoutingOutcome {
  ticket_id: number;
  user_id: number;
  kind: 'assigned' | 'offered';
  reason: Assignment['reason'] | 'pulled' | 'offer_accepted';
}

/** How many waiting tickets one pass looks at (most urgent kept by the engine's order). */
const QUEUE_LIMIT = 5000;

export interface RoutingInputs {
  settings: RoutingSettings;
  tiers: ValueTierSettings;
  known: Set<string>;
}

export async function routingInputs(db: Db): Promise<RoutingInputs> {
  const [settings, tiers, known] = await Promise.all([getRoutingSettings(db), getValueTiers(db), repo.knownSkills(db)]);
  return { settings, tiers, known };
}

/** A ticket's required skills: its product (top of the category path), the customer's language and its priority — those defined as skills. */
export function requiredSkills(
  row: Pick<repo.QueueRow, 'category_path' | 'language' | 'priority'>,
  inputs: RoutingInputs,
): RequiredSkill[] {
  const { require_skills: wanted, min_proficiency: min } = inputs.settings;
  const names: string[] = [];
  const product = row.category_path?.split('/')[0];
  if (wanted.product && product) names.push(`product:${product}`);
  if (wanted.language && row.language) names.push(`language:${row.language}`);
  if (wanted.priority) names.push(`priority:${row.priority}`);
  return names.filter((name) => inputs.known.has(name)).map((name) => ({ name, min }));
}

export function toWorkItem(row: repo.QueueRow, inputs: RoutingInputs): WorkItem {
  const { settings, tiers } = inputs;
  const org = row.organization_tier;
  const tier = org !== null && tierRank(tiers.tiers, org) > tierRank(tiers.tiers, row.customer_tier) ? org : row.customer_tier;
  const waitingSince = row.created_at.getTime();
  return {
    id: row.id,
    channel: channelClassOf(row.channel),
    groupId: row.group_id,
    tier: row.tier,
    skills: requiredSkills(row, inputs),
    priority: row.priority,
    value: tierRank(tiers.tiers, tier),
    topTier: settings.top_value_tiers.includes(tier),
    ownerId: row.account_owner_id,
    waitingSince,
    dueAt: row.due_at?.getTime() ?? waitingSince + settings.default_due_minutes[row.priority] * 60_000,
    excluded: row.excluded,
  };
}

export function buildRouter(agents: repo.AgentRecord[], inputs: RoutingInputs, forceAvailable?: number): Router {
  const router = new Router({ weights: inputs.settings.weights, tieBreak: inputs.settings.tie_break });
  for (const a of agents) {
    const load = { ...a.load };
    for (const channel of Object.keys(load) as ChannelClass[]) load[channel] += a.offered[channel];
    router.addAgent({
      id: a.id,
      tier: a.tier,
      groupIds: a.groupIds,
      skills: a.skills,
      available: a.state === 'online' || a.id === forceAvailable,
      capacity: { ...a.capacity },
      load,
      lastAssignedAt: a.lastAssignedAt?.getTime() ?? 0,
    });
  }
  return router;
}

/**
 * Routes waiting work inside the caller's transaction: the given tickets, or fills one agent's free
 * capacity, or (neither) every waiting ticket. Does nothing in pull mode or when routing is off.
 */
export async function runRouting(trx: Db, now: Date, scope: { ticketIds?: number[]; agentId?: number } = {}): Promise<RoutingOutcome[]> {
  const inputs = await routingInputs(trx);
  if (!inputs.settings.enabled || inputs.settings.mode === 'pull') return [];
  await repo.lockRouting(trx);
  const queue = await repo.loadQueue(trx, { limit: QUEUE_LIMIT, ticketIds: scope.ticketIds });
  if (queue.length === 0) return [];
  // Routing a few tickets needs only the agents who could take them: their groups' members (or their tier), and their account owners.
  const candidates = scope.ticketIds && !scope.agentId ? await repo.candidateAgents(trx, queue) : undefined;
  const agents = await repo.loadAgents(trx, inputs.settings.default_capacity, { userIds: candidates });
  const router = buildRouter(agents, inputs);
  for (const row of queue) router.enqueue(toWorkItem(row, inputs));
  const made = scope.agentId !== undefined ? router.fill(scope.agentId, now.getTime()) : router.routeAll(now.getTime());
  return applyAssignments(trx, made, inputs.settings, now);
}

async function applyAssignments(trx: Db, made: Assignment[], settings: RoutingSettings, now: Date): Promise<RoutingOutcome[]> {
  if (made.length === 0) return [];
  if (settings.offer_timeout_seconds > 0) {
    const expires = new Date(now.getTime() + settings.offer_timeout_seconds * 1000);
    await trx
      .insertInto('routing_offers')
      .values(
        made.map((a) => ({
          ticket_id: a.itemId,
          user_id: a.agentId,
          status: 'offered' as const,
          reason: a.reason,
          offered_at: now,
          expires_at: expires,
        })),
      )
      .execute();
    return made.map((a) => ({ ticket_id: a.itemId, user_id: a.agentId, kind: 'offered', reason: a.reason }));
  }
  const assigned = await assignTickets(
    trx,
    made.map((a) => ({ ticketId: a.itemId, userId: a.agentId, reason: a.reason })),
    now,
  );
  return assigned.map((a) => ({ ticket_id: a.ticketId, user_id: a.userId, kind: 'assigned', reason: a.reason }));
}

interface AssignmentRequest {
  ticketId: number;
  userId: number;
  reason: RoutingOutcome['reason'];
}

/**
 * Assigns unassigned, unsolved tickets in one batch: the assignee (and new → open), the version,
 * the field-change events with a `ticket.routed` event saying why, the SLA clocks and each agent's
 * last assignment time. Tickets someone assigned or solved meanwhile are skipped.
 */
export async function assignTickets(trx: Db, requests: AssignmentRequest[], now: Date): Promise<AssignmentRequest[]> {
  if (requests.length === 0) return [];
  const rows = await trx
    .selectFrom('tickets')
    .select(['id', 'status'])
    .where(
      'id',
      'in',
      requests.map((r) => r.ticketId),
    )
    .where('assignee_id', 'is', null)
    .where('status', 'in', repo.activeStatuses)
    .orderBy('id')
    .forUpdate()
    .execute();
  const statusOf = new Map(rows.map((r) => [r.id, r.status]));
  const todo = requests.filter((r) => statusOf.has(r.ticketId));
  if (todo.length === 0) return [];
  const values = sql.join(todo.map((r) => sql`(${r.ticketId}::bigint, ${r.userId}::bigint)`));
  await sql`update tickets t set assignee_id = v.user_id,
      status = case when t.status = 'new' then 'open' else t.status end,
      version = t.version + 1, updated_at = ${now}
    from (values ${values}) as v(ticket_id, user_id) where t.id = v.ticket_id`.execute(trx);
  for (const r of todo) {
    const status = statusOf.get(r.ticketId);
    await appendEvents(trx, r.ticketId, routingActor, now, [
      { type: 'ticket.routed', after: { assignee_id: r.userId, reason: r.reason } },
      { type: 'ticket.field_changed', field: 'assignee_id', before: null, after: r.userId },
      ...(status === 'new' ? [{ type: 'ticket.field_changed', field: 'status', before: 'new', after: 'open' }] : []),
    ]);
  }
  await recomputeSlaForTickets(
    trx,
    todo.map((r) => r.ticketId),
    now,
  );
  const agents = [...new Set(todo.map((r) => r.userId))];
  await trx.updateTable('agent_states').set({ last_assigned_at: now }).where('user_id', 'in', agents).execute();
  return todo;
}

/** Assigns one unassigned ticket; false when someone assigned it meanwhile. */
export async function assignTicket(
  trx: Db,
  ticketId: number,
  userId: number,
  reason: RoutingOutcome['reason'],
  now: Date,
): Promise<boolean> {
  return (await assignTickets(trx, [{ ticketId, userId, reason }], now)).length === 1;
}

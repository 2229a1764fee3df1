import { type Kysely, sql } from 'kysely';
import type { AgentState, Database } from '../../db/schema.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cancelOffersOf } from './offers.service.ts';
import { runRouting, type RoutingOutcome } from './routing.service.ts';

type Db = Kysely<Database>;

export const agentStates = ['online', 'away', 'offline', 'on_call', 'wrap_up'] as const satisfies readonly AgentState[];

export interface AgentStateInput {
  state: AgentState;
  channel?: string | null | undefined;
  reason?: string | null | undefined;
}

export type StateSource = 'agent' | 'manager' | 'event' | 'system';

export interface AgentStateView {
  user_id: number;
  state: AgentState;
  channel: string | null;
  reason: string | null;
  since: string | null;
}

/**
 * Records a state change (append-only) and moves the agent's current state, inside the caller's
 * transaction. Coming online routes waiting work to the agent; leaving it hands their open offers on.
 * Channels call this for events (a call answered → on_call, hung up → wrap_up). Throws user_not_found.
 */
export async function recordAgentState(
  trx: Db,
  actor: Actor,
  userId: number,
  input: AgentStateInput,
  source: StateSource,
  now: Date,
): Promise<{ state: AgentStateView; routed: RoutingOutcome[] }> {
  const user = await trx.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.role === 'customer') throw notFound('user_not_found', 'Agent', userId);
  if (!user.active && input.state !== 'offline')
    throw new AppError('unprocessable', `User ${userId} is deactivated; only offline is allowed.`);
  const previous = await trx.selectFrom('agent_states').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();
  const channel = input.channel ?? null;
  const reason = input.reason ?? null;
  const unchanged = previous && previous.state === input.state && previous.channel === channel && previous.reason === reason;
  if (!unchanged) {
    await trx
      .insertInto('agent_state_changes')
      .values({ user_id: userId, state: input.state, channel, reason, source, actor_user_id: actor.userId, created_at: now })
      .execute();
    await trx
      .insertInto('agent_states')
      .values({ user_id: userId, state: input.state, channel, reason, since: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ state: input.state, channel, reason, since: now }))
      .execute();
  }
  let routed: RoutingOutcome[] = [];
  if (input.state === 'online' && previous?.state !== 'online') routed = await runRouting(trx, now, { agentId: userId });
  if (input.state !== 'online' && (previous?.state ?? 'offline') === 'online') routed = await cancelOffersOf(trx, userId, now);
  const since = unchanged ? previous.since : now;
  return { state: { user_id: userId, state: input.state, channel, reason, since: since.toISOString() }, routed };
}

/** An agent sets their own state, or a manager sets someone's. Throws user_not_found. */
export async function setAgentState(ctx: Context, actor: Actor, userId: number, input: AgentStateInput) {
  const source: StateSource = actor.userId === userId ? 'agent' : 'manager';
  return ctx.db.transaction().execute((trx) => recordAgentState(trx, actor, userId, input, source, ctx.clock.now()));
}

export async function getAgentState(db: Db, userId: number): Promise<AgentStateView> {
  const row = await db.selectFrom('agent_states').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return { user_id: userId, state: 'offline', channel: null, reason: null, since: null };
  return { user_id: userId, state: row.state, channel: row.channel, reason: row.reason, since: row.since.toISOString() };
}

export interface AgentStateInterval {
  user_id: number;
  state: AgentState;
  channel: string | null;
  from: Date;
  to: Date;
}

/**
 * Each agent's states over [from, to), as intervals clipped to the window, from the append-only
 * change log: the state in force at `from` (the last change before it) and every change inside.
 * Before an agent's first recorded change they were offline. Adjacent intervals with the same state
 * and channel are merged. Used for occupancy and schedule adherence.
 */
export async function agentStateIntervals(
  db: Db,
  options: { userIds?: number[] | undefined; from: Date; to: Date },
): Promise<AgentStateInterval[]> {
  const { from, to } = options;
  if (!(from < to)) return [];
  if (options.userIds && options.userIds.length === 0) return [];
  const users = options.userIds ? sql`and user_id = any(${options.userIds}::bigint[])` : sql``;
  const rows = await sql<{ id: number; user_id: number; state: AgentState; channel: string | null; created_at: Date }>`
    select id, user_id, state, channel, created_at from (
      select distinct on (user_id) id, user_id, state, channel, created_at
        from agent_state_changes where created_at < ${from} ${users}
        order by user_id, created_at desc, id desc
    ) before_window
    union all
    select id, user_id, state, channel, created_at from agent_state_changes
      where created_at >= ${from} and created_at < ${to} ${users}
    order by user_id, created_at, id`.execute(db);
  const intervals: AgentStateInterval[] = [];
  let current: AgentStateInterval | undefined;
  const close = (at: Date) => {
    if (current && current.from < at) {
      current.to = at;
      const last = intervals.at(-1);
      if (
        last &&
        last.user_id === current.user_id &&
        last.state === current.state &&
        last.channel === current.channel &&
        +last.to === +current.from
      )
        last.to = at;
      else intervals.push(current);
    }
    current = undefined;
  };
  for (const row of rows.rows) {
    const at = new Date(row.created_at);
    const userId = Number(row.user_id);
    if (current && current.user_id !== userId) close(to);
    if (!current && at > from) current = { user_id: userId, state: 'offline', channel: null, from, to };
    if (current) close(at < from ? from : at);
    current = { user_id: userId, state: row.state, channel: row.channel, from: at < from ? from : at, to };
  }
  close(to);
  return intervals;
}

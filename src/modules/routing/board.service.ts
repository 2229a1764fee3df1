import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import type { CapacityChannel } from '../../db/schema.ts';
import { channelClasses } from './routing-engine.ts';
import * as repo from './routing.repository.ts';
import { buildRouter, routingInputs, toWorkItem } from './routing.service.ts';

/** Agents as the queue board shows them: presence, load against capacity per channel, groups. */
export async function agentBoard(ctx: Context, filter: { userIds?: number[] | undefined; groupId?: number | undefined } = {}) {
  const inputs = await routingInputs(ctx.db);
  const agents = await repo.loadAgents(ctx.db, inputs.settings.default_capacity, { userIds: filter.userIds });
  return agents
    .filter((a) => filter.groupId === undefined || a.groupIds.includes(filter.groupId))
    .map((a) => {
      const used = channelClasses.reduce((sum, c) => sum + a.load[c] + a.offered[c], 0);
      const capacity = channelClasses.reduce((sum, c) => sum + a.capacity[c], 0);
      return {
        user_id: a.id,
        name: a.name,
        role: a.role,
        tier: a.tier,
        state: a.state,
        channel: a.stateChannel,
        reason: a.stateReason,
        since: iso(a.since),
        last_assigned_at: iso(a.lastAssignedAt),
        group_ids: a.groupIds,
        skills: [...a.skills].map(([name, proficiency]) => ({ name, proficiency })),
        capacity: a.capacity,
        load: a.load,
        offered: a.offered,
        utilisation: capacity ? Math.round((used / capacity) * 1000) / 1000 : 0,
      };
    });
}
export type AgentBoardRow = Awaited<ReturnType<typeof agentBoard>>[number];

/** The waiting queue in routing order, with each item's score and what it needs. */
export async function queueBoard(ctx: Context, options: { limit: number; groupId?: number | undefined }) {
  const inputs = await routingInputs(ctx.db);
  const rows = await repo.loadQueue(ctx.db, { limit: 5000 });
  const router = buildRouter([], inputs);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const row of rows) if (options.groupId === undefined || row.group_id === options.groupId) router.enqueue(toWorkItem(row, inputs));
  const now = ctx.clock.now().getTime();
  const queue = router.queue(now);
  const byGroup = new Map<number | null, number>();
  for (const { item } of queue) byGroup.set(item.groupId, (byGroup.get(item.groupId) ?? 0) + 1);
  return {
    waiting: queue.length,
    by_group: [...byGroup].map(([group_id, waiting]) => ({ group_id, waiting })),
    data: queue.slice(0, options.limit).map(({ item, score }) => {
      const row = byId.get(item.id) as repo.QueueRow;
      return {
        ticket_id: item.id,
        subject: row.subject,
        priority: item.priority,
        channel: row.channel,
        group_id: item.groupId,
        tier: item.tier,
        requester: row.requester_name,
        organization: row.organization_name,
        value_tier: item.topTier ? (row.organization_tier ?? row.customer_tier) : row.customer_tier,
        top_tier: item.topTier,
        account_owner_id: item.ownerId,
        required_skills: item.skills.map((s) => s.name),
        waiting_seconds: Math.max(0, Math.round((now - item.waitingSince) / 1000)),
        due_at: iso(new Date(item.dueAt)),
        score: Math.round(score * 10) / 10,
        declined_by: [...(item.excluded ?? [])],
      };
    }),
  };
}

export async function listCapacities(ctx: Context) {
  const inputs = await routingInputs(ctx.db);
  const rows = await ctx.db.selectFrom('routing_capacities').select(['user_id', 'group_id', 'channel', 'capacity']).orderBy('id').execute();
  return { default: inputs.settings.default_capacity, overrides: rows };
}

/** Sets (a number) or clears (null) an agent's or a group's capacity per channel. Throws user_not_found, group_not_found. */
export async function setCapacity(
  ctx: Context,
  actor: Actor,
  owner: { userId: number } | { groupId: number },
  input: Partial<Record<CapacityChannel, number | null>>,
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const column = 'userId' in owner ? 'user_id' : 'group_id';
    const id = 'userId' in owner ? owner.userId : owner.groupId;
    const exists =
      'userId' in owner
        ? await trx.selectFrom('users').select('id').where('id', '=', id).where('role', '!=', 'customer').executeTakeFirst()
        : await trx.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw 'userId' in owner ? notFound('user_not_found', 'Agent', id) : notFound('group_not_found', 'Group', id);
    const before = await trx.selectFrom('routing_capacities').select(['channel', 'capacity']).where(column, '=', id).execute();
    for (const channel of channelClasses) {
      const value = input[channel];
      if (value === undefined) continue;
      await trx.deleteFrom('routing_capacities').where(column, '=', id).where('channel', '=', channel).execute();
      if (value !== null)
        await trx
          .insertInto('routing_capacities')
          .values({ [column]: id, channel, capacity: value })
          .execute();
    }
    const after = await trx.selectFrom('routing_capacities').select(['channel', 'capacity']).where(column, '=', id).execute();
    await recordAudit(trx, actor, now, {
      action: 'routing_capacity.updated',
      entityType: 'userId' in owner ? 'user' : 'group',
      entityId: id,
      before: Object.fromEntries(before.map((r) => [r.channel, r.capacity])),
      after: Object.fromEntries(after.map((r) => [r.channel, r.capacity])),
    });
    return Object.fromEntries(after.map((r) => [r.channel, r.capacity])) as Partial<Record<CapacityChannel, number>>;
  });
}

import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as groups from './groups.repository.ts';
import { presentGroup } from './users.presenter.ts';
import type { CreateGroupInput, GroupView, UpdateGroupInput } from './users.schemas.ts';

export async function listGroups(ctx: Context): Promise<GroupView[]> {
  const rows = await groups.listGroups(ctx.db);
  const members = await groups.membersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentGroup(row, members.get(row.id)));
}

async function assertAgents(ctx: Context, ids: number[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const rows = await ctx.db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids).execute();
  const agents = new Set(rows.filter((r) => r.role !== 'customer').map((r) => r.id));
  const bad = ids.filter((id) => !agents.has(id));
  if (bad.length) {
    throw new AppError('validation_failed', `Only agents can be group members; ${bad.join(', ')} is not an agent.`, [
      { path: 'member_ids', message: `not agents: ${bad.join(', ')}` },
    ]);
  }
}

/** Creates a group of agents. Throws name_taken, validation_failed. */
export async function createGroup(ctx: Context, actor: Actor, input: CreateGroupInput): Promise<GroupView> {
  await assertAgents(ctx, input.member_ids);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (await groups.findGroupByName(trx, input.name)) throw new AppError('name_taken', `A group named "${input.name}" already exists.`);
    const row = await trx
      .insertInto('groups')
      .values({ name: input.name, description: input.description ?? '', tier: input.tier ?? null, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.member_ids) await groups.replaceMembers(trx, row.id, input.member_ids);
    const created = presentGroup(row, input.member_ids ?? []);
    await recordAudit(trx, actor, now, { action: 'group.created', entityType: 'group', entityId: row.id, after: created });
    return created;
  });
}

/** Throws group_not_found, name_taken, validation_failed. */
export async function updateGroup(ctx: Context, actor: Actor, id: number, input: UpdateGroupInput): Promise<GroupView> {
  await assertAgents(ctx, input.member_ids);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await groups.findGroupById(trx, id);
    if (!existing) throw notFound('group_not_found', 'Group', id);
    if (input.name && input.name.toLowerCase() !== existing.name.toLowerCase() && (await groups.findGroupByName(trx, input.name))) {
      throw new AppError('name_taken', `A group named "${input.name}" already exists.`);
    }
    const before = presentGroup(existing, (await groups.membersOf(trx, [id])).get(id));
    const { member_ids, ...fields } = input;
    const row = await trx
      .updateTable('groups')
      .set({ ...fields, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (member_ids) await groups.replaceMembers(trx, id, member_ids);
    const after = presentGroup(row, member_ids ?? before.member_ids);
    await recordAudit(trx, actor, now, { action: 'group.updated', entityType: 'group', entityId: id, before, after });
    return after;
  });
}

import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import * as repo from './automation.repository.ts';
import type { TriggerInput, TriggerPatch } from './automation.schemas.ts';
import { type Action, type Conditions, checkRule } from './rules.ts';

type Db = Context['db'];

export const presentTrigger = (row: repo.TriggerRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active,
  position: row.position,
  conditions: row.conditions as Conditions,
  actions: row.actions as Action[],
  created_at: iso(row.created_at) as string,
  updated_at: iso(row.updated_at) as string,
});

export function nameTaken(error: unknown, what: string, name: string | undefined): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('name_taken', `A ${what} named "${name}" already exists.`);
  throw error;
}

/** Refuses actions that name a group, user or webhook that does not exist. Throws validation_failed. */
export async function checkReferences(db: Db, actions: readonly Action[]): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  for (const [index, action] of actions.entries()) {
    const path = `actions.${index}`;
    const groupId =
      action.type === 'set' && action.field === 'group_id'
        ? action.value
        : action.type === 'assign' || action.type === 'escalate'
          ? action.group_id
          : undefined;
    if (typeof groupId === 'number' && !(await db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst()))
      problems.push({ path, message: `group ${groupId} does not exist` });
    const userIds =
      action.type === 'assign' && typeof action.assignee_id === 'number'
        ? [action.assignee_id]
        : action.type === 'set' && action.field === 'assignee_id' && typeof action.value === 'number'
          ? [action.value]
          : action.type === 'notify' && typeof action.to === 'object'
            ? action.to.user_ids
            : [];
    for (const userId of userIds) {
      const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
      if (!user || user.role === 'customer') problems.push({ path, message: `agent ${userId} does not exist` });
    }
    if (
      action.type === 'call_webhook' &&
      !(await db.selectFrom('webhook_subscriptions').select('id').where('id', '=', action.subscription_id).executeTakeFirst())
    )
      problems.push({ path, message: `webhook ${action.subscription_id} does not exist` });
  }
  if (problems.length) throw validationError(`Actions: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

function checkTrigger(conditions: Conditions, actions: readonly Action[]): void {
  const problems = checkRule(conditions, actions, { changeConditions: true, sideEffects: true });
  if (conditions.all.length === 0 && conditions.any.length === 0)
    problems.push({ path: 'conditions', message: 'a trigger needs at least one condition' });
  if (problems.length) throw validationError(`Trigger: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

export async function listTriggers(ctx: Context) {
  return (await repo.listTriggers(ctx.db)).map(presentTrigger);
}

/** Throws not_found. */
export async function getTrigger(ctx: Context, id: number) {
  const row = await repo.findTrigger(ctx.db, id);
  if (!row) throw notFound('not_found', 'Trigger', id);
  return presentTrigger(row);
}

/** Throws validation_failed, name_taken. */
export async function createTrigger(ctx: Context, actor: UserActor, input: TriggerInput) {
  checkTrigger(input.conditions, input.actions);
  await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'automation');
      const created = await trx
        .insertInto('automation_triggers')
        .values({
          name: input.name,
          description: input.description ?? '',
          active: input.active ?? true,
          position: 1_000_000,
          conditions: JSON.stringify(input.conditions),
          actions: JSON.stringify(input.actions),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await repo.place(trx, 'automation_triggers', created.id, input.position);
      await recordAudit(trx, actor, now, { action: 'trigger.created', entityType: 'trigger', entityId: created.id, after: input });
      return created.id;
    })
    .catch((error) => nameTaken(error, 'trigger', input.name));
  ctx.cache.drop('automation');
  return getTrigger(ctx, id);
}

/** Throws not_found, validation_failed, name_taken. */
export async function updateTrigger(ctx: Context, actor: UserActor, id: number, input: TriggerPatch) {
  const existing = await repo.findTrigger(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Trigger', id);
  const conditions = input.conditions ?? (existing.conditions as Conditions);
  const actions = input.actions ?? (existing.actions as Action[]);
  checkTrigger(conditions, actions);
  if (input.actions) await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'automation');
      await trx
        .updateTable('automation_triggers')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.conditions !== undefined ? { conditions: JSON.stringify(input.conditions) } : {}),
          ...(input.actions !== undefined ? { actions: JSON.stringify(input.actions) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (input.position !== undefined) await repo.place(trx, 'automation_triggers', id, input.position);
      await recordAudit(trx, actor, now, {
        action: 'trigger.updated',
        entityType: 'trigger',
        entityId: id,
        before: presentTrigger(existing),
        after: input,
      });
    })
    .catch((error) => nameTaken(error, 'trigger', input.name));
  ctx.cache.drop('automation');
  return getTrigger(ctx, id);
}

/** Throws not_found. */
export async function deleteTrigger(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findTrigger(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Trigger', id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'automation');
    await trx.deleteFrom('automation_triggers').where('id', '=', id).execute();
    await repo.renumber(trx, 'automation_triggers', await repo.orderedIds(trx, 'automation_triggers'));
    await recordAudit(trx, actor, now, {
      action: 'trigger.deleted',
      entityType: 'trigger',
      entityId: id,
      before: presentTrigger(existing),
    });
  });
  ctx.cache.drop('automation');
}

/** Sets the order of every trigger. Throws validation_failed unless `ids` names each trigger once. */
export async function reorderTriggers(ctx: Context, actor: UserActor, ids: number[]) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'automation');
    const current = await repo.orderedIds(trx, 'automation_triggers', true);
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
      throw validationError(`Give every trigger id exactly once (${current.join(', ')}).`, [
        { path: 'ids', message: 'must be a permutation of the trigger ids' },
      ]);
    }
    await repo.renumber(trx, 'automation_triggers', ids);
    await recordAudit(trx, actor, now, {
      action: 'trigger.reordered',
      entityType: 'trigger',
      entityId: 'order',
      before: current,
      after: ids,
    });
  });
  ctx.cache.drop('automation');
  return listTriggers(ctx);
}

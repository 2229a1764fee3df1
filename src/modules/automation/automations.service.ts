import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import * as repo from './automation.repository.ts';
import type { AutomationInput, AutomationPatch, TimeCondition } from './automation.schemas.ts';
import { type Action, type Conditions, checkRule } from './rules.ts';
import { checkReferences, nameTaken } from './triggers.service.ts';

type Db = Context['db'];

export const presentAutomation = (row: repo.AutomationRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active,
  position: row.position,
  time_condition: row.time_condition as TimeCondition,
  conditions: row.conditions as Conditions,
  actions: row.actions as Action[],
  created_at: iso(row.created_at) as string,
  updated_at: iso(row.updated_at) as string,
});

async function checkAutomation(db: Db, time: TimeCondition, conditions: Conditions, actions: readonly Action[]): Promise<void> {
  const problems = checkRule(conditions, actions, { changeConditions: false, sideEffects: true });
  if (time.business_hours && time.calendar_id === undefined)
    problems.push({ path: 'time_condition.calendar_id', message: 'required with business_hours' });
  if (
    time.calendar_id !== undefined &&
    !(await db.selectFrom('business_hours_calendars').select('id').where('id', '=', time.calendar_id).executeTakeFirst())
  )
    problems.push({ path: 'time_condition.calendar_id', message: `calendar ${time.calendar_id} does not exist` });
  if (problems.length) throw validationError(`Automation: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

export async function listAutomations(ctx: Context) {
  return (await repo.listAutomations(ctx.db)).map(presentAutomation);
}

/** Throws not_found. */
export async function getAutomation(ctx: Context, id: number) {
  const row = await repo.findAutomation(ctx.db, id);
  if (!row) throw notFound('not_found', 'Automation', id);
  return presentAutomation(row);
}

/** Throws validation_failed, name_taken. */
export async function createAutomation(ctx: Context, actor: UserActor, input: AutomationInput) {
  await checkAutomation(ctx.db, input.time_condition, input.conditions, input.actions);
  await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const created = await trx
        .insertInto('automations')
        .values({
          name: input.name,
          description: input.description ?? '',
          active: input.active ?? true,
          position: 1_000_000,
          time_condition: JSON.stringify(input.time_condition),
          conditions: JSON.stringify(input.conditions),
          actions: JSON.stringify(input.actions),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await repo.place(trx, 'automations', created.id, input.position);
      await recordAudit(trx, actor, now, { action: 'automation.created', entityType: 'automation', entityId: created.id, after: input });
      return created.id;
    })
    .catch((error) => nameTaken(error, 'automation', input.name));
  return getAutomation(ctx, id);
}

/** Throws not_found, validation_failed, name_taken. */
export async function updateAutomation(ctx: Context, actor: UserActor, id: number, input: AutomationPatch) {
  const existing = await repo.findAutomation(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Automation', id);
  await checkAutomation(
    ctx.db,
    input.time_condition ?? (existing.time_condition as TimeCondition),
    input.conditions ?? (existing.conditions as Conditions),
    input.actions ?? (existing.actions as Action[]),
  );
  if (input.actions) await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('automations')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.time_condition !== undefined ? { time_condition: JSON.stringify(input.time_condition) } : {}),
          ...(input.conditions !== undefined ? { conditions: JSON.stringify(input.conditions) } : {}),
          ...(input.actions !== undefined ? { actions: JSON.stringify(input.actions) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (input.position !== undefined) await repo.place(trx, 'automations', id, input.position);
      await recordAudit(trx, actor, now, {
        action: 'automation.updated',
        entityType: 'automation',
        entityId: id,
        before: presentAutomation(existing),
        after: input,
      });
    })
    .catch((error) => nameTaken(error, 'automation', input.name));
  return getAutomation(ctx, id);
}

/** Throws not_found. Its run history goes with it. */
export async function deleteAutomation(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findAutomation(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Automation', id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('automations').where('id', '=', id).execute();
    await repo.renumber(trx, 'automations', await repo.orderedIds(trx, 'automations'));
    await recordAudit(trx, actor, now, {
      action: 'automation.deleted',
      entityType: 'automation',
      entityId: id,
      before: presentAutomation(existing),
    });
  });
}

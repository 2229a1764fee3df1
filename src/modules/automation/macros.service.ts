import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { addComment, getTicketForActor, updateTicket } from '../tickets/index.ts';
import * as repo from './automation.repository.ts';
import type { MacroInput, MacroPatch } from './automation.schemas.ts';
import { templateValues } from './rule-effects.ts';
import { type Action, applyFieldActions, checkRule, type FieldChanges, noChange, renderTemplate } from './rules.ts';
import { checkReferences, nameTaken } from './triggers.service.ts';

export const presentMacro = (row: repo.MacroRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active,
  actions: row.actions as Action[],
  reply: row.reply_body === null ? null : { body: row.reply_body, public: row.reply_public },
  usage_count: row.usage_count,
  created_at: iso(row.created_at) as string,
  updated_at: iso(row.updated_at) as string,
});

function checkMacro(actions: readonly Action[], reply: { body: string } | null | undefined): void {
  const problems = checkRule({ all: [], any: [] }, actions, { changeConditions: false, sideEffects: false });
  if (actions.length === 0 && !reply) problems.push({ path: 'actions', message: 'a macro needs actions, a reply or both' });
  if (problems.length) throw validationError(`Macro: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

/** Active macros for agents; every macro with `includeInactive` (admins). */
export async function listMacros(ctx: Context, includeInactive: boolean) {
  return (await repo.listMacros(ctx.db, !includeInactive)).map(presentMacro);
}

/** Throws not_found. */
export async function getMacro(ctx: Context, id: number) {
  const row = await repo.findMacro(ctx.db, id);
  if (!row) throw notFound('not_found', 'Macro', id);
  return presentMacro(row);
}

/** Throws validation_failed, name_taken. */
export async function createMacro(ctx: Context, actor: UserActor, input: MacroInput) {
  checkMacro(input.actions, input.reply);
  await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const created = await trx
        .insertInto('macros')
        .values({
          name: input.name,
          description: input.description ?? '',
          active: input.active ?? true,
          actions: JSON.stringify(input.actions),
          reply_body: input.reply?.body ?? null,
          reply_public: input.reply?.public ?? true,
          created_by_user_id: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, { action: 'macro.created', entityType: 'macro', entityId: created.id, after: input });
      return created;
    })
    .catch((error) => nameTaken(error, 'macro', input.name));
  return presentMacro(row);
}

/** Throws not_found, validation_failed, name_taken. */
export async function updateMacro(ctx: Context, actor: UserActor, id: number, input: MacroPatch) {
  const existing = await repo.findMacro(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Macro', id);
  const reply = input.reply !== undefined ? input.reply : existing.reply_body === null ? null : { body: existing.reply_body };
  checkMacro(input.actions ?? (existing.actions as Action[]), reply);
  if (input.actions) await checkReferences(ctx.db, input.actions);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const updated = await trx
        .updateTable('macros')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.actions !== undefined ? { actions: JSON.stringify(input.actions) } : {}),
          ...(input.reply !== undefined ? { reply_body: input.reply?.body ?? null, reply_public: input.reply?.public ?? true } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'macro.updated',
        entityType: 'macro',
        entityId: id,
        before: presentMacro(existing),
        after: input,
      });
      return updated;
    })
    .catch((error) => nameTaken(error, 'macro', input.name));
  return presentMacro(row);
}

/** Throws not_found. */
export async function deleteMacro(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findMacro(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Macro', id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('macros').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, { action: 'macro.deleted', entityType: 'macro', entityId: id, before: presentMacro(existing) });
  });
}

/** What applying the macro to this ticket would do: the field changes and the rendered reply. Throws not_found, ticket_not_found. */
export async function previewMacro(ctx: Context, actor: UserActor, ticketId: number, macroId: number) {
  const macro = await repo.findMacro(ctx.db, macroId);
  if (!macro?.active) throw notFound('not_found', 'Macro', macroId);
  await getTicketForActor(ctx, actor, ticketId);
  const row = await repo.findTicketRow(ctx.db, ticketId);
  const messages = await repo.ticketForMessages(ctx.db, ticketId);
  if (!row || !messages) throw notFound('ticket_not_found', 'Ticket', ticketId);
  const changes: FieldChanges = {};
  applyFieldActions({ ...row, tags: [...row.tags] }, macro.actions as Action[], noChange(), changes, actor.userId);
  const reply =
    macro.reply_body === null
      ? null
      : { body: renderTemplate(macro.reply_body, templateValues(messages, actor)), public: macro.reply_public };
  return { macro, changes, reply };
}

/**
 * Applies a macro in one step: its field changes (checked against `version` when given), then its
 * reply (rendered, or as the agent edited it). Throws not_found, ticket_not_found, version_conflict,
 * invalid_transition, validation_failed, forbidden.
 */
export async function applyMacro(
  ctx: Context,
  actor: UserActor,
  ticketId: number,
  macroId: number,
  options: { version?: number | undefined; reply_body?: string | undefined },
) {
  const { macro, changes, reply } = await previewMacro(ctx, actor, ticketId, macroId);
  if (options.reply_body !== undefined && !reply) throw new AppError('unprocessable', `Macro ${macroId} has no reply to edit.`);
  if (Object.keys(changes).length > 0 || options.version !== undefined) {
    await updateTicket(ctx, actor, ticketId, { ...(changes as Parameters<typeof updateTicket>[3]), version: options.version });
  }
  if (reply) await addComment(ctx, actor, ticketId, { body: options.reply_body ?? reply.body, public: reply.public });
  await ctx.db.updateTable('macros').set({ usage_count: sql`usage_count + 1` }).where('id', '=', macro.id).execute();
  return getTicketForActor(ctx, actor, ticketId);
}

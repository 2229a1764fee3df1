import { diffFields, recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { presentOrganization } from './customers.presenter.ts';
import * as repo from './customers.repository.ts';
import type { CreateOrganizationInput, OrganizationView, UpdateOrganizationInput } from './customers.schemas.ts';

async function assertAccountOwner(ctx: Context, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const user = await ctx.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirst();
  if (!user || user.role === 'customer') {
    throw new AppError('validation_failed', `User ${id} is not an agent and cannot own an account.`, [
      { path: 'account_owner_id', message: 'not an agent' },
    ]);
  }
}

/** Throws name_taken, validation_failed. */
export async function createOrganization(ctx: Context, actor: Actor, input: CreateOrganizationInput): Promise<OrganizationView> {
  await assertAccountOwner(ctx, input.account_owner_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findOrganizationByName(trx, input.name))
      throw new AppError('name_taken', `An organization named "${input.name}" already exists.`);
    const row = await trx
      .insertInto('organizations')
      .values({ ...input, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = presentOrganization(row);
    await recordAudit(trx, actor, now, { action: 'organization.created', entityType: 'organization', entityId: row.id, after: created });
    return created;
  });
}

/** Throws organization_not_found, name_taken, validation_failed. */
export async function updateOrganization(
  ctx: Context,
  actor: Actor,
  id: number,
  input: UpdateOrganizationInput,
): Promise<OrganizationView> {
  await assertAccountOwner(ctx, input.account_owner_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!existing) throw notFound('organization_not_found', 'Organization', id);
    if (input.name && input.name.toLowerCase() !== existing.name.toLowerCase() && (await repo.findOrganizationByName(trx, input.name))) {
      throw new AppError('name_taken', `An organization named "${input.name}" already exists.`);
    }
    const row = await trx
      .updateTable('organizations')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const diff = diffFields(existing as unknown as Record<string, unknown>, input as Record<string, unknown>);
    if (diff) await recordAudit(trx, actor, now, { action: 'organization.updated', entityType: 'organization', entityId: id, ...diff });
    return presentOrganization(row);
  });
}

/** Throws organization_not_found. */
export async function getOrganization(ctx: Context, id: number): Promise<OrganizationView> {
  const row = await repo.findOrganizationById(ctx.db, id);
  if (!row) throw notFound('organization_not_found', 'Organization', id);
  return presentOrganization(row);
}

export async function listOrganizations(ctx: Context, query: { limit: number; cursor?: string | undefined; q?: string | undefined }) {
  const afterId = decodeCursor(query.cursor, 1)?.[0];
  const rows = await repo.listOrganizations(ctx.db, {
    limit: query.limit,
    text: query.q,
    afterId: typeof afterId === 'number' ? afterId : undefined,
  });
  return toPage(rows, query.limit, (r) => [r.id], presentOrganization);
}

import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema.ts';
import { diffFields, recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { isAgent } from '../../platform/permissions.ts';
import { hashPassword } from '../../platform/secrets.ts';
import { assertPasswordPolicy } from '../../platform/password-policy.ts';
import { ensureCustomerForEmail } from '../customers/index.ts';
import { presentUser } from './users.presenter.ts';
import * as repo from './users.repository.ts';
import type { CreateUserInput, UpdateUserInput, UserView } from './users.schemas.ts';

async function view(db: Kysely<Database>, row: UserRow): Promise<UserView> {
  const [skills, groups] = await Promise.all([repo.skillsOf(db, [row.id]), repo.groupIdsOf(db, [row.id])]);
  return presentUser(row, skills.get(row.id), groups.get(row.id));
}

async function assertGroupsExist(db: Kysely<Database>, ids: number[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await repo.existingGroupIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError('validation_failed', `Group ${missing.join(', ')} does not exist.`, [
      { path: 'group_ids', message: `unknown group ids: ${missing.join(', ')}` },
    ]);
  }
}

/** Creates a user (agent or portal customer). Throws email_taken, validation_failed. */
export async function createUser(ctx: Context, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const now = ctx.clock.now();
  if (input.password) assertPasswordPolicy(input.password, { email: input.email, name: input.name });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, input.email)) {
      throw new AppError('email_taken', `A user with the email ${input.email} already exists.`);
    }
    await assertGroupsExist(trx, input.group_ids);
    // A portal customer is also a requester: link the account to the customer record of that email.
    const customerId = input.role === 'customer' ? (await ensureCustomerForEmail(trx, input.email, input.name, now)).id : null;
    const row = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: passwordHash,
        tier: isAgent(input.role) ? (input.tier ?? 1) : null,
        languages: input.languages ?? ['en'],
        time_zone: input.time_zone ?? 'UTC',
        customer_id: customerId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.skills?.length) await repo.replaceSkills(trx, row.id, input.skills, now);
    if (input.group_ids?.length) await repo.replaceGroupMemberships(trx, row.id, input.group_ids);
    const created = await view(trx, row);
    await recordAudit(trx, actor, now, { action: 'user.created', entityType: 'user', entityId: row.id, after: created });
    return created;
  });
}

/** Changes a user's profile, role, tier, skills, languages or groups. Throws user_not_found, email_taken. */
export async function updateUser(ctx: Context, actor: Actor, id: number, input: UpdateUserInput): Promise<UserView> {
  const now = ctx.clock.now();
  if (input.password) {
    const current = await repo.findUserById(ctx.db, id);
    assertPasswordPolicy(input.password, { email: input.email ?? current?.email, name: input.name ?? current?.name });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!existing) throw notFound('user_not_found', 'User', id);
    if (input.email && input.email.toLowerCase() !== existing.email.toLowerCase()) {
      if (await repo.findUserByEmail(trx, input.email)) {
        throw new AppError('email_taken', `A user with the email ${input.email} already exists.`);
      }
    }
    if (actor.userId === id && input.role && input.role !== existing.role) {
      throw new AppError('unprocessable', 'You cannot change your own role; ask another admin.');
    }
    if (actor.userId === id && input.active === false) {
      throw new AppError('unprocessable', 'You cannot deactivate your own account.');
    }
    await assertGroupsExist(trx, input.group_ids);
    const before = await view(trx, existing);
    const { skills, group_ids, password: _password, ...fields } = input;
    const updated = await trx
      .updateTable('users')
      .set({ ...fields, ...(passwordHash ? { password_hash: passwordHash } : {}), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Cached credentials carry the role, name and active flag: drop them everywhere.
    await ctx.cache.changed(trx, 'auth');
    if (skills) await repo.replaceSkills(trx, id, skills, now);
    if (group_ids) await repo.replaceGroupMemberships(trx, id, group_ids);
    const roleChanged = input.role !== undefined && input.role !== existing.role;
    if (input.active === false || roleChanged || passwordHash) {
      // A deactivated user is signed out everywhere at once; so is one whose role or password
      // changed (privilege change): every web session must be opened again under the new terms.
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    if (passwordHash) {
      await trx
        .insertInto('user_security')
        .values({ user_id: id, password_changed_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_changed_at: now }))
        .execute();
    }
    const after = await view(trx, updated);
    const diff = diffFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (diff || passwordHash) {
      await recordAudit(trx, actor, now, {
        action: passwordHash ? 'user.password_changed' : 'user.updated',
        entityType: 'user',
        entityId: id,
        before: diff?.before,
        after: diff?.after,
      });
    }
    return after;
  });
}

/** Throws user_not_found. */
export async function getUser(ctx: Context, id: number): Promise<UserView> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('user_not_found', 'User', id);
  return view(ctx.db, row);
}

export async function listUsers(
  ctx: Context,
  query: {
    limit: number;
    cursor?: string | undefined;
    role?: UserRow['role'] | undefined;
    agents?: 'true' | 'false' | undefined;
    q?: string | undefined;
  },
) {
  const afterId = decodeCursor(query.cursor, 1)?.[0];
  const rows = await repo.listUsers(ctx.db, {
    limit: query.limit,
    role: query.role,
    agentsOnly: query.agents === 'true',
    text: query.q,
    afterId: typeof afterId === 'number' ? afterId : undefined,
  });
  const ids = rows.map((r) => r.id);
  const [skills, groups] = await Promise.all([repo.skillsOf(ctx.db, ids), repo.groupIdsOf(ctx.db, ids)]);
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => presentUser(r, skills.get(r.id), groups.get(r.id)),
  );
}

import type { Kysely } from 'kysely';
import type { CustomerRow, Database, IdentityKind } from '../../db/schema.ts';
import { diffFields, recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { presentCustomer } from './customers.presenter.ts';
import * as repo from './customers.repository.ts';
import type { CreateCustomerInput, CustomerView, RequesterInput, UpdateCustomerInput } from './customers.schemas.ts';
import { normaliseIdentity } from './identities.ts';

type Db = Kysely<Database>;

async function view(db: Db, row: CustomerRow): Promise<CustomerView> {
  return presentCustomer(row, (await repo.identitiesOf(db, [row.id])).get(row.id));
}

async function assertOrganization(db: Db, id: number | null | undefined): Promise<void> {
  if (id != null && !(await repo.findOrganizationById(db, id))) {
    throw new AppError('validation_failed', `Organization ${id} does not exist.`, [
      { path: 'organization_id', message: 'unknown organization' },
    ]);
  }
}

/** The organization whose registered domain matches an email address, if any. */
async function organizationForEmail(db: Db, email: string): Promise<number | null> {
  const domain = email.split('@')[1];
  return domain ? ((await repo.findOrganizationByDomain(db, domain))?.id ?? null) : null;
}

/** Creates a customer with its identities. Throws identity_taken, validation_failed. */
export async function createCustomer(ctx: Context, actor: Actor, input: CreateCustomerInput): Promise<CustomerView> {
  const now = ctx.clock.now();
  const identities = input.identities.map((i) => ({ ...i, value: normaliseIdentity(i.kind, i.value) }));
  return ctx.db.transaction().execute(async (trx) => {
    await assertOrganization(trx, input.organization_id);
    const firstEmail = identities.find((i) => i.kind === 'email')?.value;
    const organizationId =
      input.organization_id !== undefined ? input.organization_id : firstEmail ? await organizationForEmail(trx, firstEmail) : null;
    const { identities: _ignored, ...fields } = input;
    const row = await trx
      .insertInto('customers')
      .values({ ...fields, organization_id: organizationId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const identity of identities) {
      if (!(await repo.insertIdentity(trx, row.id, identity, now))) {
        throw new AppError('identity_taken', `The ${identity.kind} ${identity.value} already belongs to another customer.`, [
          { path: 'identities', message: `${identity.kind} ${identity.value} is taken` },
        ]);
      }
    }
    const created = await view(trx, row);
    await recordAudit(trx, actor, now, { action: 'customer.created', entityType: 'customer', entityId: row.id, after: created });
    return created;
  });
}

/** Throws customer_not_found, validation_failed. */
export async function updateCustomer(ctx: Context, actor: Actor, id: number, input: UpdateCustomerInput): Promise<CustomerView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.lockCustomer(trx, id);
    if (!existing) throw notFound('customer_not_found', 'Customer', id);
    await assertOrganization(trx, input.organization_id);
    const row = await trx
      .updateTable('customers')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const diff = diffFields(existing as unknown as Record<string, unknown>, input as Record<string, unknown>);
    if (diff) await recordAudit(trx, actor, now, { action: 'customer.updated', entityType: 'customer', entityId: id, ...diff });
    return view(trx, row);
  });
}

/** Throws customer_not_found. */
export async function getCustomer(ctx: Context, id: number): Promise<CustomerView> {
  const row = await repo.findCustomerById(ctx.db, id);
  if (!row) throw notFound('customer_not_found', 'Customer', id);
  return view(ctx.db, row);
}

/** Every canonical form an identity typed by a person could take, so one search box finds any of them. */
function identityCandidates(raw: string): string[] {
  const candidates = new Set<string>([raw.trim().toLowerCase()]);
  for (const kind of ['email', 'phone'] as const) {
    try {
      candidates.add(normaliseIdentity(kind, raw));
    } catch {
      // not that kind of identity
    }
  }
  return [...candidates];
}

export async function listCustomers(
  ctx: Context,
  query: {
    limit: number;
    cursor?: string | undefined;
    identity?: string | undefined;
    q?: string | undefined;
    organization_id?: number | undefined;
  },
) {
  const afterId = decodeCursor(query.cursor, 1)?.[0];
  const rows = await repo.listCustomers(ctx.db, {
    limit: query.limit,
    text: query.q,
    organizationId: query.organization_id,
    identityValues: query.identity ? identityCandidates(query.identity) : undefined,
    afterId: typeof afterId === 'number' ? afterId : undefined,
  });
  const identities = await repo.identitiesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => presentCustomer(r, identities.get(r.id)),
  );
}

/** Adds an identity. Throws customer_not_found, identity_taken, validation_failed. */
export async function addIdentity(
  ctx: Context,
  actor: Actor,
  customerId: number,
  input: { kind: IdentityKind; value: string; is_primary?: boolean | undefined; verified?: boolean | undefined },
): Promise<CustomerView> {
  const now = ctx.clock.now();
  const value = normaliseIdentity(input.kind, input.value);
  return ctx.db.transaction().execute(async (trx) => {
    const customer = await repo.lockCustomer(trx, customerId);
    if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
    const owner = await repo.findCustomerByIdentity(trx, input.kind, value);
    if (owner && owner.id !== customerId) {
      throw new AppError('identity_taken', `The ${input.kind} ${value} belongs to customer ${owner.id}; merge the two customers instead.`, {
        owner_id: owner.id,
      });
    }
    if (!owner) await repo.insertIdentity(trx, customerId, { ...input, value }, now);
    await recordAudit(trx, actor, now, {
      action: 'customer.identity_added',
      entityType: 'customer',
      entityId: customerId,
      after: { kind: input.kind, value },
    });
    return view(trx, customer);
  });
}

/** Throws customer_not_found, not_found. */
export async function removeIdentity(ctx: Context, actor: Actor, customerId: number, identityId: number): Promise<CustomerView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const customer = await repo.lockCustomer(trx, customerId);
    if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
    const removed = await trx
      .deleteFrom('customer_identities')
      .where('id', '=', identityId)
      .where('customer_id', '=', customerId)
      .returning(['kind', 'value'])
      .executeTakeFirst();
    if (!removed) throw notFound('not_found', 'Identity', identityId);
    await recordAudit(trx, actor, now, {
      action: 'customer.identity_removed',
      entityType: 'customer',
      entityId: customerId,
      before: removed,
    });
    return view(trx, customer);
  });
}

/**
 * Merges `sourceId` into `targetId`: identities, tickets, messages and portal accounts move to the
 * target; the source is kept as a tombstone pointing at it. Throws customer_not_found, unprocessable.
 */
export async function mergeCustomers(ctx: Context, actor: Actor, targetId: number, sourceId: number): Promise<CustomerView> {
  if (targetId === sourceId) throw new AppError('unprocessable', 'A customer cannot be merged into itself.');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Lock both rows in id order so that two opposite merges cannot deadlock.
    const [first, second] = [Math.min(targetId, sourceId), Math.max(targetId, sourceId)];
    await repo.lockCustomer(trx, first);
    await repo.lockCustomer(trx, second);
    const target = await repo.findCustomerById(trx, targetId);
    const source = await repo.findCustomerById(trx, sourceId);
    if (!target) throw notFound('customer_not_found', 'Customer', targetId);
    if (!source) throw notFound('customer_not_found', 'Customer', sourceId);
    if (source.merged_into_id !== null)
      throw new AppError('unprocessable', `Customer ${sourceId} was already merged into ${source.merged_into_id}.`);
    if (target.merged_into_id !== null)
      throw new AppError('unprocessable', `Customer ${targetId} was merged into ${target.merged_into_id}; merge into that one.`);

    const moved = await trx
      .updateTable('tickets')
      .set({ requester_id: targetId, updated_at: now })
      .where('requester_id', '=', sourceId)
      .returning('id')
      .execute();
    if (moved.length) {
      await trx
        .insertInto('ticket_events')
        .values(
          moved.map((t) => ({
            ticket_id: t.id,
            type: 'ticket.field_changed',
            field: 'requester_id',
            before: JSON.stringify(sourceId),
            after: JSON.stringify(targetId),
            actor_user_id: actor.userId,
            created_at: now,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('customer_identities')
      .set({ customer_id: targetId, is_primary: false })
      .where('customer_id', '=', sourceId)
      .execute();
    await trx.updateTable('ticket_comments').set({ author_customer_id: targetId }).where('author_customer_id', '=', sourceId).execute();
    await trx.updateTable('users').set({ customer_id: targetId }).where('customer_id', '=', sourceId).execute();
    await ctx.cache.changed(trx, 'auth');
    await trx.updateTable('customers').set({ merged_into_id: targetId, updated_at: now }).where('id', '=', sourceId).execute();
    const merged = await trx
      .updateTable('customers')
      .set({
        organization_id: target.organization_id ?? source.organization_id,
        lifetime_value_cents: target.lifetime_value_cents + source.lifetime_value_cents,
        notes: [target.notes, source.notes].filter(Boolean).join('\n\n'),
        updated_at: now,
      })
      .where('id', '=', targetId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'customer.merged',
      entityType: 'customer',
      entityId: targetId,
      before: { source_id: sourceId, source_name: source.name },
      after: { tickets_moved: moved.map((t) => t.id) },
    });
    return view(trx, merged);
  });
}

/** Finds the customer who owns an email identity, or creates one; used by portal sign-up and inbound channels. */
export async function ensureCustomerForEmail(db: Db, rawEmail: string, name: string | undefined, now: Date): Promise<CustomerRow> {
  const email = normaliseIdentity('email', rawEmail);
  const existing = await repo.findCustomerByIdentity(db, 'email', email);
  if (existing) return existing.merged_into_id ? ((await repo.findCustomerById(db, existing.merged_into_id)) ?? existing) : existing;
  const { customer, registered } = await repo.insertCustomerWithEmail(
    db,
    { name: name?.trim() || email.split('@')[0] || email, email },
    now,
  );
  if (!registered) {
    // Another transaction registered the same email at the same moment. ON CONFLICT waited for it to
    // commit, so its customer is visible now: use theirs and drop ours.
    await db.deleteFrom('customers').where('id', '=', customer.id).execute();
    const winner = await repo.findCustomerByIdentity(db, 'email', email);
    if (!winner) throw new AppError('conflict', `The email ${email} was registered at the same moment; please retry.`);
    return winner;
  }
  return customer;
}

/**
 * The customer a new ticket is for, from `{email | phone | name}`: matched by identity when one is
 * given, else created. Throws validation_failed for a malformed email or phone.
 */
export async function resolveRequester(db: Db, input: RequesterInput, now: Date): Promise<CustomerRow> {
  if (input.email) return ensureCustomerForEmail(db, input.email, input.name, now);
  if (input.phone) {
    const phone = normaliseIdentity('phone', input.phone);
    const existing = await repo.findCustomerByIdentity(db, 'phone', phone);
    if (existing) return existing;
    const row = await db
      .insertInto('customers')
      .values({ name: input.name ?? phone, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.insertIdentity(db, row.id, { kind: 'phone', value: phone, is_primary: true }, now);
    return row;
  }
  return db
    .insertInto('customers')
    .values({ name: input.name ?? 'Unknown', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

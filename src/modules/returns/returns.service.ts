import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type ClaimStatus, canTransition, closedStatuses, type RejectionReason, validateClaim } from './claim-rules.ts';
import type { ClaimBody, CorrectionBody, TransitionBody } from './returns.schemas.ts';

type Db = Kysely<Database>;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

async function loadClaim(db: Db, id: number) {
  const row = await db
    .selectFrom('return_claims as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .selectAll('r')
    .select('c.name as customer_name')
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const events = await db.selectFrom('return_claim_events').selectAll().where('claim_id', '=', id).orderBy('id').execute();
  return {
    ...row,
    kind: row.kind as 'return' | 'warranty',
    status: row.status as ClaimStatus,
    photos: row.photos as string[],
    rejection_reasons: row.rejection_reasons as RejectionReason[],
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    closed_at: iso(row.closed_at),
    events: events.map((event) => ({
      from_status: event.from_status,
      to_status: event.to_status,
      actor: event.actor,
      at: iso(event.created_at) as string,
    })),
  };
}
export type ClaimView = NonNullable<Awaited<ReturnType<typeof loadClaim>>>;

/** A claim the actor may see: agents see every claim, a customer only their own. Throws not_found. */
export async function getClaim(ctx: Context, actor: Actor, id: number, db: Db = ctx.db): Promise<ClaimView> {
  const claim = await loadClaim(db, id);
  if (!claim || (actor.role === 'customer' && claim.customer_id !== actor.customerId)) throw notFound('not_found', 'Claim', id);
  return claim;
}

async function appendEvent(db: Db, claimId: number, from: ClaimStatus | null, to: ClaimStatus, actor: string, detail: unknown, at: Date) {
  await db
    .insertInto('return_claim_events')
    .values({ claim_id: claimId, from_status: from, to_status: to, actor, detail: JSON.stringify(detail ?? {}), created_at: at })
    .execute();
}

const actorLabel = (actor: Actor) => (actor.userId ? `${actor.role}:${actor.userId}` : actor.name);

/**
 * Files a claim (portal or agent). It is validated at once: accepted as `requested`, or `rejected`
 * with every reason, which the customer can correct. Throws customer_not_found, forbidden.
 */
export async function fileClaim(ctx: Context, actor: Actor, customerId: number | null, input: ClaimBody): Promise<ClaimView> {
  if (customerId === null) throw forbidden('Only a customer account or an agent naming the customer can file a claim.');
  const now = ctx.clock.now();
  const reasons = validateClaim(input, now);
  const status: ClaimStatus = reasons.length ? 'rejected' : 'requested';
  return ctx.db.transaction().execute(async (trx) => {
    const customer = await trx.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
    if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
    const row = await trx
      .insertInto('return_claims')
      .values({
        ...input,
        customer_id: customerId,
        photos: JSON.stringify(input.photos),
        status,
        rejection_reasons: JSON.stringify(reasons),
        created_by_user_id: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, row.id, null, 'requested', actorLabel(actor), {}, now);
    if (reasons.length) await appendEvent(trx, row.id, 'requested', 'rejected', 'intake validation', { reasons }, now);
    return getClaim(ctx, actor, row.id, trx);
  });
}

/**
 * Corrects a claim that is still requested or was rejected at intake, and validates it again.
 * Throws not_found, invalid_transition (the claim is already under way or was closed after review).
 */
export async function correctClaim(ctx: Context, actor: Actor, id: number, input: CorrectionBody): Promise<ClaimView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const claim = await getClaim(ctx, actor, id, trx);
    // Only a claim awaiting review, or one refused by intake validation (not by a person), can be corrected.
    const last = claim.events.at(-1);
    const correctable = claim.status === 'requested' || (claim.status === 'rejected' && last?.actor === 'intake validation');
    if (!correctable) {
      throw new AppError(
        'invalid_transition',
        `This claim is ${claim.status.replace('_', ' ')} after review and can no longer be corrected.`,
      );
    }
    const merged = { ...claim, ...input, photos: input.photos ?? claim.photos };
    const reasons = validateClaim(merged, now);
    const status: ClaimStatus = reasons.length ? 'rejected' : 'requested';
    await trx
      .updateTable('return_claims')
      .set({
        ...input,
        ...(input.photos ? { photos: JSON.stringify(input.photos) } : {}),
        status,
        rejection_reasons: JSON.stringify(reasons),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (status !== claim.status)
      await appendEvent(trx, id, claim.status, status, reasons.length ? 'intake validation' : actorLabel(actor), { reasons }, now);
    return getClaim(ctx, actor, id, trx);
  });
}

/** Moves a claim along its workflow. Throws not_found, invalid_transition. */
export async function transitionClaim(ctx: Context, actor: Actor, id: number, input: TransitionBody, db?: Db): Promise<ClaimView> {
  const now = ctx.clock.now();
  const run = async (trx: Db) => {
    const claim = await getClaim(ctx, actor, id, trx);
    if (!canTransition(claim.status, input.to)) {
      throw new AppError('invalid_transition', `A ${claim.status.replace('_', ' ')} claim cannot become ${input.to.replace('_', ' ')}.`, {
        from: claim.status,
        to: input.to,
      });
    }
    const reasons: RejectionReason[] =
      input.to === 'rejected' ? [{ code: 'reviewed', message: input.reason ?? '' }] : claim.rejection_reasons;
    await trx
      .updateTable('return_claims')
      .set({
        status: input.to,
        rejection_reasons: JSON.stringify(input.to === 'rejected' ? reasons : []),
        ...(input.tracking_number ? { tracking_number: input.tracking_number } : {}),
        closed_at: closedStatuses.includes(input.to) ? now : null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await appendEvent(
      trx,
      id,
      claim.status,
      input.to,
      actorLabel(actor),
      { reason: input.reason, tracking_number: input.tracking_number },
      now,
    );
    if (actor.userId)
      await recordAudit(trx, actor, now, {
        action: `return_claim.${input.to}`,
        entityType: 'return_claim',
        entityId: id,
        before: { status: claim.status },
        after: input,
      });
    return getClaim(ctx, actor, id, trx);
  };
  return db ? run(db) : ctx.db.transaction().execute(run);
}

export async function listClaims(ctx: Context, actor: Actor, query: { status?: ClaimStatus | undefined; limit: number }) {
  let select = ctx.db.selectFrom('return_claims').select('id').orderBy('id', 'desc').limit(query.limit);
  if (query.status) select = select.where('status', '=', query.status);
  if (actor.role === 'customer') select = select.where('customer_id', '=', actor.customerId ?? -1);
  const ids = await select.execute();
  const data: ClaimView[] = [];
  for (const row of ids) data.push(await getClaim(ctx, actor, row.id));
  return { data };
}

const SETTINGS_KEY = 'returns.warehouse';

/** The shared secret the warehouse signs its events with; undefined until an admin creates one. */
export async function warehouseSecret(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return (row?.value as { secret?: string } | undefined)?.secret;
}

/** Creates (or replaces) the warehouse's signing secret and shows it once. */
export async function rotateWarehouseSecret(ctx: Context, actor: UserActor): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value: JSON.stringify({ secret }), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ secret }), updated_at: now }))
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'settings.updated',
      entityType: 'settings',
      entityId: SETTINGS_KEY,
      after: { secret: '[rotated]' },
    });
  });
  return { secret };
}

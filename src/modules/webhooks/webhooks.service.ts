import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { sealSecret } from '../../platform/secrets.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import { deliverJob, deliveryQueue, sendToSubscription } from './webhook-delivery.ts';
import * as repo from './webhooks.repository.ts';
import type { SubscriptionInput, SubscriptionPatch } from './webhooks.schemas.ts';

const present = (row: repo.SubscriptionRow) => ({
  id: row.id,
  name: row.name,
  url: row.url,
  event_types: row.event_types,
  active: row.active,
  disabled_at: iso(row.disabled_at),
  disabled_reason: row.disabled_reason,
  consecutive_failures: row.consecutive_failures,
  disable_after_failures: row.disable_after_failures,
  last_success_at: iso(row.last_success_at),
  last_failure_at: iso(row.last_failure_at),
  created_at: iso(row.created_at) as string,
  updated_at: iso(row.updated_at) as string,
});

function nameTaken(error: unknown, name: string | undefined): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('name_taken', `A webhook named "${name}" already exists.`);
  throw error;
}

export async function listSubscriptions(ctx: Context) {
  return (await repo.listSubscriptions(ctx.db)).map(present);
}

/** Throws not_found. */
export async function getSubscription(ctx: Context, id: number) {
  const row = await repo.findSubscription(ctx.db, id);
  if (!row) throw notFound('not_found', 'Webhook', id);
  return present(row);
}

/** Creates a subscription with a new signing secret, returned only in this answer. Throws name_taken. */
export async function createSubscription(ctx: Context, actor: UserActor, input: SubscriptionInput) {
  const now = ctx.clock.now();
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'automation');
      const created = await trx
        .insertInto('webhook_subscriptions')
        .values({
          name: input.name,
          url: input.url,
          // Stored sealed (platform/secrets.ts); shown once, in this answer.
          secret: sealSecret(ctx.config, secret),
          event_types: input.event_types,
          ...(input.disable_after_failures !== undefined ? { disable_after_failures: input.disable_after_failures } : {}),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, { action: 'webhook.created', entityType: 'webhook', entityId: created.id, after: input });
      return created;
    })
    .catch((error) => nameTaken(error, input.name));
  return { ...present(row), secret };
}

/** Throws not_found, name_taken. */
export async function updateSubscription(ctx: Context, actor: UserActor, id: number, input: SubscriptionPatch) {
  const existing = await repo.findSubscription(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Webhook', id);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'automation');
      const updated = await trx
        .updateTable('webhook_subscriptions')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.event_types !== undefined ? { event_types: input.event_types } : {}),
          ...(input.disable_after_failures !== undefined ? { disable_after_failures: input.disable_after_failures } : {}),
          ...(input.active === false ? { active: false, disabled_at: now, disabled_reason: `paused by ${actor.name}` } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'webhook.updated',
        entityType: 'webhook',
        entityId: id,
        before: present(existing),
        after: input,
      });
      return updated;
    })
    .catch((error) => nameTaken(error, input.name));
  return present(row);
}

/** Turns a disabled subscription back on with a clean failure count. Throws not_found. */
export async function enableSubscription(ctx: Context, actor: UserActor, id: number) {
  const existing = await repo.findSubscription(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Webhook', id);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'automation');
    const updated = await trx
      .updateTable('webhook_subscriptions')
      .set({ active: true, disabled_at: null, disabled_reason: null, consecutive_failures: 0, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'webhook.enabled',
      entityType: 'webhook',
      entityId: id,
      before: { active: existing.active, disabled_reason: existing.disabled_reason },
      after: { active: true },
    });
    return updated;
  });
  return present(row);
}

/** Throws not_found. Its delivery log goes with it. */
export async function deleteSubscription(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findSubscription(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Webhook', id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'automation');
    await trx.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, { action: 'webhook.deleted', entityType: 'webhook', entityId: id, before: present(existing) });
  });
}

/** Sends a `ping` event now (through the queue). Throws not_found, unprocessable (disabled). */
export async function pingSubscription(ctx: Context, actor: UserActor, id: number) {
  const existing = await repo.findSubscription(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Webhook', id);
  if (!existing.active) throw new AppError('unprocessable', `Webhook ${id} is disabled; enable it first.`);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) => sendToSubscription(ctx, trx, id, 'ping', { by: actor.name }, now));
  return { queued: true };
}

const presentDelivery = (row: repo.DeliveryRow, attempts: repo.AttemptRow[]) => ({
  id: row.id,
  event_id: row.event_id,
  event_type: row.event_type,
  status: row.status,
  attempts: row.attempts,
  response_status: row.response_status,
  last_error: row.last_error,
  created_at: iso(row.created_at) as string,
  delivered_at: iso(row.delivered_at),
  payload: row.payload,
  attempt_log: attempts.map((a) => ({
    attempt: a.attempt,
    started_at: iso(a.started_at) as string,
    duration_ms: a.duration_ms,
    response_status: a.response_status,
    error: a.error,
  })),
});

/** The delivery log, newest first, with every attempt. Throws not_found. */
export async function listDeliveries(ctx: Context, id: number, query: { limit: number; cursor?: string | undefined }) {
  if (!(await repo.findSubscription(ctx.db, id))) throw notFound('not_found', 'Webhook', id);
  const before = decodeCursor(query.cursor, 1)?.[0];
  const rows = await repo.listDeliveries(ctx.db, id, typeof before === 'number' ? before : null, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attempts = await repo.attemptsOf(
    ctx.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    data: page.map((row) =>
      presentDelivery(
        row,
        attempts.filter((a) => a.delivery_id === row.id),
      ),
    ),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

/** Queues a failed (or stuck) delivery again. Throws not_found, unprocessable (disabled subscription, or already delivered). */
export async function redeliver(ctx: Context, id: number, deliveryId: number) {
  const subscription = await repo.findSubscription(ctx.db, id);
  const delivery = await repo.findDelivery(ctx.db, deliveryId);
  if (!subscription || !delivery || delivery.subscription_id !== id) throw notFound('not_found', 'Delivery', deliveryId);
  if (!subscription.active) throw new AppError('unprocessable', `Webhook ${id} is disabled; enable it first.`);
  if (delivery.status === 'succeeded') throw new AppError('unprocessable', `Delivery ${deliveryId} already succeeded.`);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('webhook_deliveries').set({ status: 'pending', updated_at: now }).where('id', '=', deliveryId).execute();
    await ctx.jobs.send(deliverJob, { delivery_id: deliveryId }, { db: trx, ...deliveryQueue });
  });
  return { queued: true };
}

import { randomUUID } from 'node:crypto';
import type { Context } from '../../platform/context.ts';
import { openSecret } from '../../platform/secrets.ts';
import type { JobInfo } from '../../platform/jobs.ts';
import { signatureHeader, signPayload } from './webhook-signature.ts';
import * as repo from './webhooks.repository.ts';

type Db = Context['db'];

/** Events a subscription may ask for. (`trigger.fired` goes only to the subscription a trigger names.) */
export const webhookEventTypes = [
  'ticket.created',
  'ticket.updated',
  'ticket.commented',
  'ticket.solved',
  'sla.warning',
  'sla.breached',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number] | 'trigger.fired' | 'ping';

export const deliverJob = 'webhook.deliver';
/** Retries: about 15 s, 30 s, 1 min, 2 min … up to ~32 min after the first failure (with jitter). */
export const deliveryQueue = { retryLimit: 8, retryDelay: 15, retryBackoff: true, expireInSeconds: 120 } as const;
const timeoutMs = 10_000;

/** Subscriptions by event type, cached until a subscription changes (topic `automation`). */
async function subscriptionsFor(ctx: Context, db: Db, type: WebhookEventType): Promise<number[]> {
  const all = await ctx.cache.get('automation', 'webhook_subscriptions', () => repo.activeSubscriptions(db));
  return all.filter((s) => s.event_types.includes(type)).map((s) => s.id);
}

function envelope(type: WebhookEventType, data: unknown, now: Date) {
  return { id: randomUUID(), type, created_at: now.toISOString(), data };
}

/** Records and enqueues `subscriptionIds`' deliveries of one event, in the caller's transaction. */
async function enqueue(ctx: Context, db: Db, subscriptionIds: number[], type: WebhookEventType, data: unknown, now: Date): Promise<void> {
  if (subscriptionIds.length === 0) return;
  const event = envelope(type, data, now);
  const ids = await repo.insertDeliveries(
    db,
    subscriptionIds.map((subscription_id) => ({ subscription_id, event_id: event.id, event_type: type, payload: event })),
    now,
  );
  for (const id of ids) await ctx.jobs.send(deliverJob, { delivery_id: id }, { db, ...deliveryQueue });
}

/**
 * Publishes an event to every active subscription that asked for its type: one delivery row and one
 * job each, written by the caller's transaction (nothing is sent for a change that rolls back).
 */
export async function publishWebhookEvent(ctx: Context, db: Db, type: WebhookEventType, data: unknown, now: Date): Promise<void> {
  const ids = await subscriptionsFor(ctx, db, type);
  if (ids.length) await enqueue(ctx, db, ids, type, data, now);
}

/** Sends one event to one subscription, whatever it subscribed to (a trigger's "call webhook"; a test ping). */
export async function sendToSubscription(
  ctx: Context,
  db: Db,
  subscriptionId: number,
  type: WebhookEventType,
  data: unknown,
  now: Date,
): Promise<boolean> {
  const subscription = await repo.findSubscription(db, subscriptionId);
  if (!subscription?.active) return false;
  await enqueue(ctx, db, [subscriptionId], type, data, now);
  return true;
}

/**
 * The delivery job: POSTs the signed payload once and logs the attempt. A 2xx succeeds and resets the
 * subscription's failure count; anything else counts a failure, disables the subscription when the
 * count reaches its limit, and throws so that the queue retries with exponential backoff.
 */
export async function deliver(ctx: Context, deliveryId: number, job: JobInfo): Promise<void> {
  const delivery = await repo.findDelivery(ctx.db, deliveryId);
  if (delivery?.status !== 'pending') return;
  const subscription = await repo.findSubscription(ctx.db, delivery.subscription_id);
  if (!subscription) return;
  const now = ctx.clock.now();
  if (!subscription.active) {
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: 'the subscription is disabled', updated_at: now })
      .where('id', '=', deliveryId)
      .execute();
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  let responseStatus: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Frontline-Webhooks/1',
        'frontline-event': delivery.event_type,
        'frontline-delivery': delivery.event_id,
        [signatureHeader]: signPayload(openSecret(ctx.config, subscription.secret), Math.floor(now.getTime() / 1000), body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    responseStatus = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
  } catch (caught) {
    error = caught instanceof Error ? (caught.cause instanceof Error ? caught.cause.message : caught.message) : String(caught);
  }
  const ok = error === null;
  const durationMs = Math.round(performance.now() - started);
  const attempt = delivery.attempts + 1;
  const final = job.retryCount >= job.retryLimit;
  const disabledNow = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_delivery_attempts')
      .values({ delivery_id: deliveryId, attempt, started_at: now, duration_ms: durationMs, response_status: responseStatus, error })
      .execute();
    const counted = await trx
      .updateTable('webhook_subscriptions')
      .set(
        ok
          ? { consecutive_failures: 0, last_success_at: now }
          : { consecutive_failures: (eb) => eb('consecutive_failures', '+', 1), last_failure_at: now },
      )
      .where('id', '=', subscription.id)
      .returning(['consecutive_failures', 'disable_after_failures', 'active'])
      .executeTakeFirstOrThrow();
    const disable = !ok && counted.active && counted.consecutive_failures >= counted.disable_after_failures;
    if (disable) {
      await trx
        .updateTable('webhook_subscriptions')
        .set({
          active: false,
          disabled_at: now,
          disabled_reason: `${counted.consecutive_failures} consecutive failed deliveries (last: ${error})`,
          updated_at: now,
        })
        .where('id', '=', subscription.id)
        .execute();
      await ctx.cache.changed(trx, 'automation');
    }
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        response_status: responseStatus,
        last_error: error,
        status: ok ? 'succeeded' : final || disable ? 'failed' : 'pending',
        delivered_at: ok ? now : null,
        updated_at: now,
      })
      .where('id', '=', deliveryId)
      .execute();
    return disable;
  });
  if (!ok && !final && !disabledNow) throw new Error(`webhook delivery ${deliveryId} failed: ${error}`);
}

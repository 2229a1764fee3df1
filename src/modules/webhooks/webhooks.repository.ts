import type { Selectable } from 'kysely';
import type { TicketRow, WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhookSubscriptionsTable } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';

type Db = Context['db'];
export type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookDeliveryAttemptsTable>;

export const listSubscriptions = (db: Db): Promise<SubscriptionRow[]> =>
  db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();

export const activeSubscriptions = (db: Db): Promise<Pick<SubscriptionRow, 'id' | 'event_types'>[]> =>
  db.selectFrom('webhook_subscriptions').select(['id', 'event_types']).where('active', '=', true).orderBy('id').execute();

export const findSubscription = (db: Db, id: number): Promise<SubscriptionRow | undefined> =>
  db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertDeliveries(
  db: Db,
  rows: { subscription_id: number; event_id: string; event_type: string; payload: unknown }[],
  now: Date,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload), status: 'pending' as const, created_at: now, updated_at: now })))
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export const findDelivery = (db: Db, id: number): Promise<DeliveryRow | undefined> =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export function listDeliveries(db: Db, subscriptionId: number, beforeId: number | null, limit: number): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== null) query = query.where('id', '<', beforeId);
  return query.execute();
}

export async function attemptsOf(db: Db, deliveryIds: readonly number[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhook_delivery_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('attempt').execute();
}

export const findTicketRow = (db: Db, id: number): Promise<TicketRow | undefined> =>
  db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CustomerProfile } from './segment-rules.ts';

type Db = Kysely<Database>;

/** Every (unmerged) customer as the segment rules see them, with account standing and the last 30 days. */
export async function listCustomerProfiles(db: Db, now: Date): Promise<CustomerProfile[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .selectFrom('customers as c')
    .leftJoin('organizations as o', 'o.id', 'c.organization_id')
    .leftJoin('customer_accounts as a', 'a.customer_id', 'c.id')
    .where('c.merged_into_id', 'is', null)
    .select([
      'c.id as customer_id',
      'c.name',
      'c.language',
      'c.time_zone',
      'c.value_tier',
      'c.lifetime_value_cents',
      'o.name as organization_name',
      'o.value_tier as organization_value_tier',
      sql<number>`coalesce(a.open_balance_cents, 0)`.as('open_balance_cents'),
      sql<number>`coalesce(a.risk_score, 0)`.as('risk_score'),
      sql<number>`(select count(*) from tickets t where t.requester_id = c.id and t.created_at > ${since})`.as('contacts_last_30_days'),
      sql<
        number | null
      >`(select avg(case when s.score >= 4 then 1.0 else 0.0 end) from survey_answers s where s.customer_id = c.id and s.kind = 'csat')`.as(
        'csat',
      ),
    ])
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    lifetime_value_cents: Number(row.lifetime_value_cents),
    open_balance_cents: Number(row.open_balance_cents),
    risk_score: Number(row.risk_score),
    contacts_last_30_days: Number(row.contacts_last_30_days),
    csat: row.csat === null ? null : Number(row.csat),
  }));
}

export function findSegment(db: Db, id: number) {
  return db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSegments(db: Db) {
  return db.selectFrom('segments').selectAll().orderBy('name').execute();
}

export function findCampaign(db: Db, id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').execute();
}

export async function doNotContactIds(db: Db, customerIds: number[]): Promise<Set<number>> {
  if (!customerIds.length) return new Set();
  const rows = await db.selectFrom('do_not_contact').select('customer_id').where('customer_id', 'in', customerIds).execute();
  return new Set(rows.map((row) => row.customer_id));
}

/** Contact times per customer since `since`, for the frequency cap. */
export async function contactTimes(db: Db, customerIds: number[], since: Date): Promise<Map<number, Date[]>> {
  const times = new Map<number, Date[]>();
  if (!customerIds.length) return times;
  const rows = await db
    .selectFrom('contact_attempts')
    .select(['customer_id', 'created_at'])
    .where('customer_id', 'in', customerIds)
    .where('created_at', '>', since)
    .execute();
  for (const row of rows) times.set(row.customer_id, [...(times.get(row.customer_id) ?? []), new Date(row.created_at)]);
  return times;
}

export function listEntries(db: Db, campaignId: number) {
  return db
    .selectFrom('call_list_entries as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('customer_accounts as a', 'a.customer_id', 'e.customer_id')
    .select([
      'e.id',
      'e.campaign_id',
      'e.customer_id',
      'c.name as customer_name',
      'c.time_zone',
      'e.position',
      'e.status',
      'e.assigned_user_id',
      'e.callback_at',
      'e.attempts',
      'e.last_outcome',
      sql<number>`coalesce(a.open_balance_cents, 0)`.as('open_balance_cents'),
      sql<number>`coalesce(a.risk_score, 0)`.as('risk_score'),
    ])
    .where('e.campaign_id', '=', campaignId)
    .orderBy('e.position')
    .execute();
}

export function listIdentities(db: Db, customerId: number) {
  return db
    .selectFrom('customer_identities')
    .select(['kind', 'value', 'is_primary'])
    .where('customer_id', '=', customerId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
}

export function listAttempts(db: Db, customerId: number) {
  return db
    .selectFrom('contact_attempts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

import { type Kysely, sql } from 'kysely';
import type { CustomerRow, Database, IdentityKind, OrganizationRow } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface IdentityRow {
  id: number;
  customer_id: number;
  kind: IdentityKind;
  value: string;
  is_primary: boolean;
  verified: boolean;
}

export function findCustomerById(db: Db, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockCustomer(db: Db, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCustomerByIdentity(db: Db, kind: IdentityKind, value: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customer_identities as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .selectAll('c')
    .where('i.kind', '=', kind)
    .where('i.value', '=', value)
    .executeTakeFirst();
}

export async function identitiesOf(db: Db, customerIds: number[]): Promise<Map<number, IdentityRow[]>> {
  const result = new Map<number, IdentityRow[]>();
  if (customerIds.length === 0) return result;
  const rows = await db
    .selectFrom('customer_identities')
    .select(['id', 'customer_id', 'kind', 'value', 'is_primary', 'verified'])
    .where('customer_id', 'in', customerIds)
    .orderBy('id')
    .execute();
  for (const row of rows) result.set(row.customer_id, [...(result.get(row.customer_id) ?? []), row]);
  return result;
}

export interface CustomerFilter {
  text?: string | undefined;
  identityValues?: string[] | undefined;
  organizationId?: number | undefined;
  afterId?: number | undefined;
  limit: number;
}

export function listCustomers(db: Db, filter: CustomerFilter): Promise<CustomerRow[]> {
  let query = db
    .selectFrom('customers')
    .selectAll()
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.text) query = query.where('name', 'ilike', `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.identityValues) {
    const values = filter.identityValues;
    query = query.where('id', 'in', (eb) => eb.selectFrom('customer_identities').select('customer_id').where('value', 'in', values));
  }
  return query.execute();
}

export async function insertIdentity(
  db: Db,
  customerId: number,
  identity: { kind: IdentityKind; value: string; is_primary?: boolean | undefined; verified?: boolean | undefined },
  now: Date,
): Promise<IdentityRow | undefined> {
  return db
    .insertInto('customer_identities')
    .values({
      customer_id: customerId,
      kind: identity.kind,
      value: identity.value,
      is_primary: identity.is_primary ?? false,
      verified: identity.verified ?? false,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returning(['id', 'customer_id', 'kind', 'value', 'is_primary', 'verified'])
    .executeTakeFirst();
}

export function findOrganizationById(db: Db, id: number): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganizationByName(db: Db, name: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export function findOrganizationByDomain(db: Db, domain: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where(sql<boolean>`domains @> array[${domain}]::text[]`)
    .orderBy('id')
    .executeTakeFirst();
}

export function listOrganizations(db: Db, filter: { text?: string | undefined; afterId?: number | undefined; limit: number }) {
  let query = db
    .selectFrom('organizations')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  if (filter.text) query = query.where('name', 'ilike', `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`);
  return query.execute();
}

/**
 * A new customer known by an email, in one statement: the organization that owns the email's domain,
 * the customer and its primary email identity. `registered` is false when another transaction took
 * the email first (the customer row was still inserted; the caller removes it and uses theirs).
 */
export async function insertCustomerWithEmail(
  db: Db,
  input: { name: string; email: string },
  now: Date,
): Promise<{ customer: CustomerRow; registered: boolean }> {
  const domain = input.email.split('@')[1] ?? '';
  const result = await sql<CustomerRow & { registered: boolean }>`
    with org as (
      select id from organizations where ${domain} <> '' and domains @> array[${domain}]::text[] order by id limit 1
    ), c as (
      insert into customers (name, organization_id, created_at, updated_at)
      values (${input.name}, (select id from org), ${now}, ${now})
      returning *
    ), i as (
      insert into customer_identities (customer_id, kind, value, is_primary, verified, created_at)
      select c.id, 'email', ${input.email}, true, false, ${now}::timestamptz from c
      on conflict (kind, value) do nothing
      returning customer_id
    )
    select c.*, exists (select 1 from i) as registered from c`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('the customer insert returned no row');
  const { registered, ...customer } = row;
  return { customer: customer as CustomerRow, registered };
}

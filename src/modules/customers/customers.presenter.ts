import type { CustomerRow, OrganizationRow } from '../../db/schema.ts';
import { iso } from '../../platform/schemas.ts';
import type { IdentityRow } from './customers.repository.ts';
import type { CustomerView, OrganizationView } from './customers.schemas.ts';

export function presentCustomer(row: CustomerRow, identities: IdentityRow[] = []): CustomerView {
  return {
    id: row.id,
    name: row.name,
    organization_id: row.organization_id,
    identities: identities.map(({ id, kind, value, is_primary, verified }) => ({ id, kind, value, is_primary, verified })),
    language: row.language,
    time_zone: row.time_zone,
    notes: row.notes,
    lifetime_value_cents: row.lifetime_value_cents,
    value_tier: row.value_tier,
    merged_into_id: row.merged_into_id,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

export function presentOrganization(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    notes: row.notes,
    lifetime_value_cents: row.lifetime_value_cents,
    value_tier: row.value_tier,
    account_owner_id: row.account_owner_id,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

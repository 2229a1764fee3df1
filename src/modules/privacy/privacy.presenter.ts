import type { Selectable } from 'kysely';
import type { PrivacyLegalHoldsTable, PrivacyRetentionPoliciesTable, PrivacyRetentionRunsTable } from '../../db/schema.ts';
import { iso } from '../../platform/schemas.ts';

export function presentPolicy(row: Selectable<PrivacyRetentionPoliciesTable>) {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    organization_id: row.organization_id,
    action: row.action,
    after_days: row.after_days,
    active: row.active,
    created_at: iso(row.created_at) as string,
  };
}

export function presentHold(row: Selectable<PrivacyLegalHoldsTable>) {
  return {
    id: row.id,
    customer_id: row.customer_id,
    organization_id: row.organization_id,
    ticket_id: row.ticket_id,
    reason: row.reason,
    created_at: iso(row.created_at) as string,
    released_at: iso(row.released_at),
  };
}

export function presentRun(row: Selectable<PrivacyRetentionRunsTable>) {
  return {
    id: row.id,
    started_at: iso(row.started_at) as string,
    finished_at: iso(row.finished_at) as string,
    tickets_deleted: row.tickets_deleted,
    tickets_anonymised: row.tickets_anonymised,
    tickets_held: row.tickets_held,
    report: row.report,
  };
}

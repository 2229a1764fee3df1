import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './context.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(db: Kysely<Database>, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
      ip: actor.ip ?? null,
      request_id: actor.requestId ?? null,
      created_at: at,
    })
    .execute();
}

const secretKeys = new Set(['password', 'password_hash', 'token', 'token_hash', 'csrf_token']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, secretKeys.has(key) ? '[redacted]' : redact(inner)]));
  }
  return value;
}

/** Only the fields that differ, as {before, after}; an update that changes nothing records nothing. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | undefined {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return Object.keys(changedAfter).length ? { before: changedBefore, after: changedAfter } : undefined;
}

import type { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import type { UserActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { accountBody, accountImportBody, SegmentInput } from './proactive.schemas.ts';
import * as repo from './proactive.repository.ts';
import { type CustomerProfile, matchesSegment, type SegmentRules, segmentRulesSchema } from './segment-rules.ts';

const present = (row: { id: number; name: string; rules: unknown; created_at: Date; updated_at: Date }) => ({
  id: row.id,
  name: row.name,
  rules: segmentRulesSchema.parse(row.rules),
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});
export type SegmentView = ReturnType<typeof present>;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Saves a segment. Throws name_taken. */
export async function createSegment(ctx: Context, actor: UserActor, input: SegmentInput): Promise<SegmentView> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('segments')
        .values({
          name: input.name,
          rules: JSON.stringify(input.rules),
          created_by_user_id: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, { action: 'segment.created', entityType: 'segment', entityId: row.id, after: input });
      return present(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('name_taken', `A segment named "${input.name}" already exists.`);
    throw error;
  }
}

/** Changes a segment's name or rules. Throws not_found, name_taken. */
export async function updateSegment(ctx: Context, actor: UserActor, id: number, input: Partial<SegmentInput>): Promise<SegmentView> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findSegment(trx, id);
      if (!before) throw notFound('not_found', 'Segment', id);
      const row = await trx
        .updateTable('segments')
        .set({
          ...(input.name ? { name: input.name } : {}),
          ...(input.rules ? { rules: JSON.stringify(input.rules) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'segment.updated',
        entityType: 'segment',
        entityId: id,
        before: present(before),
        after: input,
      });
      return present(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('name_taken', `A segment named "${input.name}" already exists.`);
    throw error;
  }
}

export async function listSegments(ctx: Context): Promise<SegmentView[]> {
  return (await repo.listSegments(ctx.db)).map(present);
}

/** One segment. Throws not_found. */
export async function getSegment(ctx: Context, id: number): Promise<SegmentView> {
  const row = await repo.findSegment(ctx.db, id);
  if (!row) throw notFound('not_found', 'Segment', id);
  return present(row);
}

/** The customers a set of rules selects, now. */
export async function customersMatching(ctx: Context, rules: SegmentRules): Promise<CustomerProfile[]> {
  const profiles = await repo.listCustomerProfiles(ctx.db, ctx.clock.now());
  return profiles.filter((profile) => matchesSegment(profile, rules));
}

/** How many customers a segment holds and the first `limit` of them. Throws not_found. */
export async function previewSegment(ctx: Context, id: number, limit: number) {
  const segment = await getSegment(ctx, id);
  const members = await customersMatching(ctx, segment.rules);
  return { count: members.length, data: members.slice(0, limit) };
}

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The segment's members as CSV. Throws not_found. */
export async function exportSegmentCsv(ctx: Context, id: number): Promise<string> {
  const segment = await getSegment(ctx, id);
  const members = await customersMatching(ctx, segment.rules);
  const columns = [
    'customer_id',
    'name',
    'organization_name',
    'value_tier',
    'lifetime_value_cents',
    'open_balance_cents',
    'risk_score',
    'contacts_last_30_days',
    'csat',
    'time_zone',
  ] as const;
  const lines = [columns.join(','), ...members.map((member) => columns.map((column) => csvCell(member[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

async function assertCustomers(trx: Context['db'], ids: number[]): Promise<void> {
  const found = await trx.selectFrom('customers').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((row) => row.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new AppError('customer_not_found', `Unknown customers: ${missing.slice(0, 20).join(', ')}.`);
}

/** Sets a customer's open balance and risk score. Throws customer_not_found. */
export async function setAccount(ctx: Context, actor: UserActor, customerId: number, input: z.infer<typeof accountBody>) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await assertCustomers(trx, [customerId]);
    const row = await trx
      .insertInto('customer_accounts')
      .values({ customer_id: customerId, ...input, updated_at: now })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ ...input, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, { action: 'customer.account_set', entityType: 'customer', entityId: customerId, after: input });
    return { ...row, updated_at: new Date(row.updated_at).toISOString() };
  });
}

/** Imports balances and risk scores in one transaction: all or nothing. Throws customer_not_found. */
export async function importAccounts(
  ctx: Context,
  actor: UserActor,
  input: z.infer<typeof accountImportBody>,
): Promise<{ imported: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await assertCustomers(trx, [...new Set(input.accounts.map((account) => account.customer_id))]);
    for (const account of input.accounts) {
      await trx
        .insertInto('customer_accounts')
        .values({ ...account, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('customer_id')
            .doUpdateSet({ open_balance_cents: account.open_balance_cents, risk_score: account.risk_score, updated_at: now }),
        )
        .execute();
    }
    await recordAudit(trx, actor, now, {
      action: 'customer.accounts_imported',
      entityType: 'customer',
      entityId: 'import',
      after: { count: input.accounts.length },
    });
    return { imported: input.accounts.length };
  });
}

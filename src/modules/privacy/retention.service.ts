import { sql } from 'kysely';
import type { Actor, Context } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as repo from './privacy.repository.ts';
import fs from 'node:fs/promises';
import path from 'node:path';

export const retentionJob = 'privacy.retention';

export interface PolicyInput {
  name: string;
  channel?: string | null | undefined;
  organization_id?: number | null | undefined;
  action: 'delete' | 'anonymise';
  after_days: number;
  active?: boolean | undefined;
}

export interface HoldInput {
  customer_id?: number | undefined;
  organization_id?: number | undefined;
  ticket_id?: number | undefined;
  reason: string;
}

const day = 86_400_000;

export async function listPolicies(ctx: Context) {
  return ctx.db.selectFrom('privacy_retention_policies').selectAll().orderBy('id').execute();
}

async function checkOrganization(ctx: Context, id: number | null | undefined) {
  if (id == null) return;
  const org = await ctx.db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('organization_not_found', 'Organization', id);
}

export async function createPolicy(ctx: Context, actor: Actor, input: PolicyInput) {
  await checkOrganization(ctx, input.organization_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('privacy_retention_policies')
      .values({
        name: input.name,
        channel: input.channel ?? null,
        organization_id: input.organization_id ?? null,
        action: input.action,
        after_days: input.after_days,
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'retention_policy.created',
      entityType: 'retention_policy',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function deletePolicy(ctx: Context, actor: Actor, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('privacy_retention_policies').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Retention policy', id);
    await recordAudit(trx, actor, ctx.clock.now(), {
      action: 'retention_policy.deleted',
      entityType: 'retention_policy',
      entityId: id,
      before: row,
    });
  });
}

export async function listHolds(ctx: Context) {
  return ctx.db.selectFrom('privacy_legal_holds').selectAll().orderBy('id', 'desc').limit(500).execute();
}

export async function createHold(ctx: Context, actor: Actor, input: HoldInput) {
  const targets = [input.customer_id, input.organization_id, input.ticket_id].filter((v) => v !== undefined);
  if (targets.length !== 1) throw new AppError('validation_failed', 'A legal hold names exactly one customer, organisation or ticket.');
  if (input.customer_id !== undefined) {
    const c = await ctx.db.selectFrom('customers').select('id').where('id', '=', input.customer_id).executeTakeFirst();
    if (!c) throw notFound('customer_not_found', 'Customer', input.customer_id);
  }
  await checkOrganization(ctx, input.organization_id);
  if (input.ticket_id !== undefined) {
    const t = await ctx.db.selectFrom('tickets').select('id').where('id', '=', input.ticket_id).executeTakeFirst();
    if (!t) throw notFound('ticket_not_found', 'Ticket', input.ticket_id);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('privacy_legal_holds')
      .values({
        customer_id: input.customer_id ?? null,
        organization_id: input.organization_id ?? null,
        ticket_id: input.ticket_id ?? null,
        reason: input.reason,
        created_by_user_id: actor.userId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, { action: 'legal_hold.placed', entityType: 'legal_hold', entityId: row.id, after: row });
    return row;
  });
}

export async function releaseHold(ctx: Context, actor: Actor, id: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('privacy_legal_holds')
      .set({ released_at: now })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('not_found', 'Active legal hold', id);
    await recordAudit(trx, actor, now, { action: 'legal_hold.released', entityType: 'legal_hold', entityId: id });
    return row;
  });
}

export async function listRuns(ctx: Context) {
  return ctx.db.selectFrom('privacy_retention_runs').selectAll().orderBy('id', 'desc').limit(100).execute();
}

interface PolicyReport {
  policy_id: number;
  name: string;
  action: 'delete' | 'anonymise';
  tickets: number[];
  held: number[];
}

/**
 * Applies every active policy to closed tickets older than its age (by `closed_at`), skipping tickets
 * under a legal hold (on the ticket, its requester or its organisation) and tickets a policy already
 * processed. Records and answers the run's report.
 */
export async function runRetention(ctx: Context) {
  const started = ctx.clock.now();
  const policies = await ctx.db.selectFrom('privacy_retention_policies').selectAll().where('active', '=', true).orderBy('id').execute();
  const reports: PolicyReport[] = [];
  const files: string[] = [];
  const run = await ctx.db.transaction().execute(async (trx) => {
    const done = new Set<number>();
    for (const policy of policies) {
      const cutoff = new Date(started.getTime() - policy.after_days * day);
      let query = trx
        .selectFrom('tickets as t')
        .innerJoin('customers as c', 'c.id', 't.requester_id')
        .select(['t.id'])
        .select(
          sql<boolean>`exists (select 1 from privacy_legal_holds h where h.released_at is null and
            (h.ticket_id = t.id or h.customer_id = t.requester_id or h.customer_id = c.merged_into_id
             or h.organization_id = t.organization_id or h.organization_id = c.organization_id))`.as('held'),
        )
        .where('t.status', '=', 'closed')
        .where('t.closed_at', '<', cutoff)
        .where('t.subject', '<>', repo.ERASED)
        .orderBy('t.id');
      if (policy.channel) query = query.where('t.channel', '=', policy.channel);
      if (policy.organization_id !== null) query = query.where('t.organization_id', '=', policy.organization_id);
      const rows = (await query.execute()).filter((r) => !done.has(r.id));
      const due = rows.filter((r) => !r.held).map((r) => r.id);
      const held = rows.filter((r) => r.held).map((r) => r.id);
      files.push(...(await repo.scrubTickets(trx, due, policy.action === 'delete')));
      for (const id of due) done.add(id);
      reports.push({ policy_id: policy.id, name: policy.name, action: policy.action, tickets: due, held });
    }
    const count = (action: string) => reports.filter((r) => r.action === action).reduce((n, r) => n + r.tickets.length, 0);
    const heldCount = new Set(reports.flatMap((r) => r.held)).size;
    return trx
      .insertInto('privacy_retention_runs')
      .values({
        started_at: started,
        finished_at: ctx.clock.now(),
        tickets_deleted: count('delete'),
        tickets_anonymised: count('anonymise'),
        tickets_held: heldCount,
        report: JSON.stringify({ policies: reports, attachments_removed: files.length }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  const root = path.join(ctx.config.dataDir, 'attachments');
  for (const key of files) {
    const target = path.resolve(root, key);
    if (target.startsWith(root + path.sep)) await fs.rm(target, { force: true });
  }
  return run;
}

/** The daily run through the job queue (03:30 UTC). */
export async function registerPrivacyWork(ctx: Context): Promise<void> {
  await ctx.jobs.work(
    retentionJob,
    async () => {
      await runRetention(ctx);
    },
    { retryLimit: 2, retryDelay: 600 },
  );
  await ctx.jobs.schedule(retentionJob, '30 3 * * *');
}

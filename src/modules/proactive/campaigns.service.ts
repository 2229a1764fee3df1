import type { z } from 'zod';
import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { createTicket } from '../tickets/index.ts';
import { contactEligibility, type Eligibility, orderCallList } from './call-list-rules.ts';
import type { CampaignInput, outcomeBody } from './proactive.schemas.ts';
import * as repo from './proactive.repository.ts';
import { customersMatching, getSegment } from './segments.service.ts';

/** Where a customer without a time zone of their own is assumed to be. */
const defaultTimeZone = 'UTC';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const presentCampaign = (row: NonNullable<Awaited<ReturnType<typeof repo.findCampaign>>>) => ({
  ...row,
  created_at: iso(row.created_at) as string,
});
const presentEntry = (row: Awaited<ReturnType<typeof repo.listEntries>>[number]) => ({
  ...row,
  callback_at: iso(row.callback_at),
  open_balance_cents: Number(row.open_balance_cents),
  risk_score: Number(row.risk_score),
});
const presentAttempt = (row: Awaited<ReturnType<typeof repo.listAttempts>>[number]) => ({
  ...row,
  callback_at: iso(row.callback_at),
  created_at: iso(row.created_at) as string,
});

/** Creates a campaign on a segment; a phone campaign gets its call list, ordered by balance, risk and value. Throws not_found. */
export async function createCampaign(ctx: Context, actor: UserActor, input: CampaignInput) {
  const segment = await getSegment(ctx, input.segment_id);
  const members = orderCallList(
    await customersMatching(ctx, segment.rules).then((list) =>
      list.map((m) => ({
        ...m,
        lifetime_value_cents: m.lifetime_value_cents ?? 0,
        open_balance_cents: m.open_balance_cents ?? 0,
        risk_score: m.risk_score ?? 0,
      })),
    ),
  );
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaigns')
      .values({ ...input, problem_id: null, created_by_user_id: actor.userId, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.channel === 'phone' && members.length) {
      await trx
        .insertInto('call_list_entries')
        .values(
          members.map((member, index) => ({ campaign_id: row.id, customer_id: member.customer_id, position: index + 1, updated_at: now })),
        )
        .execute();
    }
    await recordAudit(trx, actor, now, { action: 'campaign.created', entityType: 'campaign', entityId: row.id, after: input });
    return presentCampaign(row);
  });
}

export async function listCampaigns(ctx: Context) {
  return (await repo.listCampaigns(ctx.db)).map(presentCampaign);
}

/** A campaign with its call list. Throws not_found. */
export async function getCampaign(ctx: Context, id: number) {
  const row = await repo.findCampaign(ctx.db, id);
  if (!row) throw notFound('not_found', 'Campaign', id);
  return { ...presentCampaign(row), entries: (await repo.listEntries(ctx.db, id)).map(presentEntry) };
}

type Campaign = NonNullable<Awaited<ReturnType<typeof repo.findCampaign>>>;

/** Why each customer may or may not be contacted now under the campaign's window and cap. */
async function eligibilities(
  ctx: Context,
  db: Context['db'],
  campaign: Campaign,
  customers: { customer_id: number; time_zone: string | null; callback_at: Date | string | null }[],
) {
  const at = ctx.clock.now();
  const ids = customers.map((customer) => customer.customer_id);
  const blocked = await repo.doNotContactIds(db, ids);
  const times = await repo.contactTimes(db, ids, new Date(at.getTime() - campaign.cap_days * 86_400_000));
  return new Map<number, Eligibility>(
    customers.map((customer) => [
      customer.customer_id,
      contactEligibility({
        at,
        doNotContact: blocked.has(customer.customer_id),
        window: {
          startHour: campaign.window_start_hour,
          endHour: campaign.window_end_hour,
          weekdaysOnly: campaign.weekdays_only,
          timeZone: customer.time_zone ?? defaultTimeZone,
        },
        previousContacts: times.get(customer.customer_id) ?? [],
        maxContacts: campaign.max_contacts,
        capDays: campaign.cap_days,
        callbackAt: customer.callback_at ? new Date(customer.callback_at) : null,
      }),
    ]),
  );
}

/**
 * "Next customer": the agent's own open entry if they have one, else the first pending entry in list
 * order that may be contacted now (window, do-not-contact, cap, call-back time), claimed for the agent.
 * Throws not_found, unprocessable (campaign is not a phone campaign or is closed).
 */
export async function nextCustomer(ctx: Context, actor: UserActor, campaignId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const campaign = await repo.findCampaign(trx, campaignId);
    if (!campaign) throw notFound('not_found', 'Campaign', campaignId);
    if (campaign.channel !== 'phone') throw new AppError('unprocessable', 'Only phone campaigns have a call list to work.');
    if (campaign.status !== 'active') throw new AppError('unprocessable', 'This campaign is closed.');
    const entries = await repo.listEntries(trx, campaignId);
    const skipped: Record<string, number> = {};
    const mine = entries.find((entry) => entry.status === 'in_progress' && entry.assigned_user_id === actor.userId);
    let chosen = mine;
    if (!chosen) {
      const open = entries.filter((entry) => entry.status === 'pending' || entry.status === 'callback');
      const verdicts = await eligibilities(ctx, trx, campaign, open);
      for (const entry of open) {
        const verdict = verdicts.get(entry.customer_id) ?? 'ok';
        if (verdict === 'ok') {
          chosen = entry;
          break;
        }
        skipped[verdict] = (skipped[verdict] ?? 0) + 1;
      }
      if (chosen) {
        await trx
          .updateTable('call_list_entries')
          .set({ status: 'in_progress', assigned_user_id: actor.userId, updated_at: ctx.clock.now() })
          .where('id', '=', chosen.id)
          .execute();
        chosen = { ...chosen, status: 'in_progress', assigned_user_id: actor.userId };
      }
    }
    return {
      entry: chosen ? presentEntry(chosen) : null,
      contact_methods: chosen ? await repo.listIdentities(trx, chosen.customer_id) : [],
      skipped,
    };
  });
}

/**
 * Records a call's outcome on the customer's timeline; reached/refused/wrong number close the entry,
 * no answer and voicemail put it back, a call-back waits for its time; a ticket is opened when asked.
 * Throws not_found, forbidden (entry claimed by someone else), invalid_transition (entry already done).
 */
export async function recordOutcome(ctx: Context, actor: UserActor, entryId: number, input: z.infer<typeof outcomeBody>) {
  const entry = await ctx.db.selectFrom('call_list_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw notFound('not_found', 'Call-list entry', entryId);
  if (entry.status === 'done') throw new AppError('invalid_transition', 'This customer has already been worked.');
  if (entry.assigned_user_id !== null && entry.assigned_user_id !== actor.userId)
    throw new AppError('forbidden', 'Another agent is working this customer.');
  let ticketId: number | null = null;
  if (input.ticket_subject) {
    const identities = await repo.listIdentities(ctx.db, entry.customer_id);
    const customer = await ctx.db.selectFrom('customers').select('name').where('id', '=', entry.customer_id).executeTakeFirstOrThrow();
    const email = identities.find((identity) => identity.kind === 'email')?.value;
    const phone = identities.find((identity) => identity.kind === 'phone')?.value;
    const ticket = await createTicket(ctx, actor, {
      subject: input.ticket_subject,
      description: input.note || `Opened from an outbound call (${input.outcome}).`,
      requester: { ...(email ? { email } : {}), ...(phone ? { phone } : {}), name: customer.name },
      priority: 'p3',
      type: 'task',
      channel: 'voice',
      tags: ['outbound'],
      custom_fields: {},
    });
    ticketId = ticket.id;
  }
  const now = ctx.clock.now();
  const status = ['reached', 'refused', 'wrong_number'].includes(input.outcome)
    ? 'done'
    : input.outcome === 'callback'
      ? 'callback'
      : 'pending';
  return ctx.db.transaction().execute(async (trx) => {
    const attempt = await trx
      .insertInto('contact_attempts')
      .values({
        campaign_id: entry.campaign_id,
        customer_id: entry.customer_id,
        user_id: actor.userId,
        method: input.method,
        contact_value: input.contact_value,
        outcome: input.outcome,
        note: input.note,
        callback_at: input.callback_at ? new Date(input.callback_at) : null,
        ticket_id: ticketId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('call_list_entries')
      .set({
        status,
        assigned_user_id: status === 'done' ? actor.userId : null,
        attempts: entry.attempts + 1,
        last_outcome: input.outcome,
        callback_at: input.callback_at ? new Date(input.callback_at) : null,
        updated_at: now,
      })
      .where('id', '=', entryId)
      .execute();
    return presentAttempt(attempt);
  });
}

/** Sends an email or messaging campaign to every member who may be contacted now; the rest are counted by reason. Throws not_found, unprocessable. */
export async function sendCampaign(ctx: Context, actor: Actor, campaignId: number) {
  const campaign = await repo.findCampaign(ctx.db, campaignId);
  if (!campaign) throw notFound('not_found', 'Campaign', campaignId);
  if (campaign.channel === 'phone') throw new AppError('unprocessable', 'A phone campaign is worked from its call list, not sent.');
  if (!campaign.segment_id) throw new AppError('unprocessable', 'This campaign has no segment.');
  const segment = await getSegment(ctx, campaign.segment_id);
  const members = await customersMatching(ctx, segment.rules);
  const verdicts = await eligibilities(
    ctx,
    ctx.db,
    campaign,
    members.map((member) => ({ ...member, callback_at: null })),
  );
  const skipped: Record<string, number> = {};
  let sent = 0;
  const now = ctx.clock.now();
  for (const member of members) {
    const verdict = verdicts.get(member.customer_id) ?? 'ok';
    const identities = await repo.listIdentities(ctx.db, member.customer_id);
    const address =
      identities.find((identity) => identity.kind === (campaign.channel === 'email' ? 'email' : 'social'))?.value ??
      identities.find((identity) => identity.kind === 'email')?.value;
    const reason = verdict !== 'ok' ? verdict : address ? null : 'no_contact_method';
    if (reason) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    if (campaign.channel === 'email' && address) await ctx.mailer.send({ to: address, subject: campaign.name, text: campaign.message });
    await ctx.db
      .insertInto('contact_attempts')
      .values({
        campaign_id: campaign.id,
        customer_id: member.customer_id,
        user_id: actor.userId,
        method: campaign.channel,
        contact_value: address ?? '',
        outcome: 'sent',
        created_at: now,
      })
      .execute();
    sent += 1;
  }
  return { sent, skipped };
}

/** A customer's outbound timeline: every attempt, outcome and call-back. */
export async function customerAttempts(ctx: Context, customerId: number) {
  return (await repo.listAttempts(ctx.db, customerId)).map(presentAttempt);
}

/** Adds a customer to the do-not-contact list. Throws customer_not_found. */
export async function addDoNotContact(ctx: Context, actor: UserActor, customerId: number, reason: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const customer = await trx.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
    if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
    await trx
      .insertInto('do_not_contact')
      .values({ customer_id: customerId, reason, created_at: now })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ reason }))
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'customer.do_not_contact',
      entityType: 'customer',
      entityId: customerId,
      after: { reason },
    });
  });
}

export async function removeDoNotContact(ctx: Context, actor: UserActor, customerId: number) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('do_not_contact').where('customer_id', '=', customerId).execute();
    await recordAudit(trx, actor, now, { action: 'customer.contact_allowed', entityType: 'customer', entityId: customerId });
  });
}

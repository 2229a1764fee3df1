import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { getValueTiers, tierRank, updateValueTiers, type ValueTierSettings } from './routing-settings.ts';

type Db = Kysely<Database>;

export interface RevenueInput {
  customer_id?: number | undefined;
  organization_id?: number | undefined;
  amount_cents: number;
  occurred_at?: string | undefined;
  source?: string | undefined;
  reference?: string | undefined;
}

/** `case` over the thresholds, highest first: the tier a lifetime value falls in. */
function tierCase(tiers: ValueTierSettings['tiers']) {
  const last = tiers.at(-1)?.name ?? 'standard';
  return sql<string>`case ${sql.join(
    tiers.map((t) => sql`when lifetime_value_cents >= ${t.min_cents} then ${t.name}`),
    sql` `,
  )} else ${last} end`;
}

/** Sets every customer's and organization's value tier from its lifetime value; answers how many changed. */
export async function applyValueTiers(
  db: Db,
  tiers: ValueTierSettings['tiers'],
  now: Date,
  filter: { customerId?: number; organizationId?: number } = {},
) {
  const tier = tierCase(tiers);
  const customers = await sql`update customers set value_tier = ${tier}, updated_at = ${now}
    where value_tier is distinct from ${tier} ${filter.customerId !== undefined ? sql`and id = ${filter.customerId}` : filter.organizationId !== undefined ? sql`and false` : sql``}`.execute(
    db,
  );
  const organizations = await sql`update organizations set value_tier = ${tier}, updated_at = ${now}
    where value_tier is distinct from ${tier} ${filter.organizationId !== undefined ? sql`and id = ${filter.organizationId}` : filter.customerId !== undefined ? sql`and false` : sql``}`.execute(
    db,
  );
  return { customers: Number(customers.numAffectedRows ?? 0), organizations: Number(organizations.numAffectedRows ?? 0) };
}

/** Replaces the value tiers and re-tiers everyone. Throws validation_failed. */
export async function saveValueTiers(ctx: Context, actor: Actor, input: ValueTierSettings) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await updateValueTiers(trx, actor, input, now);
    const changed = await applyValueTiers(trx, saved.tiers, now);
    return { ...saved, changed };
  });
}

/**
 * Records revenue against a customer (and so their organization) or an organization, and sets their
 * lifetime value to the sum of what is recorded, then their tier. Throws customer_not_found,
 * organization_not_found, validation_failed.
 */
export async function recordRevenue(ctx: Context, actor: Actor, input: RevenueInput) {
  if ((input.customer_id === undefined) === (input.organization_id === undefined))
    throw validationError('Give either customer_id or organization_id.', [
      { path: 'customer_id', message: 'exactly one of customer_id, organization_id' },
    ]);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    let organizationId = input.organization_id ?? null;
    if (input.customer_id !== undefined) {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'organization_id'])
        .where('id', '=', input.customer_id)
        .executeTakeFirst();
      if (!customer) throw notFound('customer_not_found', 'Customer', input.customer_id);
      organizationId = customer.organization_id;
    } else if (
      !(await trx
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', organizationId as number)
        .executeTakeFirst())
    ) {
      throw notFound('organization_not_found', 'Organization', organizationId);
    }
    const row = await trx
      .insertInto('customer_revenue')
      .values({
        customer_id: input.customer_id ?? null,
        organization_id: organizationId,
        amount_cents: input.amount_cents,
        occurred_at: input.occurred_at ? new Date(input.occurred_at) : now,
        source: input.source ?? 'manual',
        reference: input.reference ?? null,
        created_by_user_id: actor.userId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { tiers } = await getValueTiers(trx);
    let customerValue: number | null = null;
    if (input.customer_id !== undefined) {
      await sql`update customers set lifetime_value_cents = (select coalesce(sum(amount_cents), 0) from customer_revenue where customer_id = ${input.customer_id}), updated_at = ${now}
        where id = ${input.customer_id}`.execute(trx);
      await applyValueTiers(trx, tiers, now, { customerId: input.customer_id });
      customerValue = Number(
        (await trx.selectFrom('customers').select('lifetime_value_cents').where('id', '=', input.customer_id).executeTakeFirstOrThrow())
          .lifetime_value_cents,
      );
    }
    let organizationValue: number | null = null;
    if (organizationId !== null) {
      await sql`update organizations set lifetime_value_cents = (select coalesce(sum(amount_cents), 0) from customer_revenue where organization_id = ${organizationId}), updated_at = ${now}
        where id = ${organizationId}`.execute(trx);
      await applyValueTiers(trx, tiers, now, { organizationId });
      organizationValue = Number(
        (await trx.selectFrom('organizations').select('lifetime_value_cents').where('id', '=', organizationId).executeTakeFirstOrThrow())
          .lifetime_value_cents,
      );
    }
    await recordAudit(trx, actor, now, {
      action: 'revenue.recorded',
      entityType: 'customer_revenue',
      entityId: row.id,
      after: { ...input, organization_id: organizationId },
    });
    return {
      id: row.id,
      customer_id: row.customer_id,
      organization_id: organizationId,
      amount_cents: Number(row.amount_cents),
      customer_lifetime_value_cents: customerValue,
      organization_lifetime_value_cents: organizationValue,
    };
  });
}

export interface OwnerAssignment {
  organization_id: number;
  organization: string;
  lifetime_value_cents: number;
  value_tier: string;
  account_owner_id: number | null;
  skill_score: number;
  reason: string;
}

interface Tam {
  id: number;
  name: string;
  skills: Map<string, number>;
  accounts: number;
  valueCents: number;
}

/**
 * Gives each high-value organization (at `tam_min_tier` or above) without an owner — or every one,
 * with `reassign` — a technical account manager: the most valuable accounts choose first, each
 * taking the TAM whose product and language skills best fit the account's tickets, then the one
 * with the least value and fewest accounts already owned, up to `tam_max_accounts` each (#107).
 */
export async function assignAccountOwners(
  ctx: Context,
  actor: Actor,
  options: { reassign?: boolean | undefined; dry_run?: boolean | undefined },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const settings = await getValueTiers(trx);
    const minRank = tierRank(settings.tiers, settings.tam_min_tier);
    const eligibleTiers = settings.tiers.filter((t) => tierRank(settings.tiers, t.name) >= minRank).map((t) => t.name);
    const tamRows = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('role', '=', 'tam')
      .where('active', '=', true)
      .orderBy('id')
      .execute();
    const tams = new Map<number, Tam>(tamRows.map((t) => [t.id, { ...t, skills: new Map(), accounts: 0, valueCents: 0 }]));
    if (tams.size) {
      const skills = await trx
        .selectFrom('agent_skills as a')
        .innerJoin('skills as k', 'k.id', 'a.skill_id')
        .select(['a.user_id', 'k.name', 'a.proficiency'])
        .where('a.user_id', 'in', [...tams.keys()])
        .execute();
      for (const s of skills) tams.get(s.user_id)?.skills.set(s.name, s.proficiency);
    }
    const orgs = await trx
      .selectFrom('organizations')
      .select(['id', 'name', 'lifetime_value_cents', 'value_tier', 'account_owner_id'])
      .orderBy('lifetime_value_cents', 'desc')
      .orderBy('id')
      .execute();
    // Current load: what each TAM already owns (all of it is released first when reassigning).
    for (const org of orgs) {
      const owner = org.account_owner_id !== null ? tams.get(org.account_owner_id) : undefined;
      if (owner && !(options.reassign && eligibleTiers.includes(org.value_tier))) {
        owner.accounts += 1;
        owner.valueCents += Number(org.lifetime_value_cents);
      }
    }
    const targets = orgs.filter((o) => eligibleTiers.includes(o.value_tier) && (options.reassign || o.account_owner_id === null));
    const needs = await accountNeeds(
      trx,
      targets.map((o) => o.id),
      now,
    );
    const result: OwnerAssignment[] = [];
    for (const org of targets) {
      const need = needs.get(org.id) ?? new Map<string, number>();
      let best: { tam: Tam; score: number } | undefined;
      for (const tam of tams.values()) {
        if (tam.accounts >= settings.tam_max_accounts) continue;
        let score = 0;
        for (const [skill, weight] of need) score += weight * (tam.skills.get(skill) ?? 0);
        const better =
          !best ||
          score > best.score + 1e-9 ||
          (Math.abs(score - best.score) <= 1e-9 &&
            (tam.valueCents < best.tam.valueCents || (tam.valueCents === best.tam.valueCents && tam.accounts < best.tam.accounts)));
        if (better) best = { tam, score };
      }
      const value = Number(org.lifetime_value_cents);
      if (!best) {
        result.push({
          organization_id: org.id,
          organization: org.name,
          lifetime_value_cents: value,
          value_tier: org.value_tier,
          account_owner_id: org.account_owner_id,
          skill_score: 0,
          reason: tams.size ? 'every TAM is at the account limit' : 'no active TAM',
        });
        continue;
      }
      best.tam.accounts += 1;
      best.tam.valueCents += value;
      result.push({
        organization_id: org.id,
        organization: org.name,
        lifetime_value_cents: value,
        value_tier: org.value_tier,
        account_owner_id: best.tam.id,
        skill_score: Math.round(best.score * 100) / 100,
        reason: `best skill fit and load (${best.tam.name})`,
      });
      if (!options.dry_run && best.tam.id !== org.account_owner_id) {
        await trx.updateTable('organizations').set({ account_owner_id: best.tam.id, updated_at: now }).where('id', '=', org.id).execute();
        await recordAudit(trx, actor, now, {
          action: 'organization.account_owner_assigned',
          entityType: 'organization',
          entityId: org.id,
          before: { account_owner_id: org.account_owner_id },
          after: { account_owner_id: best.tam.id, skill_score: best.score },
        });
      }
    }
    return { data: result };
  });
}

/** What an account needs, as skill → weight: the product mix of its last 180 days of tickets, and its customers' main language. */
async function accountNeeds(db: Db, organizationIds: number[], now: Date): Promise<Map<number, Map<string, number>>> {
  const needs = new Map<number, Map<string, number>>();
  if (organizationIds.length === 0) return needs;
  const products = await sql<{ organization_id: number; product: string; n: number }>`
    select t.organization_id, split_part(k.path, '/', 1) as product, count(*)::int as n
    from tickets t join categories k on k.id = t.category_id
    where t.organization_id = any(${organizationIds}::bigint[]) and t.created_at > ${new Date(now.getTime() - 180 * 86_400_000)}
    group by 1, 2`.execute(db);
  const totals = new Map<number, number>();
  for (const p of products.rows) totals.set(Number(p.organization_id), (totals.get(Number(p.organization_id)) ?? 0) + p.n);
  for (const p of products.rows) {
    const id = Number(p.organization_id);
    const need = needs.get(id) ?? new Map<string, number>();
    need.set(`product:${p.product}`, p.n / (totals.get(id) ?? 1));
    needs.set(id, need);
  }
  const languages = await sql<{ organization_id: number; language: string }>`
    select distinct on (organization_id) organization_id, language from customers
    where organization_id = any(${organizationIds}::bigint[])
    group by organization_id, language order by organization_id, count(*) desc, language`.execute(db);
  for (const l of languages.rows) {
    const id = Number(l.organization_id);
    const need = needs.get(id) ?? new Map<string, number>();
    need.set(`language:${l.language}`, 0.5);
    needs.set(id, need);
  }
  return needs;
}

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { validationError } from '../../platform/errors.ts';

type Db = Kysely<Database>;

const capacity = z.number().int().min(0).max(100);
const weight = z.number().min(0).max(1000);
const minutes = z.number().int().min(1).max(525_600);

export const capacitySchema = z.strictObject({ voice: capacity, chat: capacity, email: capacity });

/** How routing behaves; stored in `settings` under `routing`, with these defaults. */
export const routingSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** push: the router hands out work; pull: agents ask for their next item */
  mode: z.enum(['push', 'pull']),
  tie_break: z.enum(['least_loaded', 'round_robin']),
  weights: z.strictObject({ priority: weight, sla: weight, value: weight, wait: weight }),
  /** 0 assigns at once; otherwise the agent is offered the item and has this long to accept */
  offer_timeout_seconds: z.number().int().min(0).max(3600),
  default_capacity: capacitySchema,
  min_proficiency: z.number().int().min(1).max(5),
  require_skills: z.strictObject({ product: z.boolean(), language: z.boolean(), priority: z.boolean() }),
  /** customers and organizations in these value tiers go to their account owner, then to senior agents */
  top_value_tiers: z.array(z.string().trim().min(1).max(40)).max(20),
  /** the deadline the queue assumes when no SLA clock runs */
  default_due_minutes: z.strictObject({ p1: minutes, p2: minutes, p3: minutes, p4: minutes }),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

export const routingSettingsPatch = z.strictObject({
  enabled: z.boolean().optional(),
  mode: z.enum(['push', 'pull']).optional(),
  tie_break: z.enum(['least_loaded', 'round_robin']).optional(),
  weights: routingSettingsSchema.shape.weights.partial().optional(),
  offer_timeout_seconds: routingSettingsSchema.shape.offer_timeout_seconds.optional(),
  default_capacity: capacitySchema.partial().optional(),
  min_proficiency: routingSettingsSchema.shape.min_proficiency.optional(),
  require_skills: routingSettingsSchema.shape.require_skills.partial().optional(),
  top_value_tiers: routingSettingsSchema.shape.top_value_tiers.optional(),
  default_due_minutes: routingSettingsSchema.shape.default_due_minutes.partial().optional(),
});
export type RoutingSettingsPatch = z.infer<typeof routingSettingsPatch>;

export const defaultRoutingSettings: RoutingSettings = {
  enabled: true,
  mode: 'push',
  tie_break: 'least_loaded',
  // One priority step weighs as much as an hour of waiting; the top value tier as two.
  weights: { priority: 60, sla: 1, value: 120, wait: 1 },
  offer_timeout_seconds: 0,
  default_capacity: { voice: 1, chat: 3, email: 10 },
  min_proficiency: 1,
  require_skills: { product: true, language: true, priority: true },
  top_value_tiers: ['platinum'],
  default_due_minutes: { p1: 60, p2: 240, p3: 480, p4: 1440 },
};

/** Value tiers, highest first: a customer or organization takes the first tier whose threshold its lifetime value reaches. */
export const valueTiersSchema = z.strictObject({
  tiers: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(40), min_cents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .min(1)
    .max(10),
  /** organizations at this tier or above get a technical account manager */
  tam_min_tier: z.string().trim().min(1).max(40),
  /** most accounts one TAM owns */
  tam_max_accounts: z.number().int().min(1).max(1000),
});
export type ValueTierSettings = z.infer<typeof valueTiersSchema>;

export const defaultValueTiers: ValueTierSettings = {
  tiers: [
    { name: 'platinum', min_cents: 25_000_000 },
    { name: 'gold', min_cents: 8_000_000 },
    { name: 'silver', min_cents: 2_000_000 },
    { name: 'standard', min_cents: 0 },
  ],
  tam_min_tier: 'gold',
  tam_max_accounts: 10,
};

async function readSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return { ...fallback, ...((row?.value as Partial<T> | undefined) ?? {}) };
}

async function writeSetting(db: Db, key: string, value: unknown, now: Date): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}

export function getRoutingSettings(db: Db): Promise<RoutingSettings> {
  return readSetting(db, 'routing', defaultRoutingSettings);
}

export function getValueTiers(db: Db): Promise<ValueTierSettings> {
  return readSetting(db, 'value_tiers', defaultValueTiers);
}

/** Merges a partial change into the routing settings and audits it. */
export async function updateRoutingSettings(ctx: Context, actor: Actor, patch: RoutingSettingsPatch): Promise<RoutingSettings> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRoutingSettings(trx);
    const after: RoutingSettings = {
      ...before,
      ...patch,
      weights: { ...before.weights, ...patch.weights },
      default_capacity: { ...before.default_capacity, ...patch.default_capacity },
      require_skills: { ...before.require_skills, ...patch.require_skills },
      default_due_minutes: { ...before.default_due_minutes, ...patch.default_due_minutes },
    };
    await writeSetting(trx, 'routing', after, now);
    await recordAudit(trx, actor, now, { action: 'settings.updated', entityType: 'settings', entityId: 'routing', before, after });
    return after;
  });
}

/** Replaces the value tiers; thresholds must fall strictly from the first tier to the last, which starts at 0. Throws validation_failed. */
export async function updateValueTiers(db: Db, actor: Actor, input: ValueTierSettings, now: Date): Promise<ValueTierSettings> {
  const names = input.tiers.map((t) => t.name);
  if (new Set(names).size !== names.length)
    throw validationError('Tier names must be unique.', [{ path: 'tiers', message: 'duplicate name' }]);
  for (let i = 1; i < input.tiers.length; i++) {
    if ((input.tiers[i] as { min_cents: number }).min_cents >= (input.tiers[i - 1] as { min_cents: number }).min_cents)
      throw validationError('List tiers from the highest threshold to the lowest, each strictly lower.', [
        { path: `tiers.${i}.min_cents`, message: 'must be lower than the tier above' },
      ]);
  }
  if (input.tiers.at(-1)?.min_cents !== 0)
    throw validationError('The last tier must start at 0 so that every customer has a tier.', [
      { path: `tiers.${input.tiers.length - 1}.min_cents`, message: 'must be 0' },
    ]);
  if (!names.includes(input.tam_min_tier))
    throw validationError(`tam_min_tier must name one of the tiers (${names.join(', ')}).`, [
      { path: 'tam_min_tier', message: 'unknown tier' },
    ]);
  const before = await getValueTiers(db);
  await writeSetting(db, 'value_tiers', input, now);
  await recordAudit(db, actor, now, { action: 'settings.updated', entityType: 'settings', entityId: 'value_tiers', before, after: input });
  return input;
}

/** The tier a lifetime value falls in. */
export function tierFor(tiers: ValueTierSettings['tiers'], valueCents: number): string {
  for (const tier of tiers) if (valueCents >= tier.min_cents) return tier.name;
  return tiers.at(-1)?.name ?? 'standard';
}

/** 0 for the lowest tier (or an unknown one), 1 for the highest. */
export function tierRank(tiers: ValueTierSettings['tiers'], name: string | null | undefined): number {
  const index = tiers.findIndex((t) => t.name === name);
  if (index < 0 || tiers.length < 2) return 0;
  return (tiers.length - 1 - index) / (tiers.length - 1);
}

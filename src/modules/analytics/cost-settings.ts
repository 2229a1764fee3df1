import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { localToInstant } from './periods.ts';
import { TZDate } from '@date-fns/tz';

type Db = Kysely<Database>;
const settingsKey = 'analytics.costs';

const cents = z.number().int().min(0).max(100_000_000_00);
const seconds = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600);
const channelCosts = z.strictObject({
  loaded_hourly_cost_cents: cents.nullable().optional().describe('overrides the loaded hourly cost for this channel'),
  standard_handle_seconds: seconds.nullable().optional().describe('handling time per contact when no tracked time exists'),
  fixed_monthly_cents: cents.optional().describe('fixed costs of the channel per month (tools, lines, licences)'),
});

/** What an admin configures for cost per contact and root-cause cost. */
export const costSettingsSchema = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .default('USD'),
  loaded_hourly_cost_cents: cents.nullable().default(null).describe('an agent hour with salary, benefits, seat and overhead'),
  standard_handle_seconds: seconds
    .nullable()
    .default(null)
    .describe('handling time per contact for channels without tracked time or a channel value'),
  channels: z
    .record(z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'a channel name such as email'), channelCosts)
    .refine((r) => Object.keys(r).length <= 30, 'at most 30 channels')
    .default({}),
});
export type CostSettings = z.infer<typeof costSettingsSchema>;

export const defaultCostSettings: CostSettings = {
  currency: 'USD',
  loaded_hourly_cost_cents: null,
  standard_handle_seconds: null,
  channels: {},
};

export async function readCostSettings(db: Db): Promise<CostSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  const parsed = costSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : defaultCostSettings;
}

/** Replaces the cost settings (audited). */
export async function saveCostSettings(ctx: Context, actor: Actor, input: CostSettings): Promise<CostSettings> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readCostSettings(trx);
    await sql`insert into settings (key, value, updated_at) values (${settingsKey}, ${JSON.stringify(input)}, ${now})
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(trx);
    await recordAudit(trx, actor, now, { action: 'settings.updated', entityType: 'settings', entityId: settingsKey, before, after: input });
    return input;
  });
}

export const hourlyCostFor = (s: CostSettings, channel: string): number | null =>
  s.channels[channel]?.loaded_hourly_cost_cents ?? s.loaded_hourly_cost_cents;
export const standardHandleSecondsFor = (s: CostSettings, channel: string): number | null =>
  s.channels[channel]?.standard_handle_seconds ?? s.standard_handle_seconds;

/** Fixed monthly costs prorated over [from, to): each local month contributes the share of it the range covers. */
export function proratedFixedCents(monthly: number, from: Date, to: Date, zone: string): number {
  if (!(monthly > 0) || !(from < to)) return 0;
  let total = 0;
  const local = new TZDate(from.getTime(), zone);
  let monthStart = localToInstant(zone, local.getFullYear(), local.getMonth(), 1);
  for (let guard = 0; monthStart < to && guard < 1200; guard++) {
    const l = new TZDate(monthStart.getTime(), zone);
    const monthEnd = localToInstant(zone, l.getFullYear(), l.getMonth() + 1, 1);
    const overlap = Math.min(monthEnd.getTime(), to.getTime()) - Math.max(monthStart.getTime(), from.getTime());
    if (overlap > 0) total += (monthly * overlap) / (monthEnd.getTime() - monthStart.getTime());
    monthStart = monthEnd;
  }
  return total;
}

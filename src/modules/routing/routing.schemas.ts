import { z } from 'zod';
import { id } from '../../platform/schemas.ts';
import { agentStates } from './agent-states.ts';

const capacity = z.number().int().min(0).max(100);
const idList = z
  .string()
  .regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,499}$/, 'comma-separated user ids')
  .transform((s) => s.split(',').map(Number));
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const agentStateBody = z.strictObject({
  state: z.enum(agentStates),
  channel: z.string().trim().min(1).max(40).nullable().optional(),
  reason: z.string().trim().min(1).max(200).nullable().optional(),
});

export const agentStateSchema = z.object({
  user_id: z.number(),
  state: z.enum(agentStates),
  channel: z.string().nullable(),
  reason: z.string().nullable(),
  since: z.string().nullable(),
});

export const outcomeSchema = z.object({
  ticket_id: z.number(),
  user_id: z.number(),
  kind: z.enum(['assigned', 'offered']),
  reason: z.string(),
});

export const stateChangeResult = z.object({ state: agentStateSchema, routed: z.array(outcomeSchema) });

function inWindow<T extends z.ZodObject<{ from: typeof isoDate; to: typeof isoDate } & z.ZodRawShape>>(schema: T) {
  return (
    schema
      // Refinements also run when a date failed to parse (zod 4): then there is nothing to compare.
      .refine((w) => !(w.from instanceof Date && w.to instanceof Date) || w.from < w.to, {
        message: 'from must be before to',
        path: ['to'],
      })
      .refine((w) => !(w.from instanceof Date && w.to instanceof Date) || w.to.getTime() - w.from.getTime() <= 93 * 86_400_000, {
        message: 'at most 93 days',
        path: ['to'],
      })
  );
}

export const intervalsQuery = inWindow(z.strictObject({ from: isoDate, to: isoDate, user_ids: idList.optional() }));

export const intervalSchema = z.object({
  user_id: z.number(),
  state: z.enum(agentStates),
  channel: z.string().nullable(),
  from: z.string(),
  to: z.string(),
});

const perChannel = z.object({ voice: z.number(), chat: z.number(), email: z.number() });

export const agentBoardSchema = z.object({
  user_id: z.number(),
  name: z.string(),
  role: z.string(),
  tier: z.number().nullable(),
  state: z.enum(agentStates),
  channel: z.string().nullable(),
  reason: z.string().nullable(),
  since: z.string().nullable(),
  last_assigned_at: z.string().nullable(),
  group_ids: z.array(z.number()),
  skills: z.array(z.object({ name: z.string(), proficiency: z.number() })),
  capacity: perChannel,
  load: perChannel,
  offered: perChannel,
  utilisation: z.number(),
});

export const boardQuery = z.strictObject({ group_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });

export const queueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  group_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export const queueSchema = z.object({
  waiting: z.number(),
  by_group: z.array(z.object({ group_id: z.number().nullable(), waiting: z.number() })),
  data: z.array(
    z.object({
      ticket_id: z.number(),
      subject: z.string(),
      priority: z.string(),
      channel: z.string(),
      group_id: z.number().nullable(),
      tier: z.number(),
      requester: z.string(),
      organization: z.string().nullable(),
      value_tier: z.string(),
      top_tier: z.boolean(),
      account_owner_id: z.number().nullable(),
      required_skills: z.array(z.string()),
      waiting_seconds: z.number(),
      due_at: z.string().nullable(),
      score: z.number(),
      declined_by: z.array(z.number()),
    }),
  ),
});

export const capacityBody = z
  .strictObject({ voice: capacity.nullable().optional(), chat: capacity.nullable().optional(), email: capacity.nullable().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of voice, chat, email' });

export const capacitiesSchema = z.object({
  default: perChannel,
  overrides: z.array(
    z.object({ user_id: z.number().nullable(), group_id: z.number().nullable(), channel: z.string(), capacity: z.number() }),
  ),
});

export const offerSchema = z.object({
  id: z.number(),
  ticket_id: z.number(),
  user_id: z.number(),
  status: z.string(),
  reason: z.string().nullable(),
  subject: z.string(),
  priority: z.string(),
  channel: z.string(),
  offered_at: z.string(),
  expires_at: z.string(),
  responded_at: z.string().nullable(),
});

export const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

export const escalationBody = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
  tier: z.number().int().min(1).max(3).optional(),
  group_id: id.optional(),
});

export const tierChangeSchema = z.object({
  ticket_id: z.number(),
  from_tier: z.number(),
  to_tier: z.number(),
  group_id: z.number().nullable(),
  rule_id: z.number().nullable(),
  notified_user_ids: z.array(z.number()),
  assignee_id: z.number().nullable(),
});

const priority = z.enum(['p1', 'p2', 'p3', 'p4']);
const tier = z.number().int().min(1).max(3);

export const ruleBody = z.strictObject({
  position: z.number().int().min(0).max(10_000).optional(),
  category_id: id.nullable().optional(),
  priority: priority.nullable().optional(),
  from_tier: tier.nullable().optional(),
  to_tier: tier,
  group_id: id.nullable().optional(),
  notify_user_ids: z.array(id).max(50).optional(),
  on_breach: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const rulePatch = ruleBody.partial();

export const ruleSchema = z.object({
  id: z.number(),
  position: z.number(),
  category_id: z.number().nullable(),
  priority: z.string().nullable(),
  from_tier: z.number().nullable(),
  to_tier: z.number(),
  group_id: z.number().nullable(),
  notify_user_ids: z.array(z.number()),
  on_breach: z.boolean(),
  active: z.boolean(),
  updated_at: z.string(),
});

export const tierSharesQuery = inWindow(z.strictObject({ from: isoDate, to: isoDate }));

export const tierSharesSchema = z.object({
  from: z.string(),
  to: z.string(),
  solved: z.number(),
  tiers: z.array(z.object({ tier: z.number(), solved: z.number(), share: z.number() })),
  escalation_rate: z.number(),
  targets: z.object({ tier1_min: z.number(), tier1_max: z.number(), tier3_max: z.number() }),
});

export const revenueBody = z.strictObject({
  amount_cents: z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000),
  occurred_at: z.iso.datetime({ offset: true }).optional(),
  source: z.string().trim().min(1).max(40).optional(),
  reference: z.string().trim().min(1).max(200).optional(),
});

export const revenueSchema = z.object({
  id: z.number(),
  customer_id: z.number().nullable(),
  organization_id: z.number().nullable(),
  amount_cents: z.number(),
  customer_lifetime_value_cents: z.number().nullable(),
  organization_lifetime_value_cents: z.number().nullable(),
});

export const ownersBody = z.strictObject({ reassign: z.boolean().optional(), dry_run: z.boolean().optional() });

export const ownersSchema = z.object({
  data: z.array(
    z.object({
      organization_id: z.number(),
      organization: z.string(),
      lifetime_value_cents: z.number(),
      value_tier: z.string(),
      account_owner_id: z.number().nullable(),
      skill_score: z.number(),
      reason: z.string(),
    }),
  ),
});

export const pullSchema = z.object({ ticket_id: z.number().nullable() });
export const runSchema = z.object({
  routed: z.array(outcomeSchema),
  expired: z.array(outcomeSchema),
  escalated: z.array(tierChangeSchema),
});

const share = z.number().min(0).max(1);
const perChannelOptional = z.strictObject({
  voice: z.number().min(0).optional(),
  chat: z.number().min(0).optional(),
  email: z.number().min(0).optional(),
});

export const simulateBody = z
  .strictObject({
    roster: z
      .array(
        z.strictObject({
          count: z.number().int().min(1).max(2000),
          tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
          skills: z.record(z.string().max(80), z.number().int().min(1).max(5)).optional(),
          capacity: z.strictObject({ voice: capacity.optional(), chat: capacity.optional(), email: capacity.optional() }).optional(),
        }),
      )
      .min(1)
      .max(50),
    arrivals_per_hour: z.array(z.number().min(0).max(5000)).min(1).max(24),
    channel_mix: perChannelOptional.optional(),
    aht_seconds: z
      .strictObject({
        voice: z.number().min(1).max(86_400).optional(),
        chat: z.number().min(1).max(86_400).optional(),
        email: z.number().min(1).max(86_400).optional(),
      })
      .optional(),
    escalation: z.strictObject({ tier2: share, tier3: share }).optional(),
    skill_mix: z.record(z.string().max(80), share).optional(),
    tie_break: z.enum(['least_loaded', 'round_robin']).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
  })
  .refine((b) => b.roster.reduce((sum, r) => sum + r.count, 0) <= 2000, { message: 'at most 2,000 agents', path: ['roster'] })
  .refine((b) => b.arrivals_per_hour.reduce((sum, n) => sum + n, 0) <= 50_000, {
    message: 'at most 50,000 arrivals a day',
    path: ['arrivals_per_hour'],
  })
  .refine((b) => !b.channel_mix || Object.values(b.channel_mix).some((v) => (v ?? 0) > 0), {
    message: 'give at least one channel a share',
    path: ['channel_mix'],
  });

export const simulationSchema = z.object({
  arrivals: z.number(),
  handled: z.number(),
  still_waiting: z.number(),
  wait_seconds: z.object({ mean: z.number(), p50: z.number(), p90: z.number(), max: z.number() }),
  answered_within_60s: z.number(),
  occupancy: z.object({ mean: z.number(), min: z.number(), max: z.number(), spread: z.number(), stdev: z.number() }),
  tier_shares: z.array(z.object({ tier: z.number(), solved: z.number(), share: z.number() })),
  agents: z.number(),
});

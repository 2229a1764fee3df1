import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ (up to 40), starting with a letter');
const text = (max: number) => z.string().trim().min(1).max(max);
const dateOnly = z.iso.date();

export const itemSchema = z.strictObject({
  key,
  label: text(200),
  description: z.string().trim().max(1000).optional(),
  weight: z.number().positive().max(100),
  max_score: z.number().int().min(1).max(10).describe('the item is scored 0…max_score; 1 is pass/fail'),
  allow_na: z.boolean().optional(),
  auto_fail: z.boolean().optional().describe('scored 0, the whole review scores 0; must be pass/fail (max_score 1)'),
});

export const MIN_ITEMS = 15;
export const MAX_ITEMS = 25;

export const definitionSchema = z
  .strictObject({
    sections: z
      .array(z.strictObject({ key, title: text(120), items: z.array(itemSchema).min(1).max(MAX_ITEMS) }))
      .min(1)
      .max(10),
  })
  .superRefine((definition, issue) => {
    const items = definition.sections.flatMap((s) => s.items);
    if (items.length < MIN_ITEMS || items.length > MAX_ITEMS)
      issue.addIssue({
        code: 'custom',
        path: ['sections'],
        message: `a scorecard has ${MIN_ITEMS}–${MAX_ITEMS} items (this one has ${items.length})`,
      });
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.key)) issue.addIssue({ code: 'custom', path: ['sections'], message: `item key ${item.key} is used twice` });
      seen.add(item.key);
      if (item.auto_fail && item.max_score !== 1)
        issue.addIssue({ code: 'custom', path: ['sections'], message: `auto-fail item ${item.key} must be pass/fail (max_score 1)` });
    }
    const sectionKeys = definition.sections.map((s) => s.key);
    if (new Set(sectionKeys).size !== sectionKeys.length)
      issue.addIssue({ code: 'custom', path: ['sections'], message: 'section keys must differ' });
  });
export type DefinitionInput = z.infer<typeof definitionSchema>;

export const scorecardBody = z.strictObject({
  name: text(120),
  description: z.string().trim().max(1000).optional(),
  pass_score: z.number().min(0).max(100),
  definition: definitionSchema,
});
export const scorecardPatch = z.strictObject({
  name: text(120).optional(),
  description: z.string().trim().max(1000).optional(),
  active: z.boolean().optional(),
  is_default: z.literal(true).optional().describe('make this the scorecard used when none is named'),
});
export const newVersionBody = z.strictObject({ pass_score: z.number().min(0).max(100), definition: definitionSchema });

const itemView = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string().optional(),
  weight: z.number(),
  max_score: z.number(),
  allow_na: z.boolean().optional(),
  auto_fail: z.boolean().optional(),
});
export const definitionView = z.object({ sections: z.array(z.object({ key: z.string(), title: z.string(), items: z.array(itemView) })) });

export const versionSchema = z.object({
  id: z.number(),
  scorecard_id: z.number(),
  version: z.number(),
  pass_score: z.number(),
  definition: definitionView,
  item_count: z.number(),
  created_at: timestamp,
});
export const scorecardSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  is_default: z.boolean(),
  current_version: versionSchema,
  updated_at: timestamp,
});

export const versionParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, 'must be a positive integer')
    .transform(Number),
});

export const answerInput = z.strictObject({
  score: z.number().int().min(0).max(10).nullable().optional(),
  not_applicable: z.boolean().optional(),
  comment: z.string().trim().max(2000).optional(),
});
const answersInput = z.record(key, answerInput).refine((r) => Object.keys(r).length <= 100, 'too many answers');

export const createReviewBody = z.strictObject({
  ticket_id: id,
  agent_id: id.optional().describe("default: the ticket's assignee"),
  scorecard_id: id.optional().describe('default: the default scorecard (its current version)'),
  calibration_id: id.optional().describe('a calibration session you take part in'),
  queue_item_id: id.optional(),
  answers: answersInput.optional(),
  comment: z.string().trim().max(5000).optional(),
  submit: z.boolean().optional().describe('submit at once (every item must be scored or N/A)'),
});
export type CreateReviewInput = z.infer<typeof createReviewBody>;
export const updateReviewBody = z.strictObject({
  answers: answersInput.optional(),
  comment: z.string().trim().max(5000).optional(),
  submit: z.boolean().optional(),
});
export type UpdateReviewInput = z.infer<typeof updateReviewBody>;

const person = z.object({ id: z.number(), name: z.string() }).nullable();

export const disputeSchema = z.object({
  id: z.number(),
  review_id: z.number(),
  agent_id: z.number(),
  reason: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  resolution: z.string(),
  resolved_by: z.number().nullable(),
  created_at: timestamp,
  resolved_at: timestamp.nullable(),
});

export const reviewSchema = z.object({
  id: z.number(),
  ticket: z.object({ id: z.number(), subject: z.string(), channel: z.string() }),
  agent: person,
  reviewer: person,
  scorecard: z.object({ id: z.number(), name: z.string(), version: z.number(), version_id: z.number(), pass_score: z.number() }),
  definition: definitionView,
  calibration_id: z.number().nullable(),
  status: z.enum(['draft', 'submitted']),
  score: z.number().nullable(),
  auto_failed: z.boolean(),
  failed_items: z.array(z.string()),
  passed: z.boolean().nullable(),
  sections: z.array(
    z.object({ key: z.string(), title: z.string(), score: z.number().nullable(), earned: z.number(), possible: z.number() }),
  ),
  unanswered: z.array(z.string()),
  answers: z.record(z.string(), z.object({ score: z.number().nullable(), not_applicable: z.boolean(), comment: z.string() })),
  comment: z.string(),
  disputes: z.array(disputeSchema),
  created_at: timestamp,
  updated_at: timestamp,
  submitted_at: timestamp.nullable(),
});
export type ReviewView = z.infer<typeof reviewSchema>;

export const reviewSummarySchema = z.object({
  id: z.number(),
  ticket_id: z.number(),
  ticket_subject: z.string(),
  channel: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  reviewer_id: z.number(),
  reviewer_name: z.string(),
  scorecard_name: z.string(),
  scorecard_version: z.number(),
  calibration_id: z.number().nullable(),
  status: z.enum(['draft', 'submitted']),
  score: z.number().nullable(),
  auto_failed: z.boolean(),
  passed: z.boolean().nullable(),
  open_dispute: z.boolean(),
  submitted_at: timestamp.nullable(),
  updated_at: timestamp,
});

export const listReviewsQuery = z.object({
  agent_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  reviewer_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  ticket_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;

export const disputeBody = z.strictObject({ reason: text(5000) });
export const resolveDisputeBody = z.strictObject({
  status: z.enum(['accepted', 'rejected']),
  resolution: z.string().trim().max(5000).optional(),
});
export const listDisputesQuery = z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() });

// Sampling.
export const ruleKinds = ['random_per_agent', 'low_csat', 'escalated', 'new_hires'] as const;
export const ruleParams = z.strictObject({
  per_agent: z.number().int().min(0).max(100).optional().describe('random_per_agent, new_hires: conversations per agent and week'),
  max_score: z.number().int().min(1).max(5).optional().describe('low_csat: a CSAT at or below this'),
  tenure_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('new_hires: agents who joined less than this many days before the week'),
});
export const ruleBody = z.strictObject({
  name: text(120),
  kind: z.enum(ruleKinds),
  params: ruleParams.optional(),
  active: z.boolean().optional(),
});
export const rulePatch = z.strictObject({ name: text(120).optional(), params: ruleParams.optional(), active: z.boolean().optional() });
export const ruleSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ruleKinds),
  params: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  updated_at: timestamp,
});
export const runSamplingBody = z.strictObject({
  week: dateOnly.describe('any day of the week to sample (weeks start on Monday, UTC)'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .describe('the same seed and data pick the same conversations'),
  reviewer_ids: z.array(id).max(200).optional().describe('default: every active manager and head of support'),
});
export const queueItemSchema = z.object({
  id: z.number(),
  ticket_id: z.number(),
  ticket_subject: z.string(),
  channel: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  reviewer_id: z.number().nullable(),
  reason: z.string(),
  week: z.string(),
  status: z.enum(['pending', 'done', 'skipped']),
  review_id: z.number().nullable(),
});
export const samplingResultSchema = z.object({ week: z.string(), seed: z.number(), picked: z.array(queueItemSchema) });
export const queueQuery = z.object({
  reviewer: z.enum(['me', 'all', 'unassigned']).default('me'),
  status: z.enum(['pending', 'done', 'skipped']).default('pending'),
});

// Calibration.
export const calibrationBody = z.strictObject({
  ticket_id: id,
  title: text(200).optional(),
  reviewer_ids: z.array(id).min(2).max(50),
  reference_reviewer_id: id.optional().describe("whose scores are the reference (default: the organiser's, if taking part)"),
  scorecard_id: id.optional(),
});

// Coaching.
export const coachingBody = z.strictObject({
  agent_id: id,
  held_on: dateOnly,
  notes: z.string().trim().max(20_000).optional().describe('shared with the agent'),
  private_notes: z.string().trim().max(20_000).optional().describe("the coach's own; not shown to the agent"),
  review_ids: z.array(id).max(50).optional(),
  goals: z
    .array(z.strictObject({ title: text(300), due_on: dateOnly.optional() }))
    .max(20)
    .optional(),
});
export const coachingPatch = coachingBody.omit({ agent_id: true, goals: true }).partial();
export const goalBody = z.strictObject({ agent_id: id, title: text(300), due_on: dateOnly.optional(), session_id: id.optional() });
export const goalPatch = z.strictObject({
  title: text(300).optional(),
  due_on: dateOnly.nullable().optional(),
  status: z.enum(['open', 'achieved', 'dropped']).optional(),
});
export const goalSchema = z.object({
  id: z.number(),
  agent_id: z.number(),
  session_id: z.number().nullable(),
  title: z.string(),
  due_on: z.string().nullable(),
  status: z.enum(['open', 'achieved', 'dropped']),
  created_at: timestamp,
});
export const coachingSchema = z.object({
  id: z.number(),
  agent_id: z.number(),
  coach: person,
  held_on: z.string(),
  notes: z.string(),
  private_notes: z.string().optional(),
  review_ids: z.array(z.number()),
  goals: z.array(goalSchema),
  created_at: timestamp,
  updated_at: timestamp,
});
export const coachingListQuery = z.object({ agent_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });
export const trendQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(12) });
export const trendSchema = z.object({
  agent_id: z.number(),
  weeks: z.array(
    z.object({
      week: z.string(),
      reviews: z.number(),
      qa_score: z.number().nullable(),
      csat_responses: z.number(),
      csat: z.number().nullable(),
    }),
  ),
});

import { z } from 'zod';
import { id } from '../../platform/schemas.ts';
import { requesterInput } from '../customers/index.ts';
import { ticketStatuses } from './ticket-status.ts';

export const statusSchema = z.enum(ticketStatuses);
export const prioritySchema = z.enum(['p1', 'p2', 'p3', 'p4']);
export const typeSchema = z.enum(['question', 'incident', 'problem', 'task']);
export const channelSchema = z.enum(['email', 'web', 'chat', 'voice', 'api', 'messaging', 'social', 'portal']);

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}_\-:./]+$/u, 'letters, digits, _ - : . / only (no spaces)')
  .max(60);
const customFieldValues = z.record(z.string().max(60), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const body = z.string().trim().min(1, 'must not be empty').max(65_536);
const categoryRef = z.union([id, z.string().trim().min(1).max(200)]).describe('category id, path (billing/refunds) or slug');

export const createTicketBody = z.strictObject({
  subject: z.string().trim().min(1).max(250),
  description: body.describe('the first message; public'),
  requester: requesterInput.optional().describe('defaults to the caller for customers'),
  priority: prioritySchema.default('p3'),
  type: typeSchema.default('question'),
  status: z.enum(['new', 'open', 'pending', 'on_hold']).optional(),
  category: categoryRef.optional(),
  tags: z.array(tag).max(50).default([]),
  channel: channelSchema.optional(),
  custom_fields: customFieldValues.default({}),
  assignee_id: id.nullable().optional(),
  group_id: id.nullable().optional(),
  tier: z.number().int().min(1).max(3).optional(),
  attachment_ids: z.array(id).max(20).optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const updateTicketBody = z.strictObject({
  subject: z.string().trim().min(1).max(250).optional(),
  status: statusSchema.optional(),
  priority: prioritySchema.optional(),
  type: typeSchema.optional(),
  assignee_id: id.nullable().optional(),
  group_id: id.nullable().optional(),
  tier: z.number().int().min(1).max(3).optional(),
  category: categoryRef.nullable().optional(),
  category_id: id.nullable().optional(),
  tags: z.array(tag).max(50).optional(),
  add_tags: z.array(tag).max(50).optional(),
  remove_tags: z.array(tag).max(50).optional(),
  custom_fields: customFieldValues.optional(),
  resolution_code: z.string().trim().max(60).nullable().optional(),
  version: z.number().int().positive().optional().describe('the version you read; a stale one answers 409'),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

const person = z.object({ id: z.number(), name: z.string() });

export const ticketSchema = z.object({
  id,
  subject: z.string(),
  status: statusSchema,
  priority: prioritySchema,
  type: typeSchema,
  channel: z.string(),
  requester_id: z.number(),
  requester: person.extend({ email: z.string().nullable() }),
  organization_id: z.number().nullable(),
  assignee_id: z.number().nullable(),
  assignee: person.nullable(),
  group_id: z.number().nullable(),
  tier: z.number(),
  category_id: z.number().nullable(),
  category: z.object({ id: z.number(), name: z.string(), path: z.string() }).nullable(),
  predicted_category: z
    .object({ id: z.number(), name: z.string(), path: z.string() })
    .nullable()
    .describe('the category intake predicted for a ticket that arrived without one'),
  predicted_confidence: z.number().nullable().describe("the prediction's confidence, 0 to 1"),
  predicted_priority: z.string().nullable().describe('the priority urgency cues in the text call for (p1 = system down)'),
  language: z.string().nullable().describe("the first message's language, two-letter code"),
  sentiment: z.number().nullable().describe('frustration from 0 (calm) to 1'),
  tags: z.array(z.string()),
  custom_fields: z.record(z.string(), z.unknown()),
  resolution_code: z.string().nullable(),
  merged_into_id: z.number().nullable(),
  follow_up_of_id: z.number().nullable(),
  version: z.number(),
  first_response_at: z.string().nullable(),
  solved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  sla: z
    .object({ target: z.string(), due_at: z.string() })
    .nullable()
    .describe('the next SLA deadline (the earliest ticking clock, overdue included); null without one, and always for customers'),
});
export type TicketView = z.infer<typeof ticketSchema>;

export const listTicketsQuery = z.object({
  q: z.string().max(1000).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const createCommentBody = z.strictObject({
  body,
  public: z.boolean().default(true),
  status: statusSchema.optional().describe('submit as: the status to set with this comment (agents)'),
  resolution_code: z.string().trim().max(60).optional().describe('with status solved: how it was resolved'),
  attachment_ids: z.array(id).max(20).optional(),
  channel: channelSchema.optional(),
});
export type CreateCommentInput = z.infer<typeof createCommentBody>;

export const attachmentSchema = z.object({
  id,
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.number(),
  url: z.string(),
});

export const authorSchema = z.object({
  type: z.enum(['agent', 'customer', 'system']),
  id: z.number().nullable(),
  name: z.string(),
});

export const commentSchema = z.object({
  id,
  ticket_id: z.number(),
  body: z.string(),
  public: z.boolean(),
  channel: z.string(),
  author: authorSchema,
  attachments: z.array(attachmentSchema),
  created_at: z.string(),
});
export type CommentView = z.infer<typeof commentSchema>;

export const eventSchema = z.object({
  id,
  ticket_id: z.number(),
  type: z.string(),
  field: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  comment_id: z.number().nullable(),
  actor: authorSchema.nullable(),
  channel: z.string().nullable(),
  created_at: z.string(),
});

export const mergeTicketBody = z.strictObject({
  target_id: id.describe('the ticket this one is merged into; this one is closed'),
});

export const linkKind = z.enum(['related', 'duplicate', 'parent', 'child']);
export const createLinkBody = z.strictObject({ target_id: id, kind: linkKind });
export const linkSchema = z.object({
  id,
  kind: linkKind.or(z.literal('follow_up')).or(z.literal('follow_up_of')),
  ticket_id: z.number(),
  subject: z.string(),
  status: statusSchema,
  created_at: z.string(),
});

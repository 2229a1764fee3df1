import { z } from 'zod';
import { zendeskPriorities, zendeskStatuses } from './zendesk.mapping.ts';

/**
 * Zendesk request bodies. Unlike /api/v1 these are not strict: Zendesk ignores fields it does not
 * know, and existing integrations send many (brand_id, collaborators…), so unknown fields are dropped.
 */
const id = z.number().int().positive();
const comment = z.object({
  body: z.string().trim().min(1).max(65_536).optional(),
  html_body: z.string().trim().min(1).max(65_536).optional(),
  public: z.boolean().optional(),
});
const customFields = z.array(z.object({ id, value: z.unknown() })).max(200);
const tag = z.string().trim().toLowerCase().min(1).max(60);

export const zendeskTicketCreate = z.object({
  subject: z.string().trim().min(1).max(250).optional(),
  description: z.string().trim().min(1).max(65_536).optional(),
  comment: comment.optional(),
  requester_id: id.optional(),
  requester: z.object({ name: z.string().trim().min(1).max(200).optional(), email: z.email().max(254) }).optional(),
  priority: z.enum(zendeskPriorities).nullable().optional(),
  status: z.enum(zendeskStatuses).optional(),
  type: z.enum(['question', 'incident', 'problem', 'task']).nullable().optional(),
  tags: z.array(tag).max(50).optional(),
  custom_fields: customFields.optional(),
  assignee_id: id.nullable().optional(),
  group_id: id.nullable().optional(),
  external_id: z.string().max(255).nullable().optional(),
});
export type ZendeskTicketCreate = z.infer<typeof zendeskTicketCreate>;

export const zendeskTicketUpdate = z.object({
  subject: z.string().trim().min(1).max(250).optional(),
  comment: comment.optional(),
  priority: z.enum(zendeskPriorities).optional(),
  status: z.enum(zendeskStatuses).optional(),
  type: z.enum(['question', 'incident', 'problem', 'task']).optional(),
  tags: z.array(tag).max(50).optional(),
  custom_fields: customFields.optional(),
  assignee_id: id.nullable().optional(),
  group_id: id.nullable().optional(),
  safe_update: z.boolean().optional(),
  updated_stamp: z.string().max(40).optional(),
});
export type ZendeskTicketUpdate = z.infer<typeof zendeskTicketUpdate>;

export const zendeskOrganizationCreate = z.object({
  name: z.string().trim().min(1).max(200),
  domain_names: z.array(z.string().trim().toLowerCase()).max(50).optional(),
  notes: z.string().max(10_000).optional(),
});

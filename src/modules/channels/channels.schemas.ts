import { z } from 'zod';
import { pageQuery } from '../../platform/pagination.ts';
import { id, timestamp } from '../../platform/schemas.ts';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');
const hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or IP address');
const folder = z.string().trim().min(1).max(200);

export const supportAddressBody = z.strictObject({
  email,
  name: z.string().trim().max(200).default(''),
  group_id: id.nullable().default(null),
  active: z.boolean().default(true),
});
export const supportAddressPatch = z.strictObject({
  name: z.string().trim().max(200).optional(),
  group_id: id.nullable().optional(),
  active: z.boolean().optional(),
});
export const supportAddressSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  group_id: z.number().nullable(),
  active: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const mailboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  host: hostname,
  port: z.number().int().min(1).max(65535).default(993),
  tls: z.boolean().default(true),
  username: z.string().min(1).max(254),
  password: z.string().min(1).max(1000).describe('write-only: never returned'),
  folder: folder.default('INBOX'),
  processed_folder: folder.nullable().default(null).describe('move processed mail here; when null, processed mail is marked \\Seen'),
  support_address_id: id.nullable().default(null),
  active: z.boolean().default(true),
});
export const mailboxPatch = mailboxBody.partial();
export const mailboxSchema = z.object({
  id,
  name: z.string(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  username: z.string(),
  folder: z.string(),
  processed_folder: z.string().nullable(),
  support_address_id: z.number().nullable(),
  active: z.boolean(),
  last_uid: z.number(),
  last_polled_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const messagingKind = z.enum(['whatsapp', 'sms', 'messenger', 'generic']);
export const connectionBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: messagingKind,
  outbound_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null)
    .describe("the provider's send endpoint"),
  join_window_minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(1440),
  group_id: id.nullable().default(null),
  active: z.boolean().default(true),
});
export const connectionPatch = connectionBody.partial();
export const connectionSchema = z.object({
  id,
  name: z.string(),
  kind: messagingKind,
  outbound_url: z.string().nullable(),
  join_window_minutes: z.number(),
  group_id: z.number().nullable(),
  active: z.boolean(),
  inbound_url: z.string(),
  secret: z.string().optional().describe('shown once, when the connection is created or its secret rotated'),
  created_at: timestamp,
  updated_at: timestamp,
});

export const inboundStatus = z.enum(['received', 'processed', 'ignored', 'failed']);
export const inboundListQuery = pageQuery.extend({ status: inboundStatus.optional() });
export const inboundEmailSchema = z.object({
  id,
  source: z.enum(['smtp', 'imap']),
  mailbox_id: z.number().nullable(),
  mail_from: z.string().nullable(),
  rcpt_to: z.array(z.string()),
  message_id: z.string().nullable(),
  subject: z.string().nullable(),
  size_bytes: z.number(),
  status: inboundStatus,
  flag: z.string().nullable(),
  error: z.string().nullable(),
  ticket_id: z.number().nullable(),
  comment_id: z.number().nullable(),
  attempts: z.number(),
  received_at: timestamp,
  processed_at: z.string().nullable(),
});

export const channelMessageSchema = z.object({
  comment_id: id,
  ticket_id: z.number(),
  channel: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  source: z.string(),
  external_id: z.string().nullable(),
  full_text: z.string(),
  html: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  created_at: timestamp,
});

export const commentIdParam = z.object({
  comment_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
});

import { z } from 'zod';

const id = z.number().int().positive();
export const chatBody = z.string().trim().min(1).max(2000);
const clientId = z.string().min(1).max(64);

export const startBody = z.strictObject({
  widget: z.string().min(1).max(60).default('default'),
  token: z.string().min(20).max(100).optional().describe('the visitor token from an earlier visit'),
  name: z.string().trim().min(1).max(120).optional(),
  email: z.string().trim().email().max(254).optional(),
  topic: z.string().trim().min(1).max(120).optional(),
});
export type StartInput = z.infer<typeof startBody>;

export const offlineBody = z.strictObject({
  widget: z.string().min(1).max(60).default('default'),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  topic: z.string().trim().min(1).max(120).optional(),
  message: z.string().trim().min(1).max(5000),
});
export type OfflineInput = z.infer<typeof offlineBody>;

export const postMessageBody = z.strictObject({ body: chatBody, client_id: clientId.optional() });
export const afterSeqQuery = z.strictObject({ after_seq: z.coerce.number().int().min(0).default(0) });
export const transferBody = z
  .strictObject({ agent_id: id.optional(), group_id: id.optional(), tier: z.number().int().min(1).max(3).optional() })
  .refine(
    (v) => [v.agent_id, v.group_id, v.tier].filter((x) => x !== undefined).length === 1,
    'give exactly one of agent_id, group_id, tier',
  );
export const endBody = z.strictObject({ wrap_up: z.string().trim().max(2000).optional() });
export const csatBody = z.strictObject({ score: z.number().int().min(1).max(5) });
export const widgetPatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  bot_enabled: z.boolean().optional(),
  bot_threshold: z.number().min(0).max(10).optional(),
  greeting: z.string().trim().min(1).max(500).optional(),
});
export const statsQuery = z.strictObject({ from: z.coerce.date().optional(), to: z.coerce.date().optional() });

export const messageSchema = z.object({
  conversation_id: z.number(),
  seq: z.number(),
  author: z.enum(['visitor', 'agent', 'bot', 'system']),
  author_user_id: z.number().nullable(),
  client_id: z.string().nullable(),
  body: z.string(),
  created_at: z.string(),
});
export type MessageView = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id: z.number(),
  status: z.enum(['bot', 'queued', 'active', 'ended']),
  visitor_name: z.string().nullable(),
  visitor_email: z.string().nullable(),
  topic: z.string().nullable(),
  ticket_id: z.number().nullable(),
  agent_user_id: z.number().nullable(),
  last_seq: z.number(),
  visitor_read_seq: z.number(),
  agent_read_seq: z.number(),
  handed_off: z.boolean(),
  created_at: z.string(),
  ended_at: z.string().nullable(),
});
export type ConversationView = z.infer<typeof conversationSchema>;

export const widgetSchema = z.object({
  key: z.string(),
  name: z.string(),
  bot_enabled: z.boolean(),
  bot_threshold: z.number(),
  greeting: z.string(),
  online: z.boolean(),
});

/** What a WebSocket client sends: a message (with its own id, resent until acknowledged), typing, or a read receipt. */
export const socketMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), client_id: clientId, body: chatBody, conversation_id: id.optional() }),
  z.strictObject({ type: z.literal('typing'), conversation_id: id.optional() }),
  z.strictObject({ type: z.literal('read'), seq: z.number().int().min(0), conversation_id: id.optional() }),
  z.strictObject({ type: z.literal('resume'), after_seq: z.number().int().min(0), conversation_id: id.optional() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type SocketMessage = z.infer<typeof socketMessage>;

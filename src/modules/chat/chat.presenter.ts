import type { ConversationRow, MessageRow } from './chat.repository.ts';
import type { ConversationView, MessageView } from './chat.schemas.ts';

export const presentMessage = (m: MessageRow): MessageView => ({
  conversation_id: m.conversation_id,
  seq: m.seq,
  author: m.author,
  author_user_id: m.author_user_id,
  client_id: m.client_id,
  body: m.body,
  created_at: m.created_at.toISOString(),
});

export const presentConversation = (c: ConversationRow): ConversationView => ({
  id: c.id,
  status: c.status,
  visitor_name: c.visitor_name,
  visitor_email: c.visitor_email,
  topic: c.topic,
  ticket_id: c.ticket_id,
  agent_user_id: c.agent_user_id,
  last_seq: c.last_seq,
  visitor_read_seq: c.visitor_read_seq,
  agent_read_seq: c.agent_read_seq,
  handed_off: c.handed_off,
  created_at: c.created_at.toISOString(),
  ended_at: c.ended_at ? c.ended_at.toISOString() : null,
});

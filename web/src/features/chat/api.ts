import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

/* Shapes of the chat endpoints (see /api/v1/openapi.json, tag "chat"). */

export type ChatStatus = 'bot' | 'queued' | 'active' | 'ended';

export interface Conversation {
  id: number;
  status: ChatStatus;
  visitor_name: string | null;
  visitor_email: string | null;
  topic: string | null;
  ticket_id: number | null;
  agent_user_id: number | null;
  last_seq: number;
  visitor_read_seq: number;
  agent_read_seq: number;
  handed_off: boolean;
  created_at: string;
  ended_at: string | null;
}

export interface ChatMessage {
  conversation_id: number;
  seq: number;
  author: 'visitor' | 'agent' | 'bot' | 'system';
  author_user_id: number | null;
  client_id: string | null;
  body: string;
  created_at: string;
}

export interface Inbox {
  offers: Conversation[];
  active: Conversation[];
  capacity: number;
}

export interface Macro {
  id: number;
  name: string;
  reply: { body: string; public: boolean } | null;
}

export const useInbox = () => useQuery({ queryKey: ['chat', 'inbox'], queryFn: () => api.get<Inbox>('/api/v1/chat/inbox') });

export const useCannedResponses = () =>
  useQuery({
    queryKey: ['macros', 'canned'],
    queryFn: async () => (await api.get<{ data: Macro[] }>('/api/v1/macros')).data.filter((m) => m.reply !== null),
    staleTime: 60_000,
  });

export const fetchMessages = (id: number, afterSeq: number) =>
  api.get<{ data: ChatMessage[] }>(`/api/v1/chat/conversations/${id}/messages`, { after_seq: afterSeq });

export function useChatAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'accept' | 'decline' | 'transfer' | 'end'; body?: unknown }) =>
      api.post<Conversation>(`/api/v1/chat/conversations/${id}/${action}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: ['chat', 'inbox'] }),
  });
}

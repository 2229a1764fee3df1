import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, type Page, setCsrfToken } from '../../app/api.ts';
import { sessionKey } from '../../app/auth.tsx';
import type { Session } from '../../app/types.ts';
import type { Comment, Ticket } from '../tickets/types.ts';

/** A request as the portal reads it: the ticket, plus the link to the closed request it follows up. */
export type PortalTicket = Ticket & { follow_up_of_id?: number | null };

export interface Category {
  id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  path: string;
  active: boolean;
  position: number;
}

export type CustomFieldType = 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';

export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
}

export interface NewRequest {
  subject: string;
  description: string;
  category?: number;
  custom_fields?: Record<string, string | number | boolean>;
  attachment_ids?: number[];
}

export const portalKeys = {
  all: ['portal'] as const,
  lists: () => ['portal', 'requests'] as const,
  list: (q: string) => ['portal', 'requests', q] as const,
  request: (id: number) => ['portal', 'request', id] as const,
  comments: (id: number) => ['portal', 'request', id, 'comments'] as const,
};

const PAGE_SIZE = 25;

/** The signed-in customer's requests (the API only returns their own), most recently updated first. */
export function useMyRequests(q: string) {
  return useInfiniteQuery({
    queryKey: portalKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PortalTicket>>('/api/v1/tickets', { q: q || undefined, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useRequest(id: number) {
  return useQuery({
    queryKey: portalKeys.request(id),
    queryFn: ({ signal }) => api.get<PortalTicket>(`/api/v1/tickets/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
    // Answers arrive while the customer reads: look again now and then (only while the tab is visible).
    refetchInterval: 30_000,
  });
}

export function useRequestComments(id: number) {
  return useQuery({
    queryKey: portalKeys.comments(id),
    queryFn: async ({ signal }) => {
      const comments: Comment[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await api.get<Page<Comment>>(`/api/v1/tickets/${id}/comments`, { limit: 100, cursor }, signal);
        comments.push(...page.data);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return comments;
    },
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: 30_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api.get<{ data: Category[] }>('/api/v1/categories', undefined, signal),
    select: (page) => page.data,
    staleTime: 5 * 60_000,
  });
}

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/api/v1/custom-fields', undefined, signal),
    select: (page) => page.data,
    staleTime: 5 * 60_000,
  });
}

export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NewRequest) => api.post<PortalTicket>('/api/v1/tickets', request),
    onSuccess: (ticket) => {
      queryClient.setQueryData(portalKeys.request(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: portalKeys.lists() });
    },
  });
}

/** Posts a public reply. On a closed request the comment lands in a new follow-up request (its `ticket_id`). */
export function useReply(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reply: { body: string; attachment_ids?: number[] }) =>
      api.post<Comment>(`/api/v1/tickets/${id}/comments`, { ...reply, public: true }),
    onSuccess: (comment) => {
      if (comment.ticket_id === id) {
        queryClient.setQueryData<Comment[]>(portalKeys.comments(id), (old) =>
          old && !old.some((c) => c.id === comment.id) ? [...old, comment] : old,
        );
      }
      void queryClient.invalidateQueries({ queryKey: portalKeys.request(id) });
      void queryClient.invalidateQueries({ queryKey: portalKeys.lists() });
    },
  });
}

/** Makes a session answered by sign-up or a sign-in link the current one (as `signIn` does for passwords). */
export function useAdoptSession(): (session: Session) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (session: Session) => {
      setCsrfToken(session.csrf_token);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );
}

export const portalAuth = {
  signUp: (body: { name: string; email: string; password: string }) => api.post<Session>('/api/v1/portal/sign-up', body),
  sendLink: (email: string) => api.post<{ detail: string }>('/api/v1/portal/sign-in-link', { email }),
  redeem: (token: string) => api.post<Session>('/api/v1/portal/sign-in-link/redeem', { token }),
};

/** Turns what a customer types into the search language: every word must appear, and nothing is syntax. */
export function customerSearch(text: string): string {
  return text
    .replaceAll('"', ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 12)
    .map((word) => `"${word}"`)
    .join(' ');
}

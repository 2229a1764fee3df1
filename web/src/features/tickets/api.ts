import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';
import type { Group, User } from '../../app/types.ts';
import type { Comment, NewComment, Ticket, TicketEvent, TicketPatch } from './types.ts';

export const PAGE_SIZE = 50;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (q: string) => ['tickets', 'list', q] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  comments: (id: number) => ['tickets', 'detail', id, 'comments'] as const,
  events: (id: number) => ['tickets', 'detail', id, 'events'] as const,
};

export function useTicketSearch(q: string) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(q),
    queryFn: ({ pageParam, signal }) => api.get<Page<Ticket>>('/api/v1/tickets', { q, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => api.get<Ticket>(`/api/v1/tickets/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Reads every page: a conversation is shown whole. */
async function readAll<T>(path: string, limit: number, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await api.get<Page<T>>(path, { limit, cursor }, signal);
    items.push(...page.data);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

export function useComments(id: number) {
  return useQuery({
    queryKey: ticketKeys.comments(id),
    queryFn: ({ signal }) => readAll<Comment>(`/api/v1/tickets/${id}/comments`, 100, signal),
  });
}

export function useEvents(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.events(id),
    queryFn: ({ signal }) => readAll<TicketEvent>(`/api/v1/tickets/${id}/events`, 500, signal),
    enabled,
  });
}

export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'agents'],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/v1/users', { agents: true, limit: 500 }, signal),
    select: (page) => page.data.filter((user) => user.active).sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useGroups(enabled: boolean) {
  return useQuery({
    queryKey: ['groups'],
    queryFn: ({ signal }) => api.get<{ data: Group[] }>('/api/v1/groups', undefined, signal),
    select: (page) => [...page.data].sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useUpdateTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: TicketPatch & { version: number }) => api.patch<Ticket>(`/api/v1/tickets/${id}`, patch),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.events(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

export function useAddComment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: NewComment) => api.post<Comment>(`/api/v1/tickets/${id}/comments`, comment),
    onSuccess: (comment) => {
      queryClient.setQueryData<Comment[]>(ticketKeys.comments(id), (old) =>
        old && !old.some((c) => c.id === comment.id) ? [...old, comment] : old,
      );
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

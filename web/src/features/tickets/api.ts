import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, currentCsrfToken, type Page, toApiError, ApiError } from '../../app/api.ts';
import type { Group, User } from '../../app/types.ts';
import type {
  Attachment,
  BulkResult,
  Category,
  Comment,
  Customer,
  CustomField,
  NewComment,
  NewTicket,
  Organization,
  ResolutionCode,
  SavedView,
  Ticket,
  TicketEvent,
  TicketLink,
  TicketPatch,
} from './types.ts';

export const PAGE_SIZE = 50;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (q: string) => ['tickets', 'list', q] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  comments: (id: number) => ['tickets', 'detail', id, 'comments'] as const,
  events: (id: number) => ['tickets', 'detail', id, 'events'] as const,
  links: (id: number) => ['tickets', 'detail', id, 'links'] as const,
  byRequester: (customerId: number) => ['tickets', 'requester', customerId] as const,
};

export const viewKeys = { all: ['views'] as const };

export function useTicketSearch(q: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(q),
    queryFn: ({ pageParam, signal }) => api.get<Page<Ticket>>('/api/v1/tickets', { q, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
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

export function useLinks(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.links(id),
    queryFn: ({ signal }) => api.get<{ data: TicketLink[] }>(`/api/v1/tickets/${id}/links`, undefined, signal),
    select: (page) => page.data,
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

// ---------------------------------------------------------------------------------------------
// Configuration the ticket screens need: taxonomy, custom fields, resolution codes, settings.

const configStale = 10 * 60_000;

export function useCategories(enabled = true) {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api.get<{ data: Category[] }>('/api/v1/categories', undefined, signal),
    select: (page) => page.data,
    staleTime: configStale,
    enabled,
  });
}

export function useCustomFields(enabled = true) {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/api/v1/custom-fields', undefined, signal),
    select: (page) => page.data.filter((field) => field.active).sort((a, b) => a.position - b.position || a.id - b.id),
    staleTime: configStale,
    enabled,
  });
}

export function useResolutionCodes(enabled = true) {
  return useQuery({
    queryKey: ['resolution-codes'],
    queryFn: ({ signal }) => api.get<{ data: ResolutionCode[] }>('/api/v1/resolution-codes', undefined, signal),
    select: (page) => page.data,
    staleTime: configStale,
    enabled,
  });
}

export function useTicketSettings(enabled = true) {
  return useQuery({
    queryKey: ['settings', 'tickets'],
    queryFn: ({ signal }) => api.get<{ resolution_code_required: boolean }>('/api/v1/settings/tickets', undefined, signal),
    staleTime: configStale,
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------
// The requester: customer record, organization, recent tickets.

export function useCustomer(id: number | null | undefined) {
  return useQuery({
    queryKey: ['customers', id],
    queryFn: ({ signal }) => api.get<Customer>(`/api/v1/customers/${id}`, undefined, signal),
    enabled: typeof id === 'number' && id > 0,
    staleTime: 60_000,
  });
}

export function useOrganization(id: number | null | undefined) {
  return useQuery({
    queryKey: ['organizations', id],
    queryFn: ({ signal }) => api.get<Organization>(`/api/v1/organizations/${id}`, undefined, signal),
    enabled: typeof id === 'number' && id > 0,
    staleTime: 5 * 60_000,
  });
}

export function useRequesterTickets(customerId: number | null | undefined, limit = 6) {
  return useQuery({
    queryKey: typeof customerId === 'number' ? ticketKeys.byRequester(customerId) : ['tickets', 'requester', 'none'],
    queryFn: ({ signal }) => api.get<Page<Ticket>>('/api/v1/tickets', { q: `requester:${customerId}`, limit }, signal),
    enabled: typeof customerId === 'number' && customerId > 0,
  });
}

/** Any user by id (the actor of a live change may be someone outside the agent list). */
export function useUser(id: number | null | undefined) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: ({ signal }) => api.get<User>(`/api/v1/users/${id}`, undefined, signal),
    enabled: typeof id === 'number' && id > 0,
    staleTime: 30 * 60_000,
  });
}

// ---------------------------------------------------------------------------------------------
// Changes.

export function useUpdateTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: TicketPatch & { version: number }) => api.patch<Ticket>(`/api/v1/tickets/${id}`, patch),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.events(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: viewKeys.all });
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
      void queryClient.invalidateQueries({ queryKey: viewKeys.all });
    },
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticket: NewTicket) => api.post<Ticket>('/api/v1/tickets', ticket),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: viewKeys.all });
    },
  });
}

export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: number[]; changes: Omit<TicketPatch, 'tags'> }) =>
      api.post<{ data: BulkResult[] }>('/api/v1/tickets/bulk', input).then((response) => response.data),
    onSuccess: (results) => {
      for (const result of results) if (result.ticket) queryClient.setQueryData(ticketKeys.detail(result.id), result.ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: viewKeys.all });
    },
  });
}

/** Merges each source into the target one by one, so one refusal does not hide the others. */
export function useMergeTickets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ sourceIds, targetId }: { sourceIds: number[]; targetId: number }): Promise<BulkResult[]> => {
      const results: BulkResult[] = [];
      for (const id of sourceIds) {
        try {
          await api.post<Ticket>(`/api/v1/tickets/${id}/merge`, { target_id: targetId });
          results.push({ id, ok: true });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          results.push({ id, ok: false, error: { code: error.code, detail: error.detail } });
        }
      }
      return results;
    },
    onSettled: (_results, _error, { sourceIds, targetId }) => {
      for (const id of [...sourceIds, targetId]) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: viewKeys.all });
    },
  });
}

/** Uploads one file for a ticket; it becomes part of the message that names its id. */
export async function uploadAttachment(ticketId: number, file: File, signal?: AbortSignal): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = currentCsrfToken();
  let response: Response;
  try {
    response = await fetch(`/api/v1/tickets/${ticketId}/attachments`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', ...(token ? { 'x-csrf-token': token } : {}) },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach Frontline. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as Attachment;
}

// ---------------------------------------------------------------------------------------------
// Saved views.

export function useViews(enabled = true) {
  return useQuery({
    queryKey: viewKeys.all,
    queryFn: ({ signal }) => api.get<{ data: SavedView[] }>('/api/v1/views', undefined, signal),
    select: (page) => page.data,
    staleTime: 30_000,
    enabled,
  });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id?: number; name: string; query: string; shared?: boolean }) =>
      id === undefined
        ? api.post<SavedView>('/api/v1/views', input)
        : api.patch<SavedView>(`/api/v1/views/${id}`, { name: input.name, query: input.query }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/views/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

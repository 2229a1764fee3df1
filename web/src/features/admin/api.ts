import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';
import type { Role } from '../../app/types.ts';

/* Shapes of the admin endpoints (see /api/v1/openapi.json). */

export interface AdminUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  tier: number | null;
  languages: string[];
  time_zone: string;
  active: boolean;
  customer_id: number | null;
  skills: { name: string; proficiency: number }[];
  group_ids: number[];
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export type UserInput = Partial<{
  email: string;
  name: string;
  role: Role;
  password: string;
  tier: number | null;
  languages: string[];
  time_zone: string;
  skills: { name: string; proficiency: number }[];
  group_ids: number[];
  active: boolean;
}>;

export interface AdminGroup {
  id: number;
  name: string;
  description: string;
  tier: number | null;
  member_ids: number[];
  created_at: string;
  updated_at: string;
}

export type GroupInput = Partial<{ name: string; description: string; tier: number | null; member_ids: number[] }>;

export interface Category {
  id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  path: string;
  active: boolean;
  position: number;
}

export type FieldType = 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';

export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
}

export interface ResolutionCode {
  code: string;
  label: string;
  active: boolean;
}

export interface ApiToken {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEntry {
  id: number;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export const adminKeys = {
  users: (filter: { q: string; role: string }) => ['admin', 'users', filter] as const,
  allUsers: ['admin', 'users'] as const,
  directory: ['admin', 'directory'] as const,
  groups: ['groups'] as const,
  categories: ['categories'] as const,
  customFields: ['custom-fields'] as const,
  resolutionCodes: ['admin', 'resolution-codes'] as const,
  ticketSettings: ['admin', 'settings', 'tickets'] as const,
  tokens: (userId: number | null) => ['admin', 'tokens', userId] as const,
  audit: (filter: Record<string, string>) => ['admin', 'audit', filter] as const,
};

/* Users ------------------------------------------------------------------------------------- */

export function useUsers(filter: { q: string; role: string }) {
  return useInfiniteQuery({
    queryKey: adminKeys.users(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AdminUser>>(
        '/api/v1/users',
        {
          q: filter.q || undefined,
          // No role: the team only; 'everyone' includes customers.
          role: filter.role && filter.role !== 'everyone' ? filter.role : undefined,
          agents: filter.role ? undefined : true,
          limit: 100,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** Every user (agents and customers) by id, to name actors, members and token owners. */
export function useDirectory(enabled = true) {
  return useQuery({
    queryKey: adminKeys.directory,
    queryFn: async ({ signal }) => {
      const users: AdminUser[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await api.get<Page<AdminUser>>('/api/v1/users', { limit: 500, cursor }, signal);
        users.push(...page.data);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return users;
    },
    staleTime: 60_000,
    enabled,
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: UserInput }) =>
      id ? api.patch<AdminUser>(`/api/v1/users/${id}`, input) : api.post<AdminUser>('/api/v1/users', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.directory });
      void queryClient.invalidateQueries({ queryKey: adminKeys.groups });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

/* Groups ------------------------------------------------------------------------------------ */

export function useAdminGroups() {
  return useQuery({
    queryKey: adminKeys.groups,
    queryFn: ({ signal }) => api.get<{ data: AdminGroup[] }>('/api/v1/groups', undefined, signal),
    select: (page) => [...page.data].sort((a, b) => a.name.localeCompare(b.name)),
  });
}

export function useSaveGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: GroupInput }) =>
      id ? api.patch<AdminGroup>(`/api/v1/groups/${id}`, input) : api.post<AdminGroup>('/api/v1/groups', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.groups });
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.directory });
    },
  });
}

/* Taxonomy ---------------------------------------------------------------------------------- */

export function useAdminCategories() {
  return useQuery({
    queryKey: adminKeys.categories,
    queryFn: ({ signal }) => api.get<{ data: Category[] }>('/api/v1/categories', undefined, signal),
    select: (page) => page.data,
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: Partial<{ name: string; parent_id: number | null; active: boolean }> }) =>
      id ? api.patch<Category>(`/api/v1/categories/${id}`, input) : api.post<Category>('/api/v1/categories', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.categories }),
  });
}

/* Custom fields ----------------------------------------------------------------------------- */

export function useAdminCustomFields() {
  return useQuery({
    queryKey: adminKeys.customFields,
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/api/v1/custom-fields', undefined, signal),
    select: (page) => [...page.data].sort((a, b) => a.position - b.position || a.id - b.id),
  });
}

export type CustomFieldInput = Partial<Pick<CustomField, 'key' | 'label' | 'type' | 'options' | 'required' | 'active'>>;

export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: CustomFieldInput }) =>
      id ? api.patch<CustomField>(`/api/v1/custom-fields/${id}`, input) : api.post<CustomField>('/api/v1/custom-fields', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.customFields }),
  });
}

/* Resolution codes and ticket settings ------------------------------------------------------ */

export function useResolutionCodes() {
  return useQuery({
    queryKey: adminKeys.resolutionCodes,
    queryFn: ({ signal }) => api.get<{ data: ResolutionCode[] }>('/api/v1/resolution-codes', undefined, signal),
    select: (page) => page.data,
  });
}

/** Creates a code, or updates the label / active flag of an existing one (the API saves by code). */
export function useSaveResolutionCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: ResolutionCode) => api.post<ResolutionCode>('/api/v1/resolution-codes', code),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.resolutionCodes }),
  });
}

export function useTicketSettings() {
  return useQuery({
    queryKey: adminKeys.ticketSettings,
    queryFn: ({ signal }) => api.get<{ resolution_code_required: boolean }>('/api/v1/settings/tickets', undefined, signal),
  });
}

export function useSaveTicketSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: { resolution_code_required: boolean }) =>
      api.patch<{ resolution_code_required: boolean }>('/api/v1/settings/tickets', settings),
    onSuccess: (settings) => queryClient.setQueryData(adminKeys.ticketSettings, settings),
  });
}

/* API tokens -------------------------------------------------------------------------------- */

export function useTokens(userId: number | null) {
  return useQuery({
    queryKey: adminKeys.tokens(userId),
    queryFn: ({ signal }) => api.get<{ data: ApiToken[] }>('/api/v1/tokens', { user_id: userId ?? undefined }, signal),
    select: (page) => page.data,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; user_id?: number }) => api.post<ApiToken & { token: string }>('/api/v1/tokens', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<ApiToken>(`/api/v1/tokens/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'tokens'] }),
  });
}

/* Audit log --------------------------------------------------------------------------------- */

export function useAuditLog(filter: { entity_type: string; action: string; actor_user_id: string }) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEntry>>(
        '/api/v1/audit-log',
        {
          limit: 50,
          cursor: pageParam,
          entity_type: filter.entity_type || undefined,
          action: filter.action || undefined,
          actor_user_id: filter.actor_user_id || undefined,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useUser(id: number | null) {
  return useQuery({
    queryKey: ['admin', 'users', 'one', id],
    queryFn: ({ signal }) => api.get<AdminUser>(`/api/v1/users/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

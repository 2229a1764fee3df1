import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';

/* Shapes of the automation, macro and webhook endpoints (see /api/v1/openapi.json). */

export interface Condition {
  field: string;
  operator: string;
  value?: string | number | null | (string | number)[];
}
export interface Conditions {
  all: Condition[];
  any: Condition[];
}
export type Action = { type: string } & Record<string, unknown>;

export interface Trigger {
  id: number;
  name: string;
  description: string;
  active: boolean;
  position: number;
  conditions: Conditions;
  actions: Action[];
  updated_at: string;
}

export interface TimeCondition {
  since: 'created' | 'updated' | 'status_changed' | 'solved';
  hours: number;
  business_hours: boolean;
  calendar_id?: number;
}

export interface Automation extends Trigger {
  time_condition: TimeCondition;
}

export interface Macro {
  id: number;
  name: string;
  description: string;
  active: boolean;
  actions: Action[];
  reply: { body: string; public: boolean } | null;
  usage_count: number;
  updated_at: string;
}

export interface MacroPreview {
  macro_id: number;
  ticket_id: number;
  changes: Record<string, unknown>;
  reply: { body: string; public: boolean } | null;
}

export interface Webhook {
  id: number;
  name: string;
  url: string;
  event_types: string[];
  active: boolean;
  disabled_at: string | null;
  disabled_reason: string | null;
  consecutive_failures: number;
  disable_after_failures: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  created_at: string;
}

export interface Delivery {
  id: number;
  event_id: string;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log: { attempt: number; started_at: string; duration_ms: number; response_status: number | null; error: string | null }[];
}

export const webhookEventTypes = ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.solved', 'sla.warning', 'sla.breached'];

const keys = {
  triggers: ['automation', 'triggers'] as const,
  automations: ['automation', 'automations'] as const,
  macros: (all: boolean) => ['automation', 'macros', all] as const,
  webhooks: ['automation', 'webhooks'] as const,
  deliveries: (id: number) => ['automation', 'webhooks', id, 'deliveries'] as const,
};

export const useTriggers = () =>
  useQuery({ queryKey: keys.triggers, queryFn: ({ signal }) => api.get<{ data: Trigger[] }>('/api/v1/triggers', undefined, signal) });
export const useAutomations = () =>
  useQuery({
    queryKey: keys.automations,
    queryFn: ({ signal }) => api.get<{ data: Automation[] }>('/api/v1/automations', undefined, signal),
  });
export const useMacros = (includeInactive = false) =>
  useQuery({
    queryKey: keys.macros(includeInactive),
    queryFn: ({ signal }) =>
      api.get<{ data: Macro[] }>('/api/v1/macros', includeInactive ? { include_inactive: 'true' } : undefined, signal),
  });
export const useWebhooks = () =>
  useQuery({ queryKey: keys.webhooks, queryFn: ({ signal }) => api.get<{ data: Webhook[] }>('/api/v1/webhooks', undefined, signal) });
export const useDeliveries = (id: number | null) =>
  useQuery({
    queryKey: keys.deliveries(id ?? 0),
    queryFn: ({ signal }) => api.get<Page<Delivery>>(`/api/v1/webhooks/${id}/deliveries`, { limit: 20 }, signal),
    enabled: id !== null,
  });

type Kind = 'triggers' | 'automations' | 'macros' | 'webhooks';

/** Create (no id) or change (id) one rule of a kind; refreshes its list. */
export function useSaveRule<T>(kind: Kind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Record<string, unknown> }) =>
      id ? api.patch<T>(`/api/v1/${kind}/${id}`, body) : api.post<T>(`/api/v1/${kind}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automation'] }),
  });
}

export function useDeleteRule(kind: Kind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/${kind}/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automation'] }),
  });
}

export function useReorderTriggers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.put<{ data: Trigger[] }>('/api/v1/triggers/order', { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.triggers }),
  });
}

export function useWebhookAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'enable' | 'ping' }) => api.post(`/api/v1/webhooks/${id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automation'] }),
  });
}

export const previewMacro = (ticketId: number, macroId: number) =>
  api.get<MacroPreview>(`/api/v1/tickets/${ticketId}/macros/${macroId}/preview`);

export function useApplyMacro(ticketId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ macroId, version, replyBody }: { macroId: number; version?: number; replyBody?: string }) =>
      api.post(`/api/v1/tickets/${ticketId}/macros/${macroId}/apply`, {
        ...(version !== undefined ? { version } : {}),
        ...(replyBody !== undefined ? { reply_body: replyBody } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

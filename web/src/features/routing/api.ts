import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

/* Shapes of the routing endpoints (see /api/v1/openapi.json). */

export type AgentState = 'online' | 'away' | 'offline' | 'on_call' | 'wrap_up';
export type PerChannel = { voice: number; chat: number; email: number };

export interface AgentStateView {
  user_id: number;
  state: AgentState;
  channel: string | null;
  reason: string | null;
  since: string | null;
}

export interface BoardAgent {
  user_id: number;
  name: string;
  role: string;
  tier: number | null;
  state: AgentState;
  channel: string | null;
  reason: string | null;
  since: string | null;
  group_ids: number[];
  capacity: PerChannel;
  load: PerChannel;
  offered: PerChannel;
  utilisation: number;
}

export interface QueueItem {
  ticket_id: number;
  subject: string;
  priority: string;
  channel: string;
  group_id: number | null;
  tier: number;
  requester: string;
  organization: string | null;
  value_tier: string;
  top_tier: boolean;
  required_skills: string[];
  waiting_seconds: number;
  due_at: string | null;
  score: number;
}

export interface Queue {
  waiting: number;
  by_group: { group_id: number | null; waiting: number }[];
  data: QueueItem[];
}

export interface Offer {
  id: number;
  ticket_id: number;
  subject: string;
  priority: string;
  channel: string;
  expires_at: string;
}

export interface RoutingSettings {
  enabled: boolean;
  mode: 'push' | 'pull';
  tie_break: 'least_loaded' | 'round_robin';
  weights: { priority: number; sla: number; value: number; wait: number };
  offer_timeout_seconds: number;
  default_capacity: PerChannel;
  min_proficiency: number;
  require_skills: { product: boolean; language: boolean; priority: boolean };
  top_value_tiers: string[];
  default_due_minutes: { p1: number; p2: number; p3: number; p4: number };
}

export interface ValueTiers {
  tiers: { name: string; min_cents: number }[];
  tam_min_tier: string;
  tam_max_accounts: number;
}

export interface TierShares {
  solved: number;
  tiers: { tier: number; solved: number; share: number }[];
  escalation_rate: number;
}

export const stateLabels: Record<AgentState, string> = {
  online: 'Available',
  away: 'Away',
  offline: 'Offline',
  on_call: 'On a call',
  wrap_up: 'Wrap-up',
};

export const stateColors: Record<AgentState, string> = {
  online: 'teal',
  away: 'yellow',
  offline: 'gray',
  on_call: 'blue',
  wrap_up: 'grape',
};

const keys = {
  me: ['routing', 'me'] as const,
  offers: ['routing', 'offers'] as const,
  agents: ['routing', 'agents'] as const,
  queue: ['routing', 'queue'] as const,
  settings: ['routing', 'settings'] as const,
  tiers: ['routing', 'value-tiers'] as const,
  shares: ['routing', 'tier-shares'] as const,
};

export function useMyAgentState() {
  return useQuery({ queryKey: keys.me, queryFn: () => api.get<AgentStateView>('/api/v1/me/agent-state'), refetchInterval: 30_000 });
}

export function useSetMyAgentState() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (state: AgentState) => api.put<{ state: AgentStateView }>('/api/v1/me/agent-state', { state }),
    onSuccess: (result) => {
      client.setQueryData(keys.me, result.state);
      void client.invalidateQueries({ queryKey: ['routing'] });
    },
  });
}

export function useMyOffers(enabled: boolean) {
  return useQuery({
    queryKey: keys.offers,
    queryFn: () => api.get<{ data: Offer[] }>('/api/v1/me/offers'),
    refetchInterval: 10_000,
    enabled,
  });
}

export function useAnswerOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept }: { id: number; accept: boolean }) =>
      api.post<unknown>(`/api/v1/routing/offers/${id}/${accept ? 'accept' : 'decline'}`, accept ? undefined : {}),
    onSettled: () => void client.invalidateQueries({ queryKey: ['routing'] }),
  });
}

export function useBoardAgents() {
  return useQuery({
    queryKey: keys.agents,
    queryFn: () => api.get<{ data: BoardAgent[] }>('/api/v1/routing/agents'),
    refetchInterval: 10_000,
  });
}

export function useQueue() {
  return useQuery({
    queryKey: keys.queue,
    queryFn: () => api.get<Queue>('/api/v1/routing/queue', { limit: 100 }),
    refetchInterval: 10_000,
  });
}

export function useTierShares(days: number) {
  return useQuery({
    queryKey: [...keys.shares, days],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - days * 86_400_000);
      return api.get<TierShares>('/api/v1/reports/tier-shares', { from: from.toISOString(), to: to.toISOString() });
    },
  });
}

export function useRunRouting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ routed: unknown[]; expired: unknown[]; escalated: unknown[] }>('/api/v1/routing/run'),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['routing'] }),
  });
}

export function useRoutingSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: () => api.get<RoutingSettings>('/api/v1/routing/settings') });
}

export function useSaveRoutingSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<RoutingSettings>) => api.patch<RoutingSettings>('/api/v1/routing/settings', patch),
    onSuccess: (saved) => client.setQueryData(keys.settings, saved),
  });
}

export function useValueTiers() {
  return useQuery({ queryKey: keys.tiers, queryFn: () => api.get<ValueTiers>('/api/v1/value-tiers') });
}

export function useSaveValueTiers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tiers: ValueTiers) =>
      api.put<ValueTiers & { changed: { customers: number; organizations: number } }>('/api/v1/value-tiers', tiers),
    onSuccess: ({ changed: _changed, ...saved }) => client.setQueryData(keys.tiers, saved),
  });
}

export interface EscalationRule {
  id: number;
  position: number;
  category_id: number | null;
  priority: string | null;
  from_tier: number | null;
  to_tier: number;
  group_id: number | null;
  notify_user_ids: number[];
  on_breach: boolean;
  active: boolean;
}

export type EscalationRuleInput = Omit<EscalationRule, 'id' | 'position' | 'active'>;

export function useEscalationRules() {
  return useQuery({
    queryKey: ['routing', 'escalation-rules'],
    queryFn: () => api.get<{ data: EscalationRule[] }>('/api/v1/escalation-rules'),
  });
}

export function useSaveEscalationRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: EscalationRuleInput) => api.post<EscalationRule>('/api/v1/escalation-rules', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['routing', 'escalation-rules'] }),
  });
}

export function useDeleteEscalationRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/escalation-rules/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['routing', 'escalation-rules'] }),
  });
}

export interface SimulationInput {
  roster: { count: number; tier: 1 | 2 | 3; capacity?: Partial<PerChannel> }[];
  arrivals_per_hour: number[];
  channel_mix?: Partial<PerChannel>;
  aht_seconds?: Partial<PerChannel>;
  escalation?: { tier2: number; tier3: number };
  tie_break?: 'least_loaded' | 'round_robin';
  seed?: number;
}

export interface SimulationResult {
  arrivals: number;
  handled: number;
  still_waiting: number;
  wait_seconds: { mean: number; p50: number; p90: number; max: number };
  answered_within_60s: number;
  occupancy: { mean: number; min: number; max: number; spread: number; stdev: number };
  tier_shares: { tier: number; solved: number; share: number }[];
  agents: number;
}

export function useSimulation() {
  return useMutation({ mutationFn: (input: SimulationInput) => api.post<SimulationResult>('/api/v1/routing/simulate', input) });
}

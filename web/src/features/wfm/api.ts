import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';
import type { User } from '../../app/types.ts';

/* Shapes of the workforce-management endpoints (see /api/v1/openapi.json). */

export interface Accuracy {
  mape: number | null;
  wape: number | null;
  daily_wape: number | null;
  bias: number | null;
  rmse: number | null;
}

export interface ChannelForecast {
  channel: string;
  method: string;
  accuracy: Record<string, Accuracy>;
  history_total: number;
  forecast_total: number;
  history: { start: string; volume: number }[];
  intervals: { start: string; baseline: number; volume: number; adjusted: boolean }[];
  intraday: { actual_so_far: number; forecast_so_far: number; factor: number } | null;
}

export interface Forecast {
  history_from: string;
  forecast_from: string;
  adjustments: number[];
  data: ChannelForecast[];
}

export interface Schedule {
  id: number;
  name: string;
  status: 'draft' | 'published';
  starts_at: string;
  ends_at: string;
  time_zone: string;
  solver: { status?: string; gap?: number; solve_seconds?: number; unassigned_shifts?: number };
  summary: {
    required_hours?: number;
    scheduled_hours?: number;
    under_hours?: number;
    over_hours?: number;
    coverage?: number;
    shifts?: number;
    agents?: number;
  };
  created_at: string;
  published_at: string | null;
}

export interface ScheduleDetail extends Schedule {
  coverage: { start: string; required: number; scheduled: number; under: number; over: number }[];
}

export interface Shift {
  id: number;
  schedule_id: number;
  user_id: number;
  template: string;
  starts_at: string;
  ends_at: string;
  lunch_starts_at: string | null;
  lunch_ends_at: string | null;
  paid_hours: number;
}

export interface AgentProfile {
  user_id: number;
  name: string;
}

export interface StaffingResult {
  model: string;
  traffic_erlangs: number;
  agents: number;
  service_level: number;
  asa_seconds: number;
  occupancy: number;
  probability_of_waiting: number;
  abandonment: number | null;
  fte: number;
  scheduled_agents: number;
}

const planners = new Set(['analyst', 'manager', 'head_of_support', 'admin']);
export const canReadWfm = (user: User): boolean => planners.has(user.role);
export const canSchedule = (user: User): boolean => user.role !== 'analyst' && planners.has(user.role);

export function useForecast(enabled: boolean) {
  return useQuery({
    queryKey: ['wfm', 'forecast'],
    queryFn: () =>
      api.post<Forecast>('/api/v1/wfm/forecast', { history_days: 90, horizon_days: 14, holdout_days: 14, show_history_days: 14 }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSchedules(enabled: boolean) {
  return useQuery({
    queryKey: ['wfm', 'schedules'],
    queryFn: () => api.get<Page<Schedule>>('/api/v1/wfm/schedules', { limit: 20 }),
    enabled,
  });
}

export function useSchedule(id: number | null) {
  return useQuery({
    queryKey: ['wfm', 'schedule', id],
    queryFn: () => api.get<ScheduleDetail>(`/api/v1/wfm/schedules/${id}`),
    enabled: id !== null,
  });
}

export function useShifts(id: number | null) {
  return useQuery({
    queryKey: ['wfm', 'shifts', id],
    queryFn: () => api.get<Page<Shift>>(`/api/v1/wfm/schedules/${id}/shifts`, { limit: 1000 }),
    enabled: id !== null,
  });
}

export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: ['wfm', 'agents'],
    queryFn: () => api.get<Page<AgentProfile>>('/api/v1/wfm/agents'),
    enabled,
    staleTime: 60_000,
  });
}

export function useMyShifts(from: string, to: string) {
  return useQuery({ queryKey: ['wfm', 'mine', from], queryFn: () => api.get<Page<Shift>>('/api/v1/wfm/my-shifts', { from, to }) });
}

export function useSolveSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; start_date: string; days: number }) => api.post<ScheduleDetail>('/api/v1/wfm/schedules', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['wfm', 'schedules'] }),
  });
}

export function usePublishSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<ScheduleDetail>(`/api/v1/wfm/schedules/${id}/publish`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['wfm'] }),
  });
}

export function useStaffing() {
  return useMutation({ mutationFn: (body: Record<string, number>) => api.post<StaffingResult>('/api/v1/wfm/staffing', body) });
}

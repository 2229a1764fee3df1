import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

/* Shapes of the analytics endpoints (see /api/v1/openapi.json, tag "analytics"). */

export interface MetricRow {
  period?: string;
  value: number | null;
  [key: string]: unknown;
}

export interface Metric {
  key: string;
  label: string;
  unit: 'count' | 'ratio' | 'seconds' | 'cents' | 'score';
  definition: string;
  status: 'ok' | 'partial' | 'unavailable';
  reason?: string;
  rows: MetricRow[];
  previous?: number | null;
}

export interface Kpi {
  key: string;
  label: string;
  value: number | null;
  target: { min: number | null; max: number | null };
  met: boolean | null;
  reason?: string;
}

export interface Driver {
  driver: number | string | null;
  label: string;
  contacts: number;
  share: number;
  aht_seconds: number | null;
  cost_cents: number | null;
  monthly_cost_cents: number | null;
  previous_contacts: number;
  trend: number | null;
}

export interface DailyBoard {
  date: string;
  live_queues: {
    group_id: number | null;
    group_name: string | null;
    new: number;
    open: number;
    pending: number;
    on_hold: number;
    unassigned: number;
  }[];
  sla_at_risk: { within_minutes: number; by_target: { target: string; overdue: number; due_soon: number }[] };
  metrics: Metric[];
  volume_by_channel: MetricRow[];
  forecast: { status: string; reason?: string };
}

export interface WeeklyBoard {
  week: string;
  metrics: Metric[];
  daily_by_channel: Metric[];
  top_drivers: Driver[];
}

export interface MonthlyBoard {
  month: string;
  kpis: Kpi[];
  metrics: Metric[];
  cost_per_contact: Metric;
  weekly_trend: Metric[];
  top_drivers: Driver[];
}

export interface Drivers {
  total_contacts: number;
  currency: string;
  missing?: string;
  data: Driver[];
}

export interface Problem {
  id: number;
  title: string;
  status: string;
  fix_started_at: string | null;
  fix_cost_cents: number | null;
  window_days: number;
}

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const useDailyBoard = () =>
  useQuery({
    queryKey: ['analytics', 'daily', zone],
    queryFn: ({ signal }) => api.get<DailyBoard>('/api/v1/analytics/dashboards/daily', { tz: zone }, signal),
  });
export const useWeeklyBoard = () =>
  useQuery({
    queryKey: ['analytics', 'weekly', zone],
    queryFn: ({ signal }) => api.get<WeeklyBoard>('/api/v1/analytics/dashboards/weekly', { tz: zone }, signal),
  });
export const useMonthlyBoard = () =>
  useQuery({
    queryKey: ['analytics', 'monthly', zone],
    queryFn: ({ signal }) => api.get<MonthlyBoard>('/api/v1/analytics/dashboards/monthly', { tz: zone }, signal),
  });
export const useDrivers = (days: number) =>
  useQuery({
    queryKey: ['analytics', 'drivers', days],
    queryFn: ({ signal }) =>
      api.get<Drivers>(
        '/api/v1/analytics/drivers',
        { from: new Date(Date.now() - days * 86_400_000).toISOString(), to: new Date().toISOString() },
        signal,
      ),
  });
export const useProblems = () =>
  useQuery({
    queryKey: ['analytics', 'problems'],
    queryFn: ({ signal }) => api.get<{ data: Problem[] }>('/api/v1/problems', { limit: 50 }, signal),
  });

/** The CSV of a metrics query, for the export links. */
export const metricsCsvUrl = (metrics: string, from: string, to: string, groupBy?: string) =>
  `/api/v1/analytics/metrics?${new URLSearchParams({ metrics, from, to, tz: zone, format: 'csv', ...(groupBy ? { group_by: groupBy } : {}) })}`;

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';

/* Shapes of the survey endpoints (see /api/v1/openapi.json, tag "feedback"). */

export type SurveyKind = 'csat' | 'nps' | 'ces';

export interface ResultRow {
  key: string | null;
  label: string;
  csat: { responses: number; satisfied: number; score: number | null };
  nps: { responses: number; promoters: number; passives: number; detractors: number; score: number | null };
  ces: { responses: number; mean: number | null };
}

export interface Results {
  group_by: string;
  from: string | null;
  to: string | null;
  total: ResultRow;
  data: ResultRow[];
}

export interface Answer {
  id: number;
  kind: SurveyKind;
  score: number;
  first_score: number;
  comment: string;
  changes: number;
  ticket_id: number;
  ticket_subject: string;
  customer_name: string;
  agent_name: string | null;
  group_name: string | null;
  channel: string;
  category_path: string | null;
  follow_up_at: string | null;
  answered_at: string;
}

export interface SurveySettings {
  enabled: boolean;
  questions: SurveyKind[];
  delay_minutes: number;
  throttle_days: number;
  link_valid_days: number;
  channels: string[];
  follow_up: {
    csat_at_most: number;
    nps_at_most: number;
    ces_at_most: number;
    notify_lead: boolean;
    internal_note: boolean;
    reopen: boolean;
  };
}

export const useSurveyResults = (query: { group_by: string; from?: string; to?: string }) =>
  useQuery({ queryKey: ['survey-results', query], queryFn: ({ signal }) => api.get<Results>('/api/v1/survey-results', query, signal) });

export const useSurveyAnswers = (query: { kind?: string; max_score?: number; with_comment?: string }) =>
  useQuery({
    queryKey: ['survey-answers', query],
    queryFn: ({ signal }) => api.get<Page<Answer>>('/api/v1/survey-answers', { ...query, limit: 50 }, signal),
  });

export const useSurveySettings = () =>
  useQuery({
    queryKey: ['survey-settings'],
    queryFn: ({ signal }) => api.get<SurveySettings>('/api/v1/survey-settings', undefined, signal),
  });

export function useUpdateSurveySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SurveySettings>) => api.patch<SurveySettings>('/api/v1/survey-settings', patch),
    onSuccess: (data) => client.setQueryData(['survey-settings'], data),
  });
}

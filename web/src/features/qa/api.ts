import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';

/* Shapes of the quality endpoints (see /api/v1/openapi.json, tag "quality"). */

export interface ScorecardItem {
  key: string;
  label: string;
  description?: string;
  weight: number;
  max_score: number;
  allow_na?: boolean;
  auto_fail?: boolean;
}
export interface Definition {
  sections: { key: string; title: string; items: ScorecardItem[] }[];
}
export interface Scorecard {
  id: number;
  name: string;
  description: string;
  active: boolean;
  is_default: boolean;
  current_version: { id: number; version: number; pass_score: number; definition: Definition; item_count: number };
}
export interface ItemAnswer {
  score: number | null;
  not_applicable: boolean;
  comment: string;
}
export interface Dispute {
  id: number;
  review_id: number;
  agent_id: number;
  reason: string;
  status: 'open' | 'accepted' | 'rejected';
  resolution: string;
  created_at: string;
}
export interface Review {
  id: number;
  ticket: { id: number; subject: string; channel: string };
  agent: { id: number; name: string } | null;
  reviewer: { id: number; name: string } | null;
  scorecard: { id: number; name: string; version: number; pass_score: number };
  definition: Definition;
  calibration_id: number | null;
  status: 'draft' | 'submitted';
  score: number | null;
  auto_failed: boolean;
  passed: boolean | null;
  sections: { key: string; title: string; score: number | null }[];
  unanswered: string[];
  answers: Record<string, ItemAnswer>;
  comment: string;
  disputes: Dispute[];
  submitted_at: string | null;
}
export interface ReviewSummary {
  id: number;
  ticket_id: number;
  ticket_subject: string;
  channel: string;
  agent_name: string;
  reviewer_name: string;
  status: 'draft' | 'submitted';
  score: number | null;
  auto_failed: boolean;
  passed: boolean | null;
  open_dispute: boolean;
  submitted_at: string | null;
  updated_at: string;
}
export interface QueueItem {
  id: number;
  ticket_id: number;
  ticket_subject: string;
  channel: string;
  agent_id: number;
  agent_name: string;
  reason: string;
  week: string;
  status: string;
}
export interface MyQuality {
  sessions: { id: number; held_on: string; notes: string; coach: { name: string } | null; review_ids: number[] }[];
  goals: { id: number; title: string; due_on: string | null; status: string }[];
  trend: { weeks: { week: string; reviews: number; qa_score: number | null; csat_responses: number; csat: number | null }[] };
}

export type AnswerInput = Record<string, { score?: number | null; not_applicable?: boolean; comment?: string }>;

export const useScorecards = () =>
  useQuery({
    queryKey: ['qa-scorecards'],
    queryFn: ({ signal }) => api.get<{ data: Scorecard[] }>('/api/v1/qa/scorecards', undefined, signal),
  });
export const useQueue = () =>
  useQuery({
    queryKey: ['qa-queue'],
    queryFn: ({ signal }) => api.get<{ data: QueueItem[] }>('/api/v1/qa/queue', { reviewer: 'me' }, signal),
  });
export const useReviews = (enabled: boolean) =>
  useQuery({
    queryKey: ['qa-reviews'],
    enabled,
    queryFn: ({ signal }) => api.get<Page<ReviewSummary>>('/api/v1/qa/reviews', { limit: 50 }, signal),
  });
export const useMyReviews = () =>
  useQuery({
    queryKey: ['qa-my-reviews'],
    queryFn: ({ signal }) => api.get<Page<ReviewSummary>>('/api/v1/my/qa/reviews', { limit: 50 }, signal),
  });
export const useMyQuality = () =>
  useQuery({ queryKey: ['qa-my-quality'], queryFn: ({ signal }) => api.get<MyQuality>('/api/v1/my/quality', undefined, signal) });
export const useReview = (id: number | null) =>
  useQuery({
    queryKey: ['qa-review', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api.get<Review>(`/api/v1/qa/reviews/${id}`, undefined, signal),
  });

export function useSaveReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      id: number | null;
      ticket_id: number;
      queue_item_id?: number;
      calibration_id?: number;
      answers: AnswerInput;
      comment: string;
      submit: boolean;
    }) =>
      input.id === null
        ? api.post<Review>('/api/v1/qa/reviews', {
            ticket_id: input.ticket_id,
            ...(input.queue_item_id ? { queue_item_id: input.queue_item_id } : {}),
            ...(input.calibration_id ? { calibration_id: input.calibration_id } : {}),
            answers: input.answers,
            comment: input.comment,
            submit: input.submit,
          })
        : api.patch<Review>(`/api/v1/qa/reviews/${input.id}`, { answers: input.answers, comment: input.comment, submit: input.submit }),
    onSuccess: (review) => {
      client.setQueryData(['qa-review', review.id], review);
      void client.invalidateQueries({ queryKey: ['qa-queue'] });
      void client.invalidateQueries({ queryKey: ['qa-reviews'] });
    },
  });
}

export function useDispute(reviewId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<Dispute>(`/api/v1/qa/reviews/${reviewId}/disputes`, { reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['qa-review', reviewId] }),
  });
}

/** The score as the server computes it (see src/modules/qa/qa-scoring.ts), for a live preview while scoring. */
export function previewScore(definition: Definition, answers: AnswerInput): { score: number | null; autoFailed: boolean } {
  let earned = 0;
  let possible = 0;
  let autoFailed = false;
  for (const item of definition.sections.flatMap((s) => s.items)) {
    const answer = answers[item.key];
    if (!answer || answer.not_applicable || answer.score === null || answer.score === undefined) continue;
    if (item.auto_fail && answer.score === 0) autoFailed = true;
    earned += item.weight * (answer.score / item.max_score);
    possible += item.weight;
  }
  if (autoFailed) return { score: 0, autoFailed };
  return { score: possible ? Math.round((10000 * earned) / possible) / 100 : null, autoFailed };
}

export interface CalibrationSummary {
  id: number;
  title: string;
  ticket_id: number;
  status: 'open' | 'closed';
  participants: number;
  submitted: number;
  taking_part: boolean;
}
export interface CalibrationDetail {
  id: number;
  title: string;
  ticket_id: number;
  status: 'open' | 'closed';
  my_review_id: number | null;
  participants: { id: number; name: string; submitted: boolean }[];
  results: {
    reviewers: { reviewer_id: number; name: string; score: number | null; difference_from_reference: number | null }[];
    reference_score: number | null;
    mean: number | null;
    variance: number | null;
    std_dev: number | null;
    range: number | null;
    agreement: number | null;
    items: {
      key: string;
      label: string;
      agreement: number | null;
      reference: string | null;
      spread: number | null;
      answers: { reviewer_id: number; answer: string }[];
    }[];
  } | null;
}
export interface CoachingSession {
  id: number;
  agent_id: number;
  coach: { id: number; name: string } | null;
  held_on: string;
  notes: string;
  private_notes?: string;
  review_ids: number[];
  goals: { id: number; title: string; due_on: string | null; status: string }[];
}
export interface Agent {
  id: number;
  name: string;
  role: string;
}

export const useCalibrations = () =>
  useQuery({
    queryKey: ['qa-calibrations'],
    queryFn: ({ signal }) => api.get<{ data: CalibrationSummary[] }>('/api/v1/qa/calibrations', undefined, signal),
  });
export const useCalibration = (id: number | null) =>
  useQuery({
    queryKey: ['qa-calibration', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api.get<CalibrationDetail>(`/api/v1/qa/calibrations/${id}`, undefined, signal),
  });
export const useCoachingSessions = () =>
  useQuery({
    queryKey: ['qa-coaching'],
    queryFn: ({ signal }) => api.get<{ data: CoachingSession[] }>('/api/v1/qa/coaching-sessions', undefined, signal),
  });
export const useAgents = () =>
  useQuery({
    queryKey: ['qa-agents'],
    queryFn: async ({ signal }) =>
      (await api.get<Page<Agent>>('/api/v1/users', { limit: 100 }, signal)).data.filter((u) => u.role !== 'customer'),
  });

export function useCreateCoaching() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { agent_id: number; held_on: string; notes: string; private_notes: string; goals: { title: string }[] }) =>
      api.post<CoachingSession>('/api/v1/qa/coaching-sessions', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['qa-coaching'] }),
  });
}

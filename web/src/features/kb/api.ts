import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';
import type { Article, ArticleSummary, HelpCategory, SearchHit } from '../portal/kb/api.ts';

export type { Article, ArticleSummary, HelpCategory, SearchHit };

export type Visibility = 'public' | 'internal' | 'draft';

export interface Version {
  version: number;
  locale: string;
  title: string;
  note: string;
  author: { id: number; name: string } | null;
  created_at: string;
}

export interface VersionDetail extends Version {
  body: string;
  compared_to: number | null;
  changes: { kind: 'added' | 'removed' | 'same'; text: string }[];
  title_changed: boolean;
}

export interface Feedback {
  id: number;
  helpful: boolean;
  comment: string;
  locale: string;
  user: { id: number; name: string } | null;
  created_at: string;
}

export interface ArticleFigures {
  article_id: number;
  views: number;
  helpful: number;
  unhelpful: number;
  suggested: number;
  deflections: number;
  solved_with: number;
}

export interface KbAnalytics {
  help_sessions: number;
  tickets_after_help: number;
  deflections: number;
  deflections_confirmed: number;
  deflection_rate: number | null;
  solved_with: number;
}

export interface ArticleInput {
  title?: string;
  body?: string;
  locale?: string;
  visibility?: Visibility;
  category?: number | null;
  tags?: string[];
  review_due_at?: string | null;
  version_note?: string;
  base_version?: number;
}

export const kbKeys = {
  all: ['kb'] as const,
  list: (filters: Record<string, string | undefined>) => ['kb', 'list', filters] as const,
  article: (id: number) => ['kb', 'article', id] as const,
  versions: (id: number, locale: string) => ['kb', 'article', id, 'versions', locale] as const,
};

export function useKbArticles(filters: { category?: string; visibility?: string; outdated?: string }) {
  return useQuery({
    queryKey: kbKeys.list(filters),
    queryFn: ({ signal }) => api.get<Page<ArticleSummary>>('/api/v1/kb/articles', { ...filters, limit: 100 }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useKbSearch(q: string) {
  return useQuery({
    queryKey: ['kb', 'search', q],
    queryFn: ({ signal }) => api.get<{ data: SearchHit[] }>('/api/v1/kb/search', { q, limit: 30 }, signal).then((r) => r.data),
    enabled: q.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useKbCategories() {
  return useQuery({
    queryKey: ['kb', 'categories'],
    queryFn: ({ signal }) => api.get<{ data: HelpCategory[] }>('/api/v1/kb/categories', undefined, signal).then((r) => r.data),
  });
}

export function useKbArticle(id: number | null, locale?: string) {
  return useQuery({
    queryKey: [...kbKeys.article(id ?? 0), locale ?? ''],
    queryFn: ({ signal }) => api.get<Article>(`/api/v1/kb/articles/${id}`, { locale }, signal),
    enabled: id !== null,
  });
}

export function useVersions(id: number | null, locale: string) {
  return useQuery({
    queryKey: kbKeys.versions(id ?? 0, locale),
    queryFn: ({ signal }) => api.get<{ data: Version[] }>(`/api/v1/kb/articles/${id}/versions`, { locale }, signal).then((r) => r.data),
    enabled: id !== null,
  });
}

export function useVersion(id: number, version: number | null, locale: string) {
  return useQuery({
    queryKey: [...kbKeys.versions(id, locale), version],
    queryFn: ({ signal }) => api.get<VersionDetail>(`/api/v1/kb/articles/${id}/versions/${version}`, { locale }, signal),
    enabled: version !== null,
  });
}

export function useFeedback(id: number | null) {
  return useQuery({
    queryKey: ['kb', 'article', id, 'feedback'],
    queryFn: ({ signal }) => api.get<{ data: Feedback[] }>(`/api/v1/kb/articles/${id}/feedback`, undefined, signal).then((r) => r.data),
    enabled: id !== null,
  });
}

export function useArticleFigures(id: number | null) {
  return useQuery({
    queryKey: ['kb', 'article', id, 'figures'],
    queryFn: ({ signal }) => api.get<ArticleFigures>(`/api/v1/kb/articles/${id}/analytics`, undefined, signal),
    enabled: id !== null,
  });
}

export function useKbAnalytics() {
  return useQuery({
    queryKey: ['kb', 'analytics'],
    queryFn: ({ signal }) => api.get<KbAnalytics>('/api/v1/kb/analytics', { days: 30 }, signal),
  });
}

export function usePreview(body: string, enabled: boolean) {
  return useQuery({
    queryKey: ['kb', 'preview', body],
    queryFn: () => api.post<{ html: string }>('/api/v1/kb/preview', { body }).then((r) => r.html),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useSaveArticle(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ArticleInput) =>
      id === null ? api.post<Article>('/api/v1/kb/articles', input) : api.patch<Article>(`/api/v1/kb/articles/${id}`, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: kbKeys.all }),
  });
}

export type ArticleAction =
  | { kind: 'restore'; version: number; locale: string }
  | { kind: 'flag'; reason: string }
  | { kind: 'unflag' }
  | { kind: 'delete' };

export function useArticleAction(id: number) {
  const client = useQueryClient();
  return useMutation<unknown, Error, ArticleAction>({
    mutationFn: (
      action:
        | { kind: 'restore'; version: number; locale: string }
        | { kind: 'flag'; reason: string }
        | { kind: 'unflag' }
        | { kind: 'delete' },
    ) => {
      if (action.kind === 'restore')
        return api.post<Article>(`/api/v1/kb/articles/${id}/versions/${action.version}/restore`, { locale: action.locale });
      if (action.kind === 'flag') return api.post<Article>(`/api/v1/kb/articles/${id}/outdated`, { reason: action.reason });
      if (action.kind === 'unflag') return api.delete<Article>(`/api/v1/kb/articles/${id}/outdated`);
      return api.delete(`/api/v1/kb/articles/${id}`);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: kbKeys.all }),
  });
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { api, currentCsrfToken, type Page } from '../../../app/api.ts';

/** The help centre's reads: public articles for customers and visitors (the API decides what each may see). */

export interface HelpCategory {
  id: number;
  name: string;
  slug: string;
  description: string;
  parent_id: number | null;
  position: number;
  article_count: number;
}

export interface SearchHit {
  id: number;
  title: string;
  /** HTML from the server: everything escaped except the <mark> highlights. */
  snippet: string;
  title_highlight: string;
  score: number;
  slug: string;
  url: string;
  locale: string;
  visibility: 'public' | 'internal' | 'draft';
  category_id: number | null;
}

export interface ArticleRef {
  id: number;
  title: string;
  slug: string;
  url: string;
}

export interface Article {
  id: number;
  title: string;
  slug: string;
  url: string;
  body: string;
  /** Sanitised on the server. */
  body_html: string;
  locale: string;
  requested_locale: string;
  fallback: boolean;
  locales: string[];
  default_locale: string;
  visibility: 'public' | 'internal' | 'draft';
  category: { id: number; name: string; slug: string; parent_id: number | null } | null;
  tags: string[];
  owner: { id: number; name: string } | null;
  review_due_at: string | null;
  outdated: boolean;
  outdated_reason: string | null;
  version: number;
  view_count: number;
  helpful_count: number;
  unhelpful_count: number;
  related: ArticleRef[];
  attachments: { id: number; filename: string; content_type: string; size_bytes: number; url: string }[];
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleSummary {
  id: number;
  title: string;
  slug: string;
  url: string;
  locale: string;
  locales: string[];
  visibility: 'public' | 'internal' | 'draft';
  category_id: number | null;
  tags: string[];
  owner: { id: number; name: string } | null;
  outdated: boolean;
  review_due_at: string | null;
  version: number;
  view_count: number;
  helpful_count: number;
  unhelpful_count: number;
  updated_at: string;
}

export const helpHome = '/help';
export const helpSearchPath = (q: string): string => `/help/search?q=${encodeURIComponent(q)}`;
export const helpCategoryPath = (slug: string): string => `/help/categories/${slug}`;

/** The reader's language, as the help centre asks for articles. */
export const readerLocale = (): string => (typeof navigator !== 'undefined' ? (navigator.language || 'en').split('-')[0] : 'en') ?? 'en';

const VISITOR_KEY = 'frontline.help.visitor';

/** A random key for this visit to the help centre (kept for the tab's life), used for deflection tracking. */
export function visitorKey(): string {
  try {
    const existing = sessionStorage.getItem(VISITOR_KEY);
    if (existing) return existing;
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    const key = `v${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    sessionStorage.setItem(VISITOR_KEY, key);
    return key;
  } catch {
    return 'v-anonymous-visitor-0000';
  }
}

/** Starts a new visit (after a request was sent, the next one is a new visit). */
export function resetVisitorKey(): void {
  try {
    sessionStorage.removeItem(VISITOR_KEY);
  } catch {
    // storage unavailable: nothing to reset
  }
}

export function useHelpCategories() {
  return useQuery({
    queryKey: ['help', 'categories'],
    queryFn: ({ signal }) => api.get<{ data: HelpCategory[] }>('/api/v1/kb/categories', undefined, signal).then((r) => r.data),
    staleTime: 60_000,
  });
}

export function useHelpArticles(category: string | undefined, limit = 50) {
  return useQuery({
    queryKey: ['help', 'articles', category ?? '', limit],
    queryFn: ({ signal }) =>
      api.get<Page<ArticleSummary>>('/api/v1/kb/articles', { category, limit, locale: readerLocale() }, signal).then((r) => r.data),
    staleTime: 30_000,
  });
}

export function useHelpSearch(q: string, limit = 20) {
  return useQuery({
    queryKey: ['help', 'search', q, limit],
    queryFn: ({ signal }) =>
      api.get<{ data: SearchHit[] }>('/api/v1/kb/search', { q, limit, locale: readerLocale() }, signal).then((r) => r.data),
    enabled: q.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useAutocomplete(q: string) {
  return useQuery({
    queryKey: ['help', 'autocomplete', q],
    queryFn: ({ signal }) =>
      api.get<{ data: ArticleRef[] }>('/api/v1/kb/autocomplete', { q, limit: 6, locale: readerLocale() }, signal).then((r) => r.data),
    enabled: q.trim().length >= 2,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

export function useHelpArticle(id: number) {
  return useQuery({
    queryKey: ['help', 'article', id],
    queryFn: ({ signal }) => api.get<Article>(`/api/v1/kb/articles/${id}`, { locale: readerLocale() }, signal),
    enabled: Number.isInteger(id) && id > 0,
    retry: (count, error) => count < 2 && !(error instanceof Error && 'status' in error && (error as { status: number }).status === 404),
  });
}

export function recordArticleView(id: number): void {
  void api.post(`/api/v1/kb/articles/${id}/views`, { visitor_key: visitorKey() }).catch(() => undefined);
}

export function useSendFeedback(id: number) {
  return useMutation({
    mutationFn: (input: { helpful: boolean; comment?: string }) =>
      api.post(`/api/v1/kb/articles/${id}/feedback`, { ...input, locale: readerLocale(), visitor_key: visitorKey() }),
  });
}

/** Suggestions for what a customer is typing; the server remembers them for the visit. */
export function useSuggestions(text: string) {
  return useQuery({
    queryKey: ['help', 'suggestions', text],
    queryFn: () =>
      api
        .post<{ data: SearchHit[] }>('/api/v1/kb/suggestions', { text, limit: 4, locale: readerLocale(), visitor_key: visitorKey() })
        .then((r) => r.data),
    enabled: text.trim().length >= 4,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}

/** The visitor leaves the form without sending it; sent with keepalive so that it survives closing the tab. */
export function reportLeave(): void {
  const token = currentCsrfToken();
  void fetch('/api/v1/kb/help-sessions/leave', {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
    body: JSON.stringify({ visitor_key: visitorKey() }),
  }).catch(() => undefined);
}

export function reportTicket(ticketId: number): void {
  void api
    .post('/api/v1/kb/help-sessions/ticket', { visitor_key: visitorKey(), ticket_id: ticketId })
    .catch(() => undefined)
    .finally(resetVisitorKey);
}

/** `/help/articles/42-reset-password` → 42. */
export const articleIdFrom = (param: string | undefined): number => Number(/^(\d+)/.exec(param ?? '')?.[1] ?? Number.NaN);

import type { Context } from '../../platform/context.ts';
import { cleanQuery, normaliseLocale, searchConfigFor, synonymsOf, wordsOf } from './kb-text.ts';
import { type Reader, searchable } from './kb.policy.ts';
import { articleUrl } from './kb.presenter.ts';
import * as repo from './kb.repository.ts';
import { autocompleteTitles, MARK_END, MARK_START, nearTerms, searchArticles, termStats, type WeightedTerm } from './search.repository.ts';

/** The site's default locale: articles without the reader's translation are searched in it. */
export const DEFAULT_LOCALE = 'en';
const MAX_QUERY_WORDS = 16;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Escapes everything, then turns the highlight sentinels into <mark>…</mark>. */
export function highlight(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

export interface SearchOptions {
  q: string;
  locale?: string | undefined;
  limit: number;
  category?: string | undefined;
}

export interface SearchResult {
  id: number;
  title: string;
  snippet: string;
  score: number;
  title_highlight: string;
  slug: string;
  locale: string;
  visibility: 'public' | 'internal' | 'draft';
  category_id: number | null;
  url: string;
}

async function categoryScope(ctx: Context, ref: string | undefined): Promise<number[] | undefined> {
  if (ref === undefined) return undefined;
  const category = await repo.findCategoryByRef(ctx.db, /^\d{1,15}$/.test(ref) ? Number(ref) : ref);
  if (!category) return [];
  const all = await ctx.db.selectFrom('kb_categories').select('id').where('parent_id', '=', category.id).execute();
  return [category.id, ...all.map((c) => c.id)];
}

/** Candidates come from the rarest lexemes until their documents add up to this many. */
const CANDIDATE_BUDGET = 800;
const EXPANSION_WEIGHT = 0.5;

const bm25Idf = (documents: number, df: number) => Math.log(1 + (Math.max(documents, df) - df + 0.5) / (df + 0.5));

async function weightedTerms(ctx: Context, config: string, words: string[], expansions: string[]) {
  const typed = await termStats(ctx.db, config, words);
  const extra = await termStats(ctx.db, config, expansions);
  const seen = new Set<string>();
  const terms: (WeightedTerm & { df: number; typed: boolean })[] = [];
  for (const [stats, typedWords] of [
    [typed.terms, true],
    [extra.terms, false],
  ] as const) {
    for (const t of stats) {
      if (t.df === 0 || seen.has(t.lexeme)) continue;
      seen.add(t.lexeme);
      terms.push({
        config,
        lexeme: t.lexeme,
        df: t.df,
        typed: typedWords,
        weight: bm25Idf(typed.documents, t.df) * (typedWords ? 1 : EXPANSION_WEIGHT),
      });
    }
  }
  // The rarest lexemes pick the candidates; common ones only add to the score of those.
  const candidates: string[] = [];
  let budget = 0;
  for (const t of [...terms].sort((a, b) => a.df - b.df)) {
    if (candidates.length && budget + t.df > CANDIDATE_BUDGET) break;
    candidates.push(t.lexeme);
    budget += t.df;
  }
  return { terms, candidates };
}

const orOf = (lexemes: string[]) => lexemes.map((l) => `'${l}'`).join(' | ');

/**
 * Best answers first for what a reader typed: agents search public and internal articles,
 * customers and visitors public ones only. Never throws for odd input; an empty query finds nothing.
 */
export async function searchKnowledgeBase(ctx: Context, reader: Reader, options: SearchOptions): Promise<SearchResult[]> {
  const text = cleanQuery(options.q);
  const words = wordsOf(text, MAX_QUERY_WORDS);
  if (!words.length) return [];
  const locale = normaliseLocale(options.locale ?? DEFAULT_LOCALE);
  const corrections = await nearTerms(ctx.db, words);
  const expansions = [...new Set([...corrections, ...synonymsOf([...words, ...corrections], locale)])]
    .filter((w) => !words.includes(w))
    .slice(0, 24);
  const configs = [...new Set([searchConfigFor(locale), searchConfigFor(DEFAULT_LOCALE)])];
  const perConfig = await Promise.all(configs.map((config) => weightedTerms(ctx, config, words, expansions)));
  const hits = await searchArticles(ctx.db, {
    config: searchConfigFor(locale),
    locale,
    terms: perConfig.flatMap((p) => p.terms.map(({ config, lexeme, weight }) => ({ config, lexeme, weight }))),
    candidateQueries: perConfig.filter((p) => p.candidates.length).map((p) => orOf(p.candidates)),
    highlightQueries: Object.fromEntries(configs.map((config, i) => [config, orOf(perConfig[i]?.terms.map((t) => t.lexeme) ?? [])])),
    text: words.join(' '),
    phrase: words.length >= 2,
    visible: searchable(reader),
    categoryIds: await categoryScope(ctx, options.category),
    limit: options.limit,
  });
  return hits.map((h) => ({
    id: h.article_id,
    title: h.title,
    snippet: highlight(h.snippet),
    score: Math.round(h.score * 10_000) / 10_000,
    title_highlight: highlight(h.title_highlight),
    slug: h.slug,
    locale: h.locale,
    visibility: h.visibility,
    category_id: h.category_id,
    url: articleUrl(h.article_id, h.slug),
  }));
}

/** Article titles for the search box as the reader types (the last word completes as a prefix). */
export async function autocomplete(ctx: Context, reader: Reader, options: { q: string; locale?: string | undefined; limit: number }) {
  const words = wordsOf(cleanQuery(options.q), MAX_QUERY_WORDS);
  if (!words.length) return [];
  const locale = normaliseLocale(options.locale ?? DEFAULT_LOCALE);
  const prefixQuery = words.map((w, i) => (i === words.length - 1 ? `'${w}':*` : `'${w}'`)).join(' & ');
  const rows = await autocompleteTitles(ctx.db, {
    config: searchConfigFor(locale),
    prefixQuery,
    text: words.join(' '),
    locale,
    visible: searchable(reader),
    limit: options.limit,
  });
  return rows.map((r) => ({ id: r.article_id, title: r.title, slug: r.slug, url: articleUrl(r.article_id, r.slug) }));
}

import { type Kysely, sql } from 'kysely';
import type { Database, KbVisibility } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Sentinels around highlighted words; the service escapes the text and turns them into <mark>. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/**
 * For each query word the knowledge base does not contain, its nearest known words by trigram
 * similarity (pg_trgm): "refnud" finds "refund", "pasword" finds "password".
 */
export async function nearTerms(db: Db, words: string[]): Promise<string[]> {
  const candidates = [...new Set(words.filter((w) => w.length >= 4 && !/^\d+$/.test(w)))];
  if (!candidates.length) return [];
  const rows = await sql<{ term: string }>`
    select n.term
    from unnest(${candidates}::text[]) as w(word)
    cross join lateral (
      select k.term from kb_terms k
      where k.term % w.word and k.term <> w.word and similarity(k.term, w.word) >= 0.4
      order by similarity(k.term, w.word) desc, k.term
      limit 2
    ) n
    where not exists (select 1 from kb_terms e where e.term = w.word)`.execute(db);
  return rows.rows.map((r) => r.term);
}

export interface TermStat {
  word: string;
  lexeme: string;
  df: number;
}

/** The lexemes of the words in a configuration, with how many translations hold each; and that number of translations. */
export async function termStats(db: Db, config: string, words: string[]): Promise<{ terms: TermStat[]; documents: number }> {
  if (!words.length) return { terms: [], documents: 0 };
  const result = await sql<TermStat>`
    select w.word, l.lexeme, coalesce(k.df, 0)::int as df
    from unnest(${words}::text[]) as w(word)
    cross join lateral unnest(tsvector_to_array(to_tsvector(${config}::regconfig, w.word))) as l(lexeme)
    left join kb_lexemes k on k.config = ${config} and k.lexeme = l.lexeme`.execute(db);
  const total = await db.selectFrom('kb_lexemes').select('df').where('config', '=', config).where('lexeme', '=', '').executeTakeFirst();
  return { terms: result.rows, documents: total?.df ?? 0 };
}

export interface WeightedTerm {
  config: string;
  lexeme: string;
  /** IDF times the weight of its source (typed, corrected or synonym). */
  weight: number;
}

export interface SearchPlan {
  config: string;
  locale: string;
  terms: WeightedTerm[];
  /** OR of the selective lexemes that pick the candidates, per configuration (null: none). */
  candidateQueries: string[];
  /** OR of every lexeme, per configuration, for highlighting. */
  highlightQueries: Record<string, string>;
  text: string;
  phrase: boolean;
  visible: readonly KbVisibility[];
  categoryIds?: number[] | undefined;
  limit: number;
}

export interface SearchHit {
  article_id: number;
  locale: string;
  title: string;
  slug: string;
  visibility: KbVisibility;
  category_id: number | null;
  score: number;
  snippet: string;
  title_highlight: string;
}

/**
 * BM25-like relevance over title (A), tags (B) and body (C): each query lexeme counts by its IDF
 * (rare words weigh more than common ones) and by where it occurs, expansions (typo corrections,
 * synonyms) at a lower weight; bonuses when every word matches, when the words appear as a phrase,
 * and for trigram similarity of the title to the whole query. Candidates are the translations
 * holding one of the selective lexemes (or a title similar to the query), so that common words
 * do not make every article a candidate. Among an article's translations, the reader's locale is
 * searched, or the default one where it has none.
 */
export async function searchArticles(db: Db, plan: SearchPlan): Promise<SearchHit[]> {
  const categoryFilter = plan.categoryIds
    ? sql`and a.category_id = any(${plan.categoryIds.length ? plan.categoryIds : [0]}::bigint[])`
    : sql``;
  const lowered = plan.text.toLowerCase();
  const candidateMatch = plan.candidateQueries.length
    ? sql.join(
        plan.candidateQueries.map((q) => sql`t.search_vector @@ ${q}::tsquery`),
        sql` or `,
      )
    : sql`false`;
  const highlight = (config: string) => plan.highlightQueries[config] ?? '';
  const result = await sql<SearchHit>`
    with terms as materialized (
      select x.cfg, quote_literal(x.lexeme)::tsquery as q, x.weight
      from unnest(${plan.terms.map((t) => t.config)}::text[], ${plan.terms.map((t) => t.lexeme)}::text[], ${plan.terms.map((t) => t.weight)}::float8[])
        as x(cfg, lexeme, weight)
    ),
    whole as materialized (
      select x.cfg, plainto_tsquery(x.cfg::regconfig, ${plan.text}) as q_all, phraseto_tsquery(x.cfg::regconfig, ${plan.text}) as q_phrase
      from unnest(${[...new Set([plan.config, 'english'])]}::text[]) as x(cfg)
    ),
    -- The matching translations first (GIN), then their articles by primary key: never a scan of every article.
    hits as materialized (
      select t.article_id, t.locale, t.title, t.slug, t.body_text, t.ts_config, t.search_vector
      from kb_article_translations t
      where ${candidateMatch}
    ),
    candidates as (
      select h.*, a.visibility, a.category_id
      from hits h
      cross join lateral (select a.visibility, a.category_id, a.default_locale from kb_articles a where a.id = h.article_id limit 1) a
      where a.visibility = any(${plan.visible as string[]}::text[])
        ${categoryFilter}
        and (h.locale = ${plan.locale}
             or (h.locale = a.default_locale and not exists (
                   select 1 from kb_article_translations t2 where t2.article_id = h.article_id and t2.locale = ${plan.locale})))
    ),
    ranked as (
      select c.article_id, c.locale, c.title, c.slug, c.body_text, c.ts_config, c.visibility, c.category_id,
        ( coalesce((select sum(x.weight * ts_rank('{0.25, 0.3, 0.6, 1.0}', c.search_vector, x.q, 1))
                    from terms x where x.cfg = c.ts_config and c.search_vector @@ x.q), 0)
        + case when numnode(w.q_all) > 2 and c.search_vector @@ w.q_all then 1.0 else 0 end
        + case when ${plan.phrase} and numnode(w.q_phrase) > 2 and c.search_vector @@ w.q_phrase then 1.0 else 0 end
        + 2.0 * similarity(lower(c.title), ${lowered})
        )::float8 as score
      from candidates c left join whole w on w.cfg = c.ts_config
      order by score desc, c.article_id
      limit ${plan.limit}
    )
    select r.article_id::int8 as article_id, r.locale, r.title, r.slug, r.visibility, r.category_id, r.score,
      ts_headline(r.ts_config::regconfig, r.body_text,
        (case when r.ts_config = ${plan.config} then ${highlight(plan.config)} else ${highlight('english')} end)::tsquery,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet,
      ts_headline(r.ts_config::regconfig, r.title,
        (case when r.ts_config = ${plan.config} then ${highlight(plan.config)} else ${highlight('english')} end)::tsquery,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as title_highlight
    from ranked r
    order by r.score desc, r.article_id`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    article_id: Number(r.article_id),
    category_id: r.category_id === null ? null : Number(r.category_id),
    score: Number(r.score),
  }));
}

/** Titles that start with what has been typed (the last word as a prefix), for the search box. */
export async function autocompleteTitles(
  db: Db,
  plan: { config: string; prefixQuery: string; text: string; locale: string; visible: readonly KbVisibility[]; limit: number },
) {
  const lowered = plan.text.toLowerCase();
  const result = await sql<{ article_id: number; title: string; slug: string }>`
    select t.article_id::int8 as article_id, t.title, t.slug
    from kb_article_translations t
    join kb_articles a on a.id = t.article_id
    where a.visibility = any(${plan.visible as string[]}::text[])
      and (t.locale = ${plan.locale}
           or (t.locale = a.default_locale and not exists (
                 select 1 from kb_article_translations t2 where t2.article_id = t.article_id and t2.locale = ${plan.locale})))
      and (t.search_vector @@ to_tsquery(${plan.config}::regconfig, ${plan.prefixQuery}) or lower(t.title) % ${lowered})
    order by ts_rank('{0, 0, 0, 1.0}', t.search_vector, to_tsquery(${plan.config}::regconfig, ${plan.prefixQuery})) + similarity(lower(t.title), ${lowered}) desc,
      a.view_count desc, t.article_id
    limit ${plan.limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, article_id: Number(r.article_id) }));
}

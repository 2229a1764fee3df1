import type { SavedView } from './types.ts';

/*
 * Saved views come from the API (shared defaults plus each agent's own). A view lives at
 * /tickets?view=<id>; any other search at /tickets?q=<expression>. Sorting is part of the search
 * language (order_by:/sort:); on a view it is kept apart in &sort= so the view stays selected.
 */

/** What /tickets shows without parameters: the server's first default view, so the list needs no round trip first. */
export const DEFAULT_QUERY = 'assignee:me status<solved';
export const DEFAULT_TITLE = 'My open tickets';

export const normalizeQuery = (q: string): string => q.trim().replace(/\s+/g, ' ');

export const viewByQuery = (views: readonly SavedView[] | undefined, q: string): SavedView | undefined => {
  const wanted = normalizeQuery(q);
  return views?.find((view) => normalizeQuery(view.query) === wanted);
};

export const viewById = (views: readonly SavedView[] | undefined, id: number): SavedView | undefined =>
  views?.find((view) => view.id === id);

export const viewPath = (view: SavedView): string => `/tickets?view=${view.id}`;

/** Where a search expression lives: the view's own address when it is one, otherwise ?q=. */
export function searchPath(q: string, views: readonly SavedView[] | undefined): string {
  const view = viewByQuery(views, q);
  if (view) return viewPath(view);
  const text = normalizeQuery(q);
  return text ? `/tickets?q=${encodeURIComponent(text)}` : '/tickets?q=';
}

// ---------------------------------------------------------------------------------------------
// Sorting, in the search language's own terms.

export type SortField = 'created' | 'updated' | 'priority' | 'status' | 'id' | 'sla';
export type SortDirection = 'asc' | 'desc';
export interface Sort {
  field: SortField;
  direction: SortDirection;
}

const sortFields: readonly SortField[] = ['created', 'updated', 'priority', 'status', 'id', 'sla'];

/** The server's defaults: newest first for dates and ids; the front of the order (P1, new) first otherwise. */
export const defaultDirection: Record<SortField, SortDirection> = {
  created: 'desc',
  updated: 'desc',
  id: 'desc',
  priority: 'asc',
  status: 'asc',
  sla: 'asc',
};

export const DEFAULT_SORT: Sort = { field: 'updated', direction: 'desc' };

/** Splits an expression into terms, keeping quoted phrases whole. */
const terms = (q: string): string[] => q.match(/-?[\w.]*(?::|<=|>=|<|>)?"[^"]*"?|\S+/g) ?? [];

const sortTerm = /^(order_by|sort):(\S+)$/i;

/** The ordering an expression asks for (the default when it names none). */
export function sortOf(q: string): Sort {
  let field: SortField | undefined;
  let direction: SortDirection | undefined;
  for (const term of terms(q)) {
    const match = sortTerm.exec(term);
    if (!match) continue;
    const [, key = '', value = ''] = match;
    const lower = value.toLowerCase();
    if (key.toLowerCase() === 'order_by' && (sortFields as string[]).includes(lower)) field = lower as SortField;
    if (key.toLowerCase() === 'sort' && (lower === 'asc' || lower === 'desc')) direction = lower;
  }
  const chosen = field ?? DEFAULT_SORT.field;
  return { field: chosen, direction: direction ?? (field ? defaultDirection[chosen] : DEFAULT_SORT.direction) };
}

/** The expression without its order_by:/sort: terms. */
export function withoutSort(q: string): string {
  return terms(q)
    .filter((term) => !sortTerm.test(term))
    .join(' ');
}

/** The expression with its ordering replaced (the default ordering is left implicit). */
export function withSort(q: string, sort: Sort): string {
  const base = withoutSort(q);
  if (sort.field === DEFAULT_SORT.field && sort.direction === DEFAULT_SORT.direction) return base;
  return normalizeQuery(`${base} order_by:${sort.field} sort:${sort.direction}`);
}

/** `&sort=priority-asc` ⇄ Sort. */
export function parseSortParam(value: string | null): Sort | undefined {
  if (!value) return undefined;
  const [field, direction] = value.split('-');
  if (!field || !(sortFields as string[]).includes(field)) return undefined;
  return { field: field as SortField, direction: direction === 'asc' ? 'asc' : 'desc' };
}
export const sortParam = (sort: Sort): string => `${sort.field}-${sort.direction}`;

let lastList = '/tickets';

/** The list the person last looked at, so "Back" from a ticket returns to the same view or search. */
export const rememberListPath = (path: string): void => {
  lastList = path;
};
export const lastListPath = (): string => lastList;

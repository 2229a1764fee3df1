/** The saved views agents see in the navigation; each is a ticket search expression. */
export interface TicketView {
  slug: string;
  name: string;
  q: string;
}

export const agentViews: readonly TicketView[] = [
  { slug: 'mine', name: 'My open tickets', q: 'assignee:me status<solved' },
  { slug: 'unassigned', name: 'Unassigned', q: 'assignee:none status<solved' },
  { slug: 'unsolved', name: 'All unsolved', q: 'status<solved' },
  { slug: 'solved', name: 'Recently solved', q: 'status:solved' },
];

export const defaultAgentView = agentViews[0] as TicketView;

export const viewBySlug = (slug: string | null): TicketView | undefined =>
  slug ? agentViews.find((view) => view.slug === slug) : undefined;

const normalize = (q: string): string => q.trim().replace(/\s+/g, ' ');

export const viewByQuery = (q: string): TicketView | undefined => agentViews.find((view) => view.q === normalize(q));

export const viewPath = (view: TicketView): string => `/tickets?view=${view.slug}`;

/** Where a search expression lives: the view's own address when it is one, otherwise ?q=. */
export function searchPath(q: string): string {
  const view = viewByQuery(q);
  if (view) return viewPath(view);
  const text = normalize(q);
  return `/tickets?q=${encodeURIComponent(text)}`;
}

let lastList = '/tickets';

/** The list the person last looked at, so "Back" from a ticket returns to the same view or search. */
export const rememberListPath = (path: string): void => {
  lastList = path;
};
export const lastListPath = (): string => lastList;

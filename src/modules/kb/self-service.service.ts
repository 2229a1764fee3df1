import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { getTicketForActor } from '../tickets/index.ts';
import { cleanQuery, wordsOf } from './kb-text.ts';
import { assertOpenable, type Reader } from './kb.policy.ts';
import { articleUrl } from './kb.presenter.ts';
import * as repo from './kb.repository.ts';
import { searchKnowledgeBase } from './search.service.ts';
import * as self from './self-service.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const who = (reader: Reader) => ({ userId: reader?.userId ?? null, customerId: reader?.customerId ?? null });

/** Counts a read of an article, and adds it to the visitor's help-centre visit. Throws not_found. */
export async function recordView(ctx: Context, reader: Reader, id: number, visitorKey?: string): Promise<void> {
  assertOpenable(reader, await repo.findArticle(ctx.db, id), id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('kb_articles').set({ view_count: sql`view_count + 1` }).where('id', '=', id).execute();
    if (visitorKey) await self.touchHelpSession(trx, { visitorKey, ...who(reader), viewed: [id], now });
  });
}

/**
 * Articles that may answer what a customer is typing into a new request; the suggestions are
 * remembered for the visit, so that leaving without a ticket counts as a deflection.
 */
export async function suggestArticles(
  ctx: Context,
  reader: Reader,
  input: { text: string; locale?: string | undefined; limit: number; visitor_key?: string | undefined },
) {
  const hits = await searchKnowledgeBase(ctx, reader, { q: input.text, locale: input.locale, limit: input.limit });
  if (input.visitor_key && hits.length)
    await self.touchHelpSession(ctx.db, {
      visitorKey: input.visitor_key,
      ...who(reader),
      suggested: hits.map((h) => h.id),
      query: cleanQuery(input.text).slice(0, 200),
      now: ctx.clock.now(),
    });
  return hits;
}

function presentSession(row: NonNullable<Awaited<ReturnType<typeof self.findHelpSession>>>) {
  return {
    visitor_key: row.visitor_key,
    suggested_article_ids: row.suggested_article_ids.map(Number),
    viewed_article_ids: row.viewed_article_ids.map(Number),
    left_at: iso(row.left_at),
    ticket_id: row.ticket_id,
  };
}

/** The visitor left the new-request form without sending it. Throws not_found for an unknown visit. */
export async function leaveHelpSession(ctx: Context, visitorKey: string) {
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('kb_help_sessions')
    .set({ left_at: now, last_seen_at: now })
    .where('visitor_key', '=', visitorKey)
    .where('ticket_id', 'is', null)
    .execute();
  const row = await self.findHelpSession(ctx.db, visitorKey);
  if (!row) throw notFound('not_found', 'Help-centre visit', visitorKey);
  return presentSession(row);
}

/** The visitor sent a request after all: the visit is not a deflection. Throws not_found, ticket_not_found. */
export async function linkTicketToHelpSession(ctx: Context, actor: UserActor, visitorKey: string, ticketId: number) {
  await getTicketForActor(ctx, actor, ticketId);
  const updated = await ctx.db
    .updateTable('kb_help_sessions')
    .set({ ticket_id: ticketId, left_at: null, customer_id: sql`coalesce(customer_id, ${actor.customerId})` })
    .where('visitor_key', '=', visitorKey)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw notFound('not_found', 'Help-centre visit', visitorKey);
  return presentSession(updated);
}

// ── Agents: suggestions, "solved with", similar tickets ────────────────────

/** Articles (internal ones too) that may answer an open ticket, from its subject and first messages. Throws ticket_not_found. */
export async function suggestionsForTicket(ctx: Context, actor: UserActor, ticketId: number, limit: number) {
  const ticket = await getTicketForActor(ctx, actor, ticketId);
  const text = await self.ticketText(ctx.db, ticketId);
  return searchKnowledgeBase(ctx, actor, { q: `${ticket.subject} ${text?.messages ?? ''}`.slice(0, 500), limit });
}

/** Marks a ticket as solved with an article (idempotent). Throws ticket_not_found, not_found. */
export async function markSolvedWith(ctx: Context, actor: UserActor, ticketId: number, articleId: number) {
  await getTicketForActor(ctx, actor, ticketId);
  assertOpenable(actor, await repo.findArticle(ctx.db, articleId), articleId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('kb_solved_with')
      .values({ ticket_id: ticketId, article_id: articleId, user_id: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['ticket_id', 'article_id']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows)
      await recordAudit(trx, actor, now, {
        action: 'ticket.solved_with',
        entityType: 'ticket',
        entityId: ticketId,
        after: { article_id: articleId },
      });
  });
  return listSolvedWith(ctx, actor, ticketId);
}

/** Removes a "solved with" link. Throws ticket_not_found, not_found. */
export async function unmarkSolvedWith(ctx: Context, actor: UserActor, ticketId: number, articleId: number) {
  await getTicketForActor(ctx, actor, ticketId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('kb_solved_with')
      .where('ticket_id', '=', ticketId)
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (!removed.numDeletedRows) throw notFound('not_found', 'Solved-with link to article', articleId);
    await recordAudit(trx, actor, now, {
      action: 'ticket.solved_with_removed',
      entityType: 'ticket',
      entityId: ticketId,
      before: { article_id: articleId },
    });
  });
  return listSolvedWith(ctx, actor, ticketId);
}

async function articleRefs(ctx: Context, ids: number[]) {
  const titles = await repo.titlesOf(ctx.db, ids, 'en');
  return new Map([...titles].map(([id, t]) => [id, { id, title: t.title, slug: t.slug, url: articleUrl(id, t.slug) }]));
}

/** The articles a ticket was solved with. Throws ticket_not_found. */
export async function listSolvedWith(ctx: Context, actor: UserActor, ticketId: number) {
  await getTicketForActor(ctx, actor, ticketId);
  const links = await self.solvedWithOf(ctx.db, [ticketId]);
  const refs = await articleRefs(
    ctx,
    links.map((l) => l.article_id),
  );
  return links.flatMap((l) => {
    const ref = refs.get(l.article_id);
    return ref
      ? [
          {
            ...ref,
            linked_by: l.user_id !== null ? { id: l.user_id, name: l.user_name ?? '' } : null,
            linked_at: iso(l.created_at) as string,
          },
        ]
      : [];
  });
}

/** Solved tickets like this one, each with how it was solved (last agent reply, resolution code, articles). Throws ticket_not_found. */
export async function similarTickets(ctx: Context, actor: UserActor, ticketId: number, limit: number) {
  const ticket = await getTicketForActor(ctx, actor, ticketId);
  const words = wordsOf(ticket.subject, 12);
  if (!words.length) return [];
  const rows = await self.similarSolvedTickets(ctx.db, ticketId, ticket.subject, words.map((w) => `'${w}'`).join(' | '), limit);
  const links = await self.solvedWithOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const refs = await articleRefs(ctx, [...new Set(links.map((l) => l.article_id))]);
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    status: r.status,
    resolution_code: r.resolution_code,
    solved_at: iso(r.solved_at),
    score: Math.round(r.score * 10_000) / 10_000,
    solution: r.solution ? r.solution.slice(0, 1000) : null,
    solved_with: links.filter((l) => l.ticket_id === r.id).flatMap((l) => refs.get(l.article_id) ?? []),
  }));
}

// ── Analytics ──────────────────────────────────────────────────────────────

/** Help-centre outcomes over the last `days` days: visits, deflections, tickets, and the articles behind them. */
export async function knowledgeBaseAnalytics(ctx: Context, days: number) {
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - days * DAY_MS);
  const to = new Date(now.getTime() + 1);
  const totals = await self.deflectionTotals(ctx.db, from, to, now);
  const figures = await self.articleFigures(ctx.db, from, to, now);
  const top = figures.slice(0, 20);
  const titles = await repo.titlesOf(
    ctx.db,
    top.map((f) => f.article_id),
    'en',
  );
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    ...totals,
    deflection_rate: totals.help_sessions ? Math.round((totals.deflections / totals.help_sessions) * 10_000) / 10_000 : null,
    solved_with: await self.solvedWithCount(ctx.db, from, to),
    top_articles: top.map((f) => ({ ...f, title: titles.get(f.article_id)?.title ?? '' })),
  };
}

/** One article's figures. Throws not_found. */
export async function articleAnalytics(ctx: Context, id: number, days: number) {
  if (!(await repo.findArticle(ctx.db, id))) throw notFound('not_found', 'Article', id);
  const now = ctx.clock.now();
  const [figures] = await self.articleFigures(ctx.db, new Date(now.getTime() - days * DAY_MS), new Date(now.getTime() + 1), now, [id]);
  if (!figures) throw validationError('No figures for this article.');
  return figures;
}

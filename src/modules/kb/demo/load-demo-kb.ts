import { sql } from 'kysely';
import type { KbVisibility } from '../../../db/schema.ts';
import type { Context, UserActor } from '../../../platform/context.ts';
import { createArticle } from '../articles.service.ts';
import { createCategory } from '../catalog.service.ts';
import { slugify } from '../kb-text.ts';
import { insertVersion, upsertTranslation } from '../kb.repository.ts';
import { billingArticles } from './articles-billing.ts';
import { moreArticles } from './articles-more.ts';
import { internalArticles, platformArticles } from './articles-platform.ts';
import { demoCategories } from './demo-categories.ts';

export interface DemoArticle {
  section: string;
  title: string;
  tags: string[];
  visibility: KbVisibility;
  body: string;
}

/** Parses the demo article blocks: `=== section | title | tags [| internal|draft]` followed by Markdown. */
export function parseDemoArticles(source: string): DemoArticle[] {
  return source
    .split(/^=== /m)
    .slice(1)
    .map((block) => {
      const newline = block.indexOf('\n');
      const [section = '', title = '', tags = '', visibility = 'public'] = block
        .slice(0, newline)
        .split('|')
        .map((part) => part.trim());
      return {
        section,
        title,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        visibility: visibility as KbVisibility,
        body: block.slice(newline + 1).trim(),
      };
    });
}

/** Every demo article, public, internal and draft. */
export const demoArticles = (): DemoArticle[] =>
  [billingArticles, platformArticles, moreArticles, internalArticles].flatMap(parseDemoArticles);

/** A few German translations, to show locale fallback and per-locale search. */
const germanTitles: Record<string, { title: string; body: string }> = {
  'Reset your password': {
    title: 'Passwort zurücksetzen',
    body: '1. Wählen Sie auf der Anmeldeseite **Passwort vergessen?**\n2. Geben Sie Ihre E-Mail-Adresse ein.\n3. Öffnen Sie die E-Mail und wählen Sie **Neues Passwort festlegen**. Der Link ist 30 Minuten gültig.\n\nKommt keine E-Mail an, prüfen Sie den Spam-Ordner.',
  },
  'Download an invoice as PDF': {
    title: 'Rechnung als PDF herunterladen',
    body: '1. Öffnen Sie **Einstellungen → Abrechnung → Rechnungen**.\n2. Suchen Sie die Rechnung nach Nummer oder Datum.\n3. Wählen Sie **PDF herunterladen**.',
  },
  'Request a refund for a duplicate charge': {
    title: 'Erstattung einer doppelten Abbuchung anfordern',
    body: 'Erscheint dieselbe Zahlung zweimal auf Ihrem Kontoauszug, prüfen Sie unter **Einstellungen → Abrechnung → Zahlungen**, ob beide Zahlungen aufgeführt sind. Ist nur eine aufgeführt, verfällt die zweite Reservierung in 3–5 Werktagen. Sind beide bezahlt, wählen Sie **Erstattung anfordern**.',
  },
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * Loads the demo knowledge base (categories, about 150 articles, a few translations, views and
 * votes) unless articles exist already. Authors and owners are the demo's agents.
 */
export async function loadDemoKnowledgeBase(ctx: Context, options: { seed?: number } = {}): Promise<number> {
  const existing = await ctx.db.selectFrom('kb_articles').select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  if ((existing?.n ?? 0) > 0) return 0;
  const agents = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('role', '!=', 'customer')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const first = agents[0];
  if (!first) throw new Error('load the demo agents before the knowledge base');
  const actorOf = (index: number): UserActor => {
    const agent = agents[index % agents.length] ?? first;
    return { userId: agent.id, role: agent.role, customerId: null, name: agent.name, via: 'token' };
  };
  const sectionIds = new Map<string, number>();
  for (const [position, category] of demoCategories.entries()) {
    const parent = await createCategory(ctx, actorOf(0), {
      name: category.name,
      slug: category.slug,
      description: category.description,
      position,
    });
    sectionIds.set(category.slug, parent.id);
    for (const [index, section] of category.sections.entries()) {
      const created = await createCategory(ctx, actorOf(0), { ...section, parent_id: parent.id, position: index });
      sectionIds.set(section.slug, created.id);
    }
  }
  let random = options.seed ?? 42;
  const next = () => {
    random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
    return random / 2_147_483_648;
  };
  const now = ctx.clock.now();
  const articles = demoArticles();
  for (const [index, article] of articles.entries()) {
    // One article in eight is due for review (some of them overdue), so "outdated" has examples.
    const review = index % 8 === 3 ? new Date(now.getTime() + (next() < 0.5 ? -10 : 60) * DAY).toISOString() : undefined;
    const created = await createArticle(ctx, actorOf(index), {
      title: article.title,
      body: article.body,
      locale: 'en',
      visibility: article.visibility,
      category: sectionIds.get(article.section) ?? null,
      tags: article.tags,
      ...(review ? { review_due_at: review } : {}),
    });
    const german = germanTitles[article.title];
    if (german) {
      await ctx.db.transaction().execute(async (trx) => {
        const write = {
          articleId: created.id,
          locale: 'de',
          title: german.title,
          body: german.body,
          version: 1,
          tags: article.tags,
          userId: actorOf(index).userId,
          now,
        };
        await upsertTranslation(trx, write, slugify(german.title));
        await insertVersion(trx, { ...write, note: 'Übersetzung' });
      });
    }
    if (article.visibility === 'public') {
      const views = Math.floor(20 + next() * 400);
      const helpful = Math.floor(views * (0.05 + next() * 0.15));
      const unhelpful = Math.floor(helpful * next() * 0.4);
      await ctx.db
        .updateTable('kb_articles')
        .set({ view_count: views, helpful_count: helpful, unhelpful_count: unhelpful })
        .where('id', '=', created.id)
        .execute();
    }
  }
  return articles.length;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { demoArticles, loadDemoKnowledgeBase } from './load-demo-kb.ts';
import { relevanceSet } from './relevance-set.ts';

let env: TestEnvironment;
let customer: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  await makeUser(env.ctx, 'engineer');
  customer = await makeUser(env.ctx, 'customer');
});
afterAll(() => env?.close());

describe('the demo knowledge base', () => {
  it('holds at least 150 articles in categories, and the relevance set names only articles it holds', () => {
    const articles = demoArticles();
    expect(articles.length).toBeGreaterThanOrEqual(150);
    expect(new Set(articles.map((a) => a.title)).size).toBe(articles.length);
    expect(articles.every((a) => a.section && a.body.length > 40 && ['public', 'internal', 'draft'].includes(a.visibility))).toBe(true);
    expect(relevanceSet.length).toBeGreaterThanOrEqual(60);
    const titles = new Set(articles.map((a) => a.title));
    for (const c of relevanceSet) for (const title of c.relevant) expect(titles.has(title), title).toBe(true);
  });

  it('loads once, and answers a customer’s question in their own words', async () => {
    const loaded = await loadDemoKnowledgeBase(env.ctx);
    expect(loaded).toBe(demoArticles().length);
    expect(await loadDemoKnowledgeBase(env.ctx)).toBe(0);
    const found = await api(env.app, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('i got charged twice this month')}`, {
      as: customer,
    });
    expect(found.body.data[0].title).toBe('Request a refund for a duplicate charge');
    const german = await api(env.app, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('Passwort vergessen')}&locale=de`, { as: customer });
    expect(german.body.data[0]).toMatchObject({ title: 'Passwort zurücksetzen', locale: 'de' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let agent: TestUser;
let analyst: TestUser;
let customer: TestUser;
const ids: Record<string, number> = {};

async function article(body: Record<string, unknown>, as: TestUser = agent) {
  const response = await api(env.app, 'POST', '/api/v1/kb/articles', { as, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const search = (q: string, as?: TestUser, extra = '') =>
  api(env.app, 'GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}${extra}`, as ? { as } : {});

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'associate');
  analyst = await makeUser(env.ctx, 'analyst');
  customer = await makeUser(env.ctx, 'customer');
  const billing = await api(env.app, 'POST', '/api/v1/kb/categories', {
    as: agent,
    body: { name: 'Billing', description: 'Invoices and payments' },
  });
  ids.billing = billing.body.id;
  ids.public = (
    await article({
      title: 'Request a refund for a duplicate charge',
      body: '## When you were charged twice\n\nOpen **Billing → Payments**, choose the duplicated payment and press *Request refund*. Refunds reach your card in 5–10 business days.',
      visibility: 'public',
      category: 'billing',
      tags: ['refunds', 'payments'],
    })
  ).id;
  ids.internal = (
    await article({
      title: 'Refund approval limits for agents',
      body: 'Tier 1 may approve refunds up to 200 EUR; above that, ask a team lead. Never refund a chargeback.',
      visibility: 'internal',
      tags: ['refunds'],
    })
  ).id;
  ids.draft = (
    await article({ title: 'Refund policy draft for 2027', body: 'Refunds within 30 days, no questions asked.', visibility: 'draft' })
  ).id;
});
afterAll(() => env?.close());

describe('articles', () => {
  it('are searchable as soon as the call that saved them returns', async () => {
    const created = await article({
      title: 'Export your invoices as CSV',
      body: 'Choose **Export** on the invoices page.',
      visibility: 'public',
      tags: ['invoices'],
    });
    expect(created).toMatchObject({
      visibility: 'public',
      locale: 'en',
      version: 1,
      tags: ['invoices'],
      url: `/help/articles/${created.id}-export-your-invoices-as-csv`,
    });
    const found = await search('invoices export', customer);
    expect(found.status).toBe(200);
    expect(found.body.data[0]).toMatchObject({
      id: created.id,
      title: 'Export your invoices as CSV',
      score: expect.any(Number),
      snippet: expect.any(String),
    });
  });

  it('render Markdown to sanitised HTML and never render raw HTML or script links', async () => {
    const created = await article({
      title: 'Formatting <b>test</b>',
      body: '# Heading\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![img](https://example.com/a.png) **bold**',
      visibility: 'internal',
    });
    expect(created.body_html).toContain('<h1>Heading</h1>');
    expect(created.body_html).toContain('<strong>bold</strong>');
    expect(created.body_html).toContain('<img src="https://example.com/a.png"');
    expect(created.body_html).not.toContain('<script>');
    expect(created.body_html).not.toMatch(/href="javascript/);
    const found = await search('formatting test', agent);
    expect(found.body.data[0].title_highlight).not.toContain('<b>');
    expect(found.body.data[0].title_highlight).toContain('&lt;b&gt;');
  });

  it('answer unknown fields, bad locales and bad visibility with 400, and unknown ids with 404', async () => {
    for (const body of [
      { title: 'x', body: 'y', colour: 'red' },
      { title: 'x', body: 'y', locale: 'english!' },
      { title: 'x', body: 'y', visibility: 'secret' },
      { title: '', body: 'y' },
      { title: 'nul\u0000', body: 'y' },
    ]) {
      const response = await api(env.app, 'POST', '/api/v1/kb/articles', { as: agent, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await api(env.app, 'GET', '/api/v1/kb/articles/999999', { as: agent })).status).toBe(404);
    expect((await api(env.app, 'PATCH', '/api/v1/kb/articles/999999', { as: agent, body: { title: 'x' } })).status).toBe(404);
    expect(
      (await api(env.app, 'POST', '/api/v1/kb/articles', { as: agent, body: { title: 'x', body: 'y', category: 'nope' } })).status,
    ).toBe(400);
  });

  it('may be written by agents only', async () => {
    expect((await api(env.app, 'POST', '/api/v1/kb/articles', { as: customer, body: { title: 'x', body: 'y' } })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/kb/articles', { as: analyst, body: { title: 'x', body: 'y' } })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/kb/articles', { body: { title: 'x', body: 'y' } })).status).toBe(401);
    expect((await api(env.app, 'DELETE', `/api/v1/kb/articles/${ids.public}`, { as: customer })).status).toBe(403);
  });

  it('are deleted with DELETE and then gone from search', async () => {
    const doomed = await article({ title: 'Obsolete fax setup guide', body: 'Fax machines.', visibility: 'public' });
    expect((await search('fax', customer)).body.data.map((r: { id: number }) => r.id)).toContain(doomed.id);
    expect((await api(env.app, 'DELETE', `/api/v1/kb/articles/${doomed.id}`, { as: agent })).status).toBe(204);
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${doomed.id}`, { as: agent })).status).toBe(404);
    expect((await search('fax', customer)).body.data.map((r: { id: number }) => r.id)).not.toContain(doomed.id);
  });
});

describe('visibility', () => {
  it('a customer’s search never returns internal or draft articles', async () => {
    for (const reader of [customer, undefined]) {
      const found = await search('refund', reader);
      expect(found.status).toBe(200);
      const foundIds = found.body.data.map((r: { id: number }) => r.id);
      expect(foundIds).toContain(ids.public);
      expect(foundIds).not.toContain(ids.internal);
      expect(foundIds).not.toContain(ids.draft);
      expect(found.body.data.every((r: { visibility: string }) => r.visibility === 'public')).toBe(true);
    }
  });

  it('agents and analysts find internal articles too, but drafts only by id', async () => {
    for (const reader of [agent, analyst]) {
      const foundIds = (await search('refund', reader)).body.data.map((r: { id: number }) => r.id);
      expect(foundIds).toEqual(expect.arrayContaining([ids.public, ids.internal]));
      expect(foundIds).not.toContain(ids.draft);
      expect((await api(env.app, 'GET', `/api/v1/kb/articles/${ids.draft}`, { as: reader })).status).toBe(200);
    }
  });

  it('a customer or visitor fetching an internal or draft article by id gets 404, as for a missing one', async () => {
    for (const reader of [customer, undefined]) {
      for (const id of [ids.internal, ids.draft]) {
        const response = await api(env.app, 'GET', `/api/v1/kb/articles/${id}`, reader ? { as: reader } : {});
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('not_found');
        for (const path of ['feedback', 'views']) {
          expect(
            (
              await api(env.app, 'POST', `/api/v1/kb/articles/${id}/${path}`, {
                ...(reader ? { as: reader } : {}),
                body: path === 'feedback' ? { helpful: true } : {},
              })
            ).status,
          ).toBe(404);
        }
      }
      expect((await api(env.app, 'GET', `/api/v1/kb/articles/${ids.public}`, reader ? { as: reader } : {})).status).toBe(200);
    }
  });

  it('lists, autocompletes and suggests public articles only to customers', async () => {
    const listed = await api(env.app, 'GET', '/api/v1/kb/articles?limit=100', { as: customer });
    expect(listed.body.data.length).toBeGreaterThan(0);
    expect(listed.body.data.every((a: { visibility: string }) => a.visibility === 'public')).toBe(true);
    const completions = await api(env.app, 'GET', '/api/v1/kb/autocomplete?q=refu', { as: customer });
    expect(completions.body.data.map((r: { id: number }) => r.id)).toEqual([ids.public]);
    const suggested = await api(env.app, 'POST', '/api/v1/kb/suggestions', { as: customer, body: { text: 'I want a refund please' } });
    expect(suggested.body.data.map((r: { id: number }) => r.id)).toEqual([ids.public]);
    const unpublished = await api(env.app, 'PATCH', `/api/v1/kb/articles/${ids.public}`, { as: agent, body: { visibility: 'draft' } });
    expect(unpublished.status).toBe(200);
    expect((await search('refund', customer)).body.data).toEqual([]);
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${ids.public}`, { as: customer })).status).toBe(404);
    await api(env.app, 'PATCH', `/api/v1/kb/articles/${ids.public}`, { as: agent, body: { visibility: 'public' } });
  });
});

describe('search', () => {
  it('matches any word, stems, tolerates typos and ranks title matches first', async () => {
    const password = await article({
      title: 'Reset your password',
      body: 'Use the *Forgot password* link on the sign-in page.',
      visibility: 'public',
    });
    const mention = await article({
      title: 'Security checklist',
      body: 'Rotate API tokens; a password manager helps.',
      visibility: 'public',
    });
    const stemmed = (await search('resetting passwords', customer)).body.data.map((r: { id: number }) => r.id);
    expect(stemmed[0]).toBe(password.id);
    expect(stemmed).toContain(mention.id);
    const typo = (await search('pasword resset', customer)).body.data.map((r: { id: number }) => r.id);
    expect(typo[0]).toBe(password.id);
    const anyTerm = (await search('forgot something unrelated zebra', customer)).body.data.map((r: { id: number }) => r.id);
    expect(anyTerm).toContain(password.id);
  });

  it('keeps the document frequency of every word in step with edits and deletions', async () => {
    const df = async (lexeme: string) =>
      (
        await env.ctx.db
          .selectFrom('kb_lexemes')
          .select('df')
          .where('config', '=', 'english')
          .where('lexeme', '=', lexeme)
          .executeTakeFirst()
      )?.df ?? 0;
    const documents = await df('');
    const created = await article({ title: 'Quokka mode', body: 'Turn on quokka mode.', visibility: 'public' });
    expect([await df('quokka'), await df('')]).toEqual([1, documents + 1]);
    await api(env.app, 'PATCH', `/api/v1/kb/articles/${created.id}`, {
      as: agent,
      body: { title: 'Wombat mode', body: 'Turn on wombat mode.' },
    });
    expect([await df('quokka'), await df('wombat')]).toEqual([0, 1]);
    await api(env.app, 'DELETE', `/api/v1/kb/articles/${created.id}`, { as: agent });
    expect([await df('wombat'), await df('')]).toEqual([0, documents]);
  });

  it('highlights the matched words in the snippet and escapes everything else', async () => {
    const found = await search('duplicate charge', customer);
    const hit = found.body.data.find((r: { id: number }) => r.id === ids.public);
    expect(hit.snippet).toMatch(/<mark>[^<]+<\/mark>/);
    expect(hit.title_highlight).toContain('<mark>');
  });

  it('answers odd queries without failing', async () => {
    for (const q of ['', ' ', '!!!', "'", '"unterminated', 'a & b | !c', '%00', 'ü'.repeat(100), '\\', '(:*)']) {
      const response = await search(q, customer);
      expect(response.status, q).toBe(200);
    }
    expect((await api(env.app, 'GET', '/api/v1/kb/search?q=refund%00x', { as: customer })).status).toBe(200);
    expect((await api(env.app, 'GET', '/api/v1/kb/search?q=x&limit=0', { as: customer })).status).toBe(400);
    expect((await api(env.app, 'GET', '/api/v1/kb/search?q=x&locale=12', { as: customer })).status).toBe(400);
  });
});

describe('versions', () => {
  it('keep every edit, diff one against the one before, and restore an old one as a new version', async () => {
    const created = await article({ title: 'Change your plan', body: 'Line one.\nLine two.\n', visibility: 'public' });
    const edited = await api(env.app, 'PATCH', `/api/v1/kb/articles/${created.id}`, {
      as: agent,
      body: { body: 'Line one.\nLine 2, revised.\n', version_note: 'Clarified', base_version: 1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await api(env.app, 'PATCH', `/api/v1/kb/articles/${created.id}`, { as: agent, body: { body: 'x', base_version: 1 } });
    expect(stale.status).toBe(409);
    const versions = await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}/versions`, { as: agent });
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.data[0].note).toBe('Clarified');
    const diff = await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}/versions/2`, { as: agent });
    expect(diff.body.compared_to).toBe(1);
    expect(diff.body.changes).toEqual([
      { kind: 'same', text: 'Line one.\n' },
      { kind: 'removed', text: 'Line two.\n' },
      { kind: 'added', text: 'Line 2, revised.\n' },
    ]);
    const restored = await api(env.app, 'POST', `/api/v1/kb/articles/${created.id}/versions/1/restore`, { as: agent, body: {} });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, body: 'Line one.\nLine two.\n' });
    expect((await search('line two plan', customer)).body.data[0].id).toBe(created.id);
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}/versions`, { as: customer })).status).toBe(403);
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}/versions/9`, { as: agent })).status).toBe(404);
  });
});

describe('translations', () => {
  it('fall back to the base language and then the default locale, and are searched with their own stemming', async () => {
    const created = await article({
      title: 'Enable two-factor sign-in',
      body: 'Open **Security** and scan the QR code.',
      visibility: 'public',
    });
    const fallback = await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}?locale=de`, { as: customer });
    expect(fallback.body).toMatchObject({ locale: 'en', requested_locale: 'de', fallback: true, locales: ['en'] });
    const put = await api(env.app, 'PUT', `/api/v1/kb/articles/${created.id}/translations/de`, {
      as: agent,
      body: { title: 'Zwei-Faktor-Anmeldung einschalten', body: 'Öffnen Sie **Sicherheit** und scannen Sie die Codes.' },
    });
    expect(put.status).toBe(200);
    const german = await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}?locale=de-AT`, { as: customer });
    expect(german.body).toMatchObject({ locale: 'de', fallback: true, title: 'Zwei-Faktor-Anmeldung einschalten', locales: ['de', 'en'] });
    const exact = await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}?locale=de`, { as: customer });
    expect(exact.body.fallback).toBe(false);
    // German stemming: "Code" finds "Codes".
    const found = await search('Code', customer, '&locale=de');
    expect(found.body.data[0]).toMatchObject({ id: created.id, locale: 'de' });
    // Articles without a German translation are still found, in English.
    const fallbackSearch = await search('duplicate charge', customer, '&locale=de');
    expect(fallbackSearch.body.data[0]).toMatchObject({ id: ids.public, locale: 'en' });
    expect((await api(env.app, 'DELETE', `/api/v1/kb/articles/${created.id}/translations/en`, { as: agent })).status).toBe(422);
    expect((await api(env.app, 'DELETE', `/api/v1/kb/articles/${created.id}/translations/de`, { as: agent })).status).toBe(204);
  });
});

describe('feedback, views and review', () => {
  it('counts views and helpful votes and keeps comments for agents', async () => {
    expect((await api(env.app, 'POST', `/api/v1/kb/articles/${ids.public}/views`, { body: {} })).status).toBe(204);
    const vote = await api(env.app, 'POST', `/api/v1/kb/articles/${ids.public}/feedback`, {
      as: customer,
      body: { helpful: false, comment: 'The button is called Refund now' },
    });
    expect(vote.status).toBe(201);
    await api(env.app, 'POST', `/api/v1/kb/articles/${ids.public}/feedback`, { body: { helpful: true } });
    const now = await api(env.app, 'GET', `/api/v1/kb/articles/${ids.public}`, { as: agent });
    expect(now.body).toMatchObject({ view_count: 1, helpful_count: 1, unhelpful_count: 1 });
    const comments = await api(env.app, 'GET', `/api/v1/kb/articles/${ids.public}/feedback`, { as: agent });
    expect(comments.body.data[1]).toMatchObject({ helpful: false, comment: 'The button is called Refund now' });
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${ids.public}/feedback`, { as: customer })).status).toBe(403);
  });

  it('flags an article outdated when an agent says so or its review date passes, and an edit clears the flag', async () => {
    const created = await article({
      title: 'Old mobile app menu',
      body: 'Tap the hamburger.',
      visibility: 'public',
      review_due_at: '2026-03-10T00:00:00Z',
    });
    expect(created.outdated).toBe(false);
    env.clock.advance(9 * 24 * 60 * 60 * 1000);
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}`, { as: agent })).body.outdated).toBe(true);
    const listed = await api(env.app, 'GET', '/api/v1/kb/articles?outdated=true&limit=100', { as: agent });
    expect(listed.body.data.map((a: { id: number }) => a.id)).toContain(created.id);
    const flagged = await api(env.app, 'POST', `/api/v1/kb/articles/${ids.public}/outdated`, {
      as: agent,
      body: { reason: 'Menu renamed' },
    });
    expect(flagged.body).toMatchObject({ outdated: true, outdated_reason: 'Menu renamed' });
    const edited = await api(env.app, 'PATCH', `/api/v1/kb/articles/${ids.public}`, {
      as: agent,
      body: { body: 'Open **Billing → Payments → Refund**.' },
    });
    expect(edited.body.outdated).toBe(false);
    // Customers never see review data.
    expect((await api(env.app, 'GET', `/api/v1/kb/articles/${created.id}`, { as: customer })).body).toMatchObject({
      outdated: false,
      owner: null,
    });
  });
});

describe('categories', () => {
  it('hold sections, and the help centre shows only those with public articles', async () => {
    const section = await api(env.app, 'POST', '/api/v1/kb/categories', { as: agent, body: { name: 'Refunds', parent_id: ids.billing } });
    expect(section.status).toBe(201);
    const nested = await api(env.app, 'POST', '/api/v1/kb/categories', { as: agent, body: { name: 'Deeper', parent_id: section.body.id } });
    expect(nested.status).toBe(400);
    await api(env.app, 'POST', '/api/v1/kb/categories', { as: agent, body: { name: 'Empty one' } });
    const forCustomer = await api(env.app, 'GET', '/api/v1/kb/categories', { as: customer });
    expect(forCustomer.body.data.map((c: { slug: string }) => c.slug)).toEqual(['billing']);
    const forAgent = await api(env.app, 'GET', '/api/v1/kb/categories', { as: agent });
    expect(forAgent.body.data.map((c: { slug: string }) => c.slug)).toEqual(expect.arrayContaining(['billing', 'empty-one', 'refunds']));
    const inCategory = await api(env.app, 'GET', '/api/v1/kb/articles?category=billing', { as: customer });
    expect(inCategory.body.data.map((a: { id: number }) => a.id)).toEqual([ids.public]);
  });
});

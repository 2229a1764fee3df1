import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './screens.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let call: ApiCall;

interface Analytics {
  help_sessions: number;
  deflections: number;
  tickets_after_help: number;
}

beforeAll(async () => {
  server = await startServer();
  call = await adminApi(server);
  await call('POST', '/api/v1/kb/articles', {
    title: 'Request a refund for a duplicate charge',
    body: 'If the same payment appears twice on your statement, open **Billing → Payments** and choose *Request refund* on the duplicate.',
    visibility: 'public',
    tags: ['refunds', 'charged twice'],
  });
  await call('POST', '/api/v1/kb/articles', {
    title: 'Refund approval limits',
    body: 'Internal: Tier 1 refunds up to 200 EUR.',
    visibility: 'internal',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('self-service deflection', () => {
  it('a customer sees a suggested article while writing a request, opens it, leaves without sending, and the deflection is counted', async () => {
    const email = `dana.${Date.now()}@northwind.example`;
    await call('POST', '/api/v1/users', { email, name: 'Dana Customer', role: 'customer', password: 'a-long-enough-password' });
    const before = await call<Analytics>('GET', '/api/v1/kb/analytics?days=1');
    const { context, page } = await openPage(browser, server.url, 'desktop');
    const signedIn = await context.request.post('/api/v1/session', { data: { email, password: 'a-long-enough-password' } });
    expect(signedIn.ok()).toBe(true);
    await page.goto('/portal/requests/new');
    await page.getByLabel('Subject').fill('I was charged twice this month');
    const suggestions = page.getByRole('region', { name: 'Suggested articles' });
    await suggestions.getByRole('link', { name: /duplicate charge/ }).waitFor();
    // Internal articles are never suggested to customers.
    expect(await suggestions.getByText('Refund approval limits').count()).toBe(0);
    await suggestions.getByRole('link', { name: /duplicate charge/ }).click();
    await page.waitForURL(/\/help\/articles\/\d+-request-a-refund-for-a-duplicate-charge/);
    await page.getByText('Was this helpful?').waitFor();
    await page.getByRole('button', { name: 'Yes' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    await context.close();

    let after = before;
    for (let attempt = 0; attempt < 20 && after.deflections === before.deflections; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await call<Analytics>('GET', '/api/v1/kb/analytics?days=1');
    }
    expect(after.deflections).toBe(before.deflections + 1);
    expect(after.help_sessions).toBe(before.help_sessions + 1);
    expect(after.tickets_after_help).toBe(before.tickets_after_help);
  });
});

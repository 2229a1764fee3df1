import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, shoot, signIn } from './screens.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let call: ApiCall;

beforeAll(async () => {
  server = await startServer();
  call = await adminApi(server);
  const product = await call<{ id: number }>('POST', '/api/v1/categories', { name: 'Billing' });
  await call('POST', '/api/v1/categories', { name: 'Refunds', parent_id: product.id });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the customer portal', () => {
  it('a customer submits a request and sees the agent’s reply', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await page.goto('/portal/sign-up');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Ana Souza');
    // A fresh address per attempt, so a retried run does not meet the account of the first.
    const email = `ana.${Date.now()}@northwind.example`;
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /how can we help/ }).waitFor();

    await page.getByRole('link', { name: 'New request' }).first().click();
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await page.getByLabel('Subject').fill('Refund for a double charge');
    await page.getByRole('combobox', { name: 'What is it about?' }).click();
    await page.getByRole('option', { name: 'Billing › Refunds' }).click();
    await page.getByLabel('How can we help?').fill('Invoice 2024-1183 was charged twice on my card. Please refund one of them.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/portal\/requests\/\d+/);
    await page.getByText('Invoice 2024-1183 was charged twice').first().waitFor();
    const mine = await call<{ data: { id: number }[] }>('GET', `/api/v1/tickets?q=${encodeURIComponent(`requester:${email}`)}`);
    expect(mine.data).toHaveLength(1);
    const ticketId = mine.data[0]?.id as number;
    expect(page.url()).toContain(String(ticketId));

    const ticket = await call<{ channel: string; category: { path: string } }>('GET', `/api/v1/tickets/${ticketId}`);
    expect(ticket).toMatchObject({ channel: 'web', category: { path: 'billing/refunds' } });
    await call('POST', `/api/v1/tickets/${ticketId}/comments`, {
      body: 'We refunded the second charge; it shows within 5 days.',
      status: 'solved',
    });
    await call('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'Internal: refund id R-77', public: false });

    await page.reload();
    await page.getByText('We refunded the second charge').waitFor();
    expect(await page.getByText('Internal: refund id R-77').count()).toBe(0);
    await shoot(page, 'e2e-portal-reply', 'desktop', { fullPage: true });
    await context.close();
  });
});

describe('admin', () => {
  it('an admin adds an agent with skills and a tier', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, server.admin.email, server.admin.password);
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add user' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Sven Olsen');
    const svenEmail = `sven.${Date.now()}@frontline.example`;
    await dialog.getByRole('textbox', { name: 'Email' }).fill(svenEmail);
    await dialog.getByRole('button', { name: 'Generate a strong password' }).click();
    await dialog.getByRole('button', { name: 'Add user' }).click();
    const form = page.getByRole('form', { name: 'Edit Sven Olsen' });
    await form.waitFor();
    await form.getByText('Tier 2').click();
    await form.getByRole('button', { name: 'Add skill' }).click();
    await page.getByRole('combobox', { name: 'Skill 1', exact: true }).fill('product:billing');
    await form.getByRole('button', { name: 'Add skill' }).click();
    await page.getByRole('combobox', { name: 'Skill 2', exact: true }).fill('language:de');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Sven Olsen').waitFor();
    await shoot(page, 'e2e-admin-agent-added', 'desktop', { settle: false });

    const users = await call<{ data: { email: string; tier: number; role: string; skills: { name: string }[] }[] }>(
      'GET',
      '/api/v1/users?q=sven',
    );
    const sven = users.data.find((u) => u.email === svenEmail);
    expect(sven?.tier).toBe(2);
    expect(sven?.role).not.toBe('customer');
    expect(sven?.skills.map((s) => s.name).sort()).toEqual(['language:de', 'product:billing']);
    await context.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, shoot, signIn } from './screens.ts';
import { DEMO_PASSWORD, demoAgents, demoCustomer, seed } from './seed.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let call: ApiCall;

const maya = demoAgents.find((a) => a.key === 'maya') ?? demoAgents[0];

beforeAll(async () => {
  server = await startServer();
  await seed(server.url, server.admin);
  call = await adminApi(server);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('outbound call lists', () => {
  it('an agent works three customers from a call list, highest balance first', async () => {
    const people = [
      { name: 'Olga Petrova', phone: '+442071234501', balance: 25_000, risk: 40 },
      { name: 'Kenji Mori', phone: '+442071234502', balance: 90_000, risk: 10 },
      { name: 'Lea Dubois', phone: '+442071234503', balance: 25_000, risk: 85 },
    ];
    const accounts = [];
    for (const person of people) {
      const customer = await call<{ id: number }>('POST', '/api/v1/customers', {
        name: person.name,
        identities: [{ kind: 'phone', value: person.phone, is_primary: true }],
        time_zone: 'UTC',
        value_tier: 'collections-e2e',
      });
      accounts.push({ customer_id: customer.id, open_balance_cents: person.balance, risk_score: person.risk });
    }
    await call('POST', '/api/v1/customer-accounts/import', { accounts });
    const segment = await call<{ id: number }>('POST', '/api/v1/segments', {
      name: 'Collections (e2e)',
      rules: { match: 'all', conditions: [{ field: 'value_tier', op: 'eq', value: 'collections-e2e' }] },
    });
    // Every hour of every day, so the flow does not depend on when it runs.
    await call('POST', '/api/v1/campaigns', {
      name: 'Overdue balances',
      segment_id: segment.id,
      channel: 'phone',
      window_start_hour: 0,
      window_end_hour: 24,
      weekdays_only: false,
    });

    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, maya.email, DEMO_PASSWORD);
    await page.goto('/outbound');
    await page.getByRole('heading', { name: 'Call lists' }).waitFor();
    await page.getByRole('table', { name: 'Call list' }).getByText('Lea Dubois').waitFor();
    await shoot(page, 'e2e-call-list', 'desktop');

    const worked: string[] = [];
    for (const outcome of ['Reached', 'Left voicemail', 'Reached']) {
      await page.getByRole('button', { name: 'Next customer' }).click();
      const card = page.getByLabel('Current customer');
      await card.waitFor();
      worked.push(((await card.getByRole('heading').textContent()) ?? '').trim());
      await card.getByLabel('Outcome').click();
      await page.getByRole('option', { name: outcome }).click();
      await card.getByLabel('Note').fill(`Called: ${outcome.toLowerCase()}`);
      if (worked.length === 1) await shoot(page, 'e2e-call-list-customer', 'desktop');
      await card.getByRole('button', { name: 'Record outcome' }).click();
      await card.waitFor({ state: 'detached' });
    }
    expect(worked).toEqual(['Kenji Mori', 'Lea Dubois', 'Olga Petrova']);
    const timeline = await call<{ data: { outcome: string; note: string }[] }>(
      'GET',
      `/api/v1/customers/${accounts[2]?.customer_id}/contact-attempts`,
    );
    expect(timeline.data[0]).toMatchObject({ outcome: 'voicemail', note: 'Called: left voicemail' });
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'e2e-call-list', 'phone');
    await context.close();
  });
});

describe('warranty claims in the portal', () => {
  it('a customer files a claim that is refused with a clear reason, corrects it, and an agent approves it', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, demoCustomer.email, DEMO_PASSWORD);
    await page.goto('/portal/claims');
    await page.getByRole('heading', { name: 'Returns and warranty' }).waitFor();
    await page.getByLabel('Order number').fill('NW-20931');
    await page.getByLabel('Item').fill('Desk lamp L2');
    const bought = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Purchase date').fill(bought);
    await page.getByLabel('What is wrong?').fill('The switch stopped working.');
    await page.getByLabel('Photos (links, one per line)').fill('https://photos.example/lamp-switch.jpg');
    await page.getByRole('button', { name: 'Send claim' }).click();

    const reason = page.getByText('For a warranty claim, the serial number is required.');
    await reason.waitFor();
    await shoot(page, 'e2e-claim-rejected', 'desktop', { fullPage: true });
    const card = page.getByLabel(/^Claim \d+$/);
    const claimId = Number((await card.getAttribute('aria-label'))?.replace('Claim ', ''));
    await card.getByLabel('Serial number').fill('L2-88412');
    await card.getByRole('button', { name: 'Send corrected claim' }).click();
    await card.getByText('requested', { exact: true }).waitFor();
    await expect(page.getByText('For a warranty claim, the serial number is required.').count()).resolves.toBe(0);

    await call('POST', `/api/v1/return-claims/${claimId}/transitions`, { to: 'approved' });
    await page.reload();
    await page.getByLabel(`Claim ${claimId}`).getByText('approved', { exact: true }).waitFor();
    await shoot(page, 'e2e-claim-approved', 'desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'e2e-claim-approved', 'phone');
    const claim = await call<{ status: string; events: { to_status: string }[] }>('GET', `/api/v1/return-claims/${claimId}`);
    expect(claim.events.map((e) => e.to_status)).toEqual(['requested', 'rejected', 'requested', 'approved']);
    await context.close();
  });
});

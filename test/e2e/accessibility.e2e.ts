import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './screens.ts';
import { DEMO_PASSWORD, demoAgents, demoCustomer, seed } from './seed.ts';
import { type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  await seed(server.url, server.admin);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Serious and critical WCAG 2.1 A/AA violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

const maya = demoAgents[0];

describe('accessibility of the main screens (axe-core: no serious or critical violations)', () => {
  it('sign-in', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the ticket list and a ticket', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, maya.email, DEMO_PASSWORD);
    await page.goto('/tickets?q=status%3Csolved');
    await page.locator('tbody tr').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('tbody tr').first().getByRole('link').first().click();
    await page.getByRole('article').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the portal', async () => {
    const { context, page } = await openPage(browser, server.url, 'phone');
    await page.goto('/portal/sign-in');
    await page.getByRole('heading').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(context, demoCustomer.email, DEMO_PASSWORD);
    await page.goto('/portal');
    await page.getByRole('heading', { name: /how can we help/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('admin users', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, server.admin.email, server.admin.password);
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add user' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

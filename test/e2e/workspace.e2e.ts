import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, shoot, signIn } from './screens.ts';
import { DEMO_PASSWORD, demoAgents, seed } from './seed.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let call: ApiCall;

const maya = demoAgents.find((a) => a.key === 'maya') ?? demoAgents[0];
const tomas = demoAgents.find((a) => a.key === 'tomas') ?? demoAgents[1];

beforeAll(async () => {
  server = await startServer();
  await seed(server.url, server.admin);
  call = await adminApi(server);
  await call('PATCH', '/api/v1/settings/tickets', { resolution_code_required: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the agent workspace', () => {
  it('an agent signs in, opens a view, replies to a ticket and solves it', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(maya.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Shared views' }).waitFor();
    await page.getByRole('link', { name: /All unsolved/ }).click();
    await page.getByRole('heading', { name: 'All unsolved' }).waitFor();
    const firstRow = page.locator('tbody tr').first();
    await firstRow.waitFor();
    await shoot(page, 'e2e-workspace-view', 'desktop');
    await firstRow.getByRole('link').first().click();
    await page.getByRole('article').first().waitFor();
    const ticketId = Number(/\/tickets\/(\d+)/.exec(page.url())?.[1]);
    expect(ticketId).toBeGreaterThan(0);

    await page.getByRole('textbox', { name: /Reply to/ }).fill('Thanks for waiting — this is fixed now; please try again.');
    await page.getByRole('combobox', { name: 'Submit as status' }).click();
    await page.getByRole('option', { name: /Submit as Solved/ }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    // The sent reply appears as a message of the conversation (the reply box itself may still hold the text).
    await page.getByRole('article').filter({ hasText: 'Thanks for waiting — this is fixed now' }).first().waitFor();
    await shoot(page, 'e2e-workspace-solved', 'desktop', { fullPage: true });

    const ticket = await call<{ status: string; first_response_at: string | null }>('GET', `/api/v1/tickets/${ticketId}`);
    expect(ticket.status).toBe('solved');
    const comments = await call<{ data: { body: string; public: boolean; author: { name: string } }[] }>(
      'GET',
      `/api/v1/tickets/${ticketId}/comments?limit=100`,
    );
    expect(comments.data.at(-1)).toMatchObject({ public: true, author: { name: maya.name } });
    await context.close();
  });

  it('two agents on one ticket see each other, and one sees the other’s change live', async () => {
    const open = await call<{ data: { id: number }[] }>('GET', `/api/v1/tickets?q=${encodeURIComponent('status<solved')}&limit=1`);
    const id = open.data[0]?.id;
    expect(id).toBeDefined();
    const a = await openPage(browser, server.url, 'desktop');
    const b = await openPage(browser, server.url, 'desktop');
    await signIn(a.context, maya.email, DEMO_PASSWORD);
    await signIn(b.context, tomas.email, DEMO_PASSWORD);
    await a.page.goto(`/tickets/${id}`);
    await b.page.goto(`/tickets/${id}`);
    await a.page.getByRole('article').first().waitFor();
    await b.page.getByRole('article').first().waitFor();

    const mayaFirst = maya.name.split(' ')[0];
    const tomasFirst = tomas.name.split(' ')[0];
    try {
      await b.page.getByText(`${mayaFirst} is also viewing`).waitFor({ timeout: 15_000 });
    } catch (error) {
      await shoot(b.page, 'e2e-debug-presence', 'desktop', { settle: false, fullPage: true });
      throw error;
    }
    await a.page.getByText(`${tomasFirst} is also viewing`).waitFor({ timeout: 15_000 });

    const current = await call<{ priority: string }>('GET', `/api/v1/tickets/${id}`);
    const target = current.priority === 'p1' ? 'P2' : 'P1';
    await a.page.getByRole('combobox', { name: 'Priority' }).click();
    await a.page.getByRole('option', { name: new RegExp(`^${target}`) }).click();
    await b.page.getByText(`${mayaFirst} changed the priority`).waitFor({ timeout: 15_000 });
    await shoot(b.page, 'e2e-workspace-live-change', 'desktop', { settle: false });
    expect((await call<{ priority: string }>('GET', `/api/v1/tickets/${id}`)).priority).toBe(target.toLowerCase());
    await a.context.close();
    await b.context.close();
  });
});

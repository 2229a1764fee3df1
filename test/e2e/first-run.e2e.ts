import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, shoot } from './screens.ts';
import { type RunningServer, startServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a new user on a fresh install', () => {
  it('signs in with the printed credentials and sees the ticket list', async () => {
    expect(server.admin.password.length).toBeGreaterThanOrEqual(12);
    const created = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    expect(created.status).toBe(200);

    const { context, page } = await openPage(browser, server.url, 'desktop');
    await page.goto('/');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password', { exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/tickets/);
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    await page.getByText('Administrator').first().waitFor();
    await shoot(page, 'e2e-first-run-tickets', 'desktop');
    await context.close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const { context, page } = await openPage(browser, server.url, 'phone');
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not right.').waitFor();
    await shoot(page, 'e2e-first-run-wrong-password', 'phone');
    await context.close();
  });
});

describe('the web app on the wire', () => {
  it('serves its scripts compressed to browsers that accept it, and whole to those that do not', async () => {
    const html = await (await fetch(server.url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const plain = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': encoding } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      // fetch decodes the body: it must be the same script, byte for byte.
      expect(Buffer.from(await response.arrayBuffer()).equals(plainBody)).toBe(true);
    }
  });
});

/**
 * Screenshots of every web screen at desktop and phone width, taken with Debian's Chromium through
 * playwright-core, for reviewing the UI by eye (PNG files in test-results/).
 *
 *   FRONTLINE_URL=http://127.0.0.1:3100 FRONTLINE_ADMIN_PASSWORD=… node --import tsx test/e2e/screens.ts [filter]
 *
 * It seeds a small demo help desk through the API when the instance has no tickets (see seed.ts);
 * run it against a throw-away data directory. The server should allow many sign-ins a minute
 * (FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE=1000). `filter` keeps only screenshots whose name contains it.
 *
 * The helpers (launchBrowser, openPage, signIn, shoot) are exported for other browser checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAgents, demoCustomer, seed } from './seed.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');

export const viewports = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof viewports;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: viewports[viewport],
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  page.on('console', (message) => {
    // A 401 from the session check when signed out is expected; anything else is worth a look.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) console.error(`  console: ${message.text()}`);
  });
  return { context, page };
}

/** Signs in through the API so the context carries the session cookie. */
export async function signIn(context: BrowserContext, email: string, password: string): Promise<void> {
  const response = await context.request.post('/api/v1/session', { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in as ${email} failed: ${response.status()} ${await response.text()}`);
}

/** Waits for the screen to settle (no requests, no skeletons), then writes test-results/<name>-<viewport>.png. */
export async function shoot(
  page: Page,
  name: string,
  viewport: ViewportName,
  options: { settle?: boolean; fullPage?: boolean } = {},
): Promise<string> {
  if (options.settle !== false) {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"], .fl-fullpage[role="status"]'), null, {
      timeout: 10_000,
    });
  }
  if (options.settle !== false) await page.mouse.move(viewports[viewport].width - 1, viewports[viewport].height - 1); // no stray hover tooltips
  await page.waitForTimeout(250);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${viewport}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  console.log(`  ${path.relative(process.cwd(), file)}`);
  return file;
}

const problem = (status: number, code: string, detail: string) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ status, code, detail, title: 'Error' }),
});

async function firstTicketId(context: BrowserContext, q: string): Promise<number> {
  const response = await context.request.get(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=1`);
  const page = (await response.json()) as { data: { id: number }[] };
  const id = page.data[0]?.id;
  if (!id) throw new Error(`no ticket matches ${q}`);
  return id;
}

async function run(): Promise<void> {
  const baseURL = process.env.FRONTLINE_URL ?? 'http://127.0.0.1:3100';
  const adminEmail = process.env.FRONTLINE_ADMIN_EMAIL ?? 'admin@example.com';
  const adminPassword = process.env.FRONTLINE_ADMIN_PASSWORD;
  const filter = process.argv[2];
  if (adminPassword && (await seed(baseURL, { email: adminEmail, password: adminPassword }))) console.log('seeded the demo help desk');

  const manager = demoAgents[0];
  const analyst = demoAgents[4];
  const wanted = (name: string) => !filter || name.includes(filter);
  const browser = await launchBrowser();
  try {
    for (const viewport of Object.keys(viewports) as ViewportName[]) {
      console.log(`${viewport}:`);

      // Signed out: the sign-in page and its errors.
      {
        const { context, page } = await openPage(browser, baseURL, viewport);
        if (wanted('sign-in')) {
          await page.goto('/tickets');
          await page.waitForURL('**/sign-in');
          await shoot(page, 'sign-in', viewport);

          await page.getByLabel('Email').fill(manager.email);
          await page.getByLabel('Password', { exact: true }).fill('not-the-password');
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('alert').waitFor();
          await shoot(page, 'sign-in-wrong-password', viewport);

          await page.route('**/api/v1/session', (route) =>
            route.request().method() === 'POST'
              ? route.fulfill(problem(429, 'rate_limited', 'Too many sign-in attempts; try again in 1 minute.'))
              : route.continue(),
          );
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByText('Too many sign-in attempts', { exact: false }).first().waitFor();
          await shoot(page, 'sign-in-rate-limited', viewport);
          await page.unroute('**/api/v1/session');
        }
        await context.close();
      }

      // An agent (manager) at work.
      {
        const { context, page } = await openPage(browser, baseURL, viewport);
        await signIn(context, manager.email, DEMO_PASSWORD);

        if (wanted('tickets')) {
          await page.goto('/tickets');
          await shoot(page, 'tickets-mine', viewport);
          await page.goto('/tickets?q=assignee%3Anone%20status%3Csolved');
          await shoot(page, 'tickets-unassigned', viewport);
          await page.goto('/tickets?q=status%3Csolved');
          await shoot(page, 'tickets-unsolved', viewport);
          await page.goto('/tickets?q=status%3Asolved%20updated%3C7d');
          await shoot(page, 'tickets-solved', viewport);

          const search = page.getByRole('textbox', { name: 'Search tickets' });
          await search.fill('status:open priority:');
          await search.press('Enter');
          await page.getByText('position', { exact: false }).first().waitFor();
          await shoot(page, 'tickets-search-error', viewport);

          await search.fill('tag:no-such-tag');
          await search.press('Enter');
          await page.getByText('No tickets match', { exact: false }).waitFor();
          await shoot(page, 'tickets-empty', viewport);

          // Loading skeleton: hold the list request until the screenshot is taken.
          let release: () => void = () => {};
          const held = new Promise<void>((resolve) => {
            release = resolve;
          });
          await page.route('**/api/v1/tickets?*', async (route) => {
            await held;
            await route.continue().catch(() => undefined);
          });
          await page.goto('/tickets?q=status%3Csolved');
          await page.getByRole('status', { name: 'Loading tickets' }).waitFor();
          await shoot(page, 'tickets-loading', viewport, { settle: false });
          release();
          await page.waitForLoadState('networkidle');
          await page.unroute('**/api/v1/tickets?*');

          // "Load more": ask for pages of 4 so the demo data spans several pages.
          await page.route('**/api/v1/tickets?*', (route) =>
            route.continue({
              url: route
                .request()
                .url()
                .replace(/limit=\d+/, 'limit=4'),
            }),
          );
          await page.goto('/tickets?q=status%3Csolved');
          await page.getByRole('button', { name: 'Load more' }).click();
          await page.waitForFunction(() => document.querySelectorAll('tbody tr').length > 4);
          await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
          await shoot(page, 'tickets-load-more', viewport);
          await page.unroute('**/api/v1/tickets?*');

          await page.route('**/api/v1/tickets?*', (route) =>
            route.fulfill(problem(503, 'database_locked', 'The database is busy; please retry in a moment.')),
          );
          await page.goto('/tickets?q=assignee%3Anone%20status%3Csolved');
          await page.getByText('Could not load tickets').waitFor({ timeout: 15_000 });
          await shoot(page, 'tickets-error', viewport);
          await page.unroute('**/api/v1/tickets?*');
        }

        if (viewport === 'phone' && wanted('nav')) {
          await page.goto('/tickets');
          await page.waitForLoadState('networkidle');
          await page.getByRole('button', { name: 'Open navigation' }).click();
          await page.waitForTimeout(400);
          await shoot(page, 'nav-open', viewport);
        }
        if (wanted('user-menu')) {
          await page.goto('/tickets');
          await page.waitForLoadState('networkidle');
          await page.getByRole('button', { name: /Account menu/ }).click();
          await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
          await shoot(page, 'user-menu', viewport);
          await page.keyboard.press('Escape');
        }

        if (wanted('ticket')) {
          const urgent = await firstTicketId(context, 'priority:p1');
          // Live updates pass through until `frozen`: then this page keeps a stale copy for the conflict shot below.
          let frozen = false;
          await page.routeWebSocket('**/api/v1/stream', (ws) => {
            const server = ws.connectToServer();
            ws.onMessage((message) => server.send(message));
            server.onMessage((message) => {
              if (!frozen) ws.send(message);
            });
          });
          await page.goto(`/tickets/${urgent}`);
          await page.getByRole('article').first().waitFor();
          await shoot(page, 'ticket-detail', viewport);
          await shoot(page, 'ticket-detail-full', viewport, { fullPage: true });

          await page.getByRole('form', { name: 'Reply' }).getByText('Internal note', { exact: true }).click();
          await page
            .getByRole('textbox', { name: 'Internal note' })
            .fill('Provider confirmed the fix is rolling out; I will call Lukas once checkouts succeed again.');
          await page.getByRole('textbox', { name: 'Internal note' }).scrollIntoViewIfNeeded();
          await shoot(page, 'ticket-internal-note', viewport, { settle: false });

          // Optimistic concurrency: someone else changes the ticket, then this page edits its stale copy.
          frozen = true;
          const session = (await (await context.request.get('/api/v1/session')).json()) as { csrf_token: string };
          const current = (await (await context.request.get(`/api/v1/tickets/${urgent}`)).json()) as { version: number; tags: string[] };
          await context.request.patch(`/api/v1/tickets/${urgent}`, {
            headers: { 'x-csrf-token': session.csrf_token },
            // Toggle a tag so the change is real (an unchanged value would not bump the version).
            data: {
              tags: current.tags.includes('escalated') ? current.tags.filter((tag) => tag !== 'escalated') : [...current.tags, 'escalated'],
              version: current.version,
            },
          });
          await page.getByRole('combobox', { name: 'Priority' }).click();
          await page.getByRole('option', { name: /P2/ }).click(); // the ticket is P1, so this is a change
          await page.getByText('Someone else changed this ticket', { exact: false }).first().waitFor();
          await page
            .getByRole('complementary', { name: 'Ticket properties' })
            .getByRole('alert')
            .evaluate((element) => element.scrollIntoView({ block: 'center' }));
          await shoot(page, 'ticket-conflict', viewport);
          frozen = false;

          await page.goto('/tickets/999999');
          await page.getByText('Ticket not found').waitFor();
          await shoot(page, 'ticket-not-found', viewport);
        }

        if (wanted('reply')) {
          // Write an internal note on a solved ticket and keep it solved.
          const solved = await firstTicketId(context, '"dark mode"');
          await page.goto(`/tickets/${solved}`);
          await page.getByRole('article').first().waitFor();
          const form = page.getByRole('form', { name: 'Reply' });
          await form.getByText('Internal note', { exact: true }).click();
          await page
            .getByRole('textbox', { name: 'Internal note' })
            .fill(`Logged the request in the roadmap board (${new Date().toISOString().slice(0, 16)}).`);
          await page.getByRole('button', { name: 'Add note' }).click();
          await page.getByText('Internal note added').waitFor();
          await shoot(page, 'ticket-note-added', viewport);
        }

        if (wanted('not-found')) {
          await page.goto('/reports/weekly');
          await page.getByText('Page not found').waitFor();
          await shoot(page, 'not-found', viewport);
        }
        if (wanted('sign-out')) {
          await page.goto('/tickets');
          await page.getByRole('button', { name: /Account menu/ }).click();
          await page.getByRole('menuitem', { name: 'Sign out' }).click();
          await page.waitForURL('**/sign-in');
          const after = await context.request.get('/api/v1/session');
          if (after.status() !== 401) throw new Error(`still signed in after signing out (${after.status()})`);
        }

        await context.close();
      }

      // An analyst reads but does not change.
      if (wanted('analyst')) {
        const { context, page } = await openPage(browser, baseURL, viewport);
        await signIn(context, analyst.email, DEMO_PASSWORD);
        const id = await firstTicketId(context, 'priority:p1');
        await page.goto(`/tickets/${id}`);
        await page.getByRole('article').first().waitFor();
        await shoot(page, 'analyst-ticket', viewport);
        await context.close();
      }

      // A portal customer sees only their own requests.
      if (wanted('customer')) {
        const { context, page } = await openPage(browser, baseURL, viewport);
        await signIn(context, demoCustomer.email, DEMO_PASSWORD);
        await page.goto('/tickets');
        await shoot(page, 'customer-requests', viewport);
        const id = await firstTicketId(context, 'status<solved');
        await page.goto(`/tickets/${id}`);
        await page.getByRole('article').first().waitFor();
        await shoot(page, 'customer-ticket', viewport, { fullPage: true });
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

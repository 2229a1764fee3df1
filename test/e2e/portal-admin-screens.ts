/**
 * Screenshots of the customer portal and the admin screens at desktop and phone width (PNG files in
 * test-results/), in Debian's Chromium through playwright-core, reusing the helpers of screens.ts.
 *
 *   FRONTLINE_URL=http://127.0.0.1:3100 FRONTLINE_ADMIN_PASSWORD=… \
 *   FRONTLINE_SERVER_LOG=/path/to/server-stdout.log node --import tsx test/e2e/portal-admin-screens.ts [filter]
 *
 * Run it against a throw-away instance: it seeds the demo help desk (seed.ts) and then adds a taxonomy,
 * custom fields, resolution codes and agent skills through the API when they are missing. Without
 * SMTP_URL the server logs the emails it would send; FRONTLINE_SERVER_LOG points at that output so
 * the sign-in link can be followed (the step is skipped without it). `filter` keeps only screenshots
 * whose name contains it; FRONTLINE_VIEWPORTS=phone (or desktop) keeps one width.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, shoot, signIn, type ViewportName, viewports } from './screens.ts';
import { DEMO_PASSWORD, demoCustomer, seed } from './seed.ts';

const problem = (status: number, code: string, detail: string) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ status, code, detail, title: 'Error' }),
});

/** Files to attach; the screenshot is drawn by the browser in run(). */
const files = {
  screenshot: { name: 'checkout-error.png', mimeType: 'image/png', buffer: Buffer.alloc(0) as Buffer },
  log: {
    name: 'browser-console.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Uncaught TypeError: card is undefined\n    at pay (checkout.js:212)\n'),
  },
  exe: { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\u0090\u0000binary') },
  /** Big enough that a throttled upload shows its progress. */
  video: {
    name: 'screen-recording.zip',
    mimeType: 'application/zip',
    buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1_500_000, 7)]),
  },
};

/** Calls the API as whoever the context is signed in as (cookie + CSRF header). */
async function apiAs(context: BrowserContext) {
  const session = (await (await context.request.get('/api/v1/session')).json()) as { csrf_token: string; user: { id: number } };
  const headers = { 'x-csrf-token': session.csrf_token };
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, data?: unknown): Promise<T> => {
    const response = await context.request.fetch(url, { method, headers, ...(data === undefined ? {} : { data }) });
    if (!response.ok()) throw new Error(`${method} ${url} → ${response.status()} ${await response.text()}`);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
  return { call, userId: session.user.id };
}

interface Category {
  id: number;
  name: string;
  parent_id: number | null;
  active: boolean;
}

/** Adds what the portal and admin screens show when the instance lacks it (idempotent). */
async function seedAdminData(context: BrowserContext): Promise<void> {
  const { call } = await apiAs(context);

  const categories = (await call<{ data: Category[] }>('GET', '/api/v1/categories')).data;
  if (categories.length === 0) {
    const taxonomy: [string, string[]][] = [
      ['Billing', ['Invoices', 'Refunds', 'Payment methods', 'Plans & pricing']],
      ['Account & access', ['Sign-in & SSO', 'Users & permissions', 'Security']],
      ['Mobile app', ['iOS', 'Android', 'Notifications']],
      ['Integrations', ['Webhooks', 'REST API', 'Zapier']],
    ];
    for (const [product, children] of taxonomy) {
      const root = await call<Category>('POST', '/api/v1/categories', { name: product });
      for (const name of children) {
        const child = await call<Category>('POST', '/api/v1/categories', { name, parent_id: root.id });
        if (name === 'Zapier') await call('PATCH', `/api/v1/categories/${child.id}`, { active: false });
        if (name === 'Webhooks') await call('POST', '/api/v1/categories', { name: 'Delivery delays', parent_id: child.id });
      }
    }
  }

  const fields = (await call<{ data: { key: string }[] }>('GET', '/api/v1/custom-fields')).data;
  if (fields.length === 0) {
    await call('POST', '/api/v1/custom-fields', {
      key: 'environment',
      label: 'Affected environment',
      type: 'dropdown',
      options: ['Production', 'Staging', 'Sandbox'],
      required: true,
    });
    await call('POST', '/api/v1/custom-fields', { key: 'order_number', label: 'Order number', type: 'text' });
    await call('POST', '/api/v1/custom-fields', { key: 'seats', label: 'Seats affected', type: 'number' });
    await call('POST', '/api/v1/custom-fields', { key: 'renewal_date', label: 'Renewal date', type: 'date' });
    const legacy = await call<{ id: number }>('POST', '/api/v1/custom-fields', {
      key: 'legacy_plan',
      label: 'On legacy plan',
      type: 'checkbox',
    });
    await call('PATCH', `/api/v1/custom-fields/${legacy.id}`, { active: false });
  }

  const codes = (await call<{ data: unknown[] }>('GET', '/api/v1/resolution-codes')).data;
  if (codes.length === 0) {
    for (const [code, label] of [
      ['fixed', 'Fixed'],
      ['workaround', 'Workaround provided'],
      ['answered', 'Question answered'],
      ['duplicate', 'Duplicate'],
      ['not_reproducible', 'Could not reproduce'],
    ]) {
      await call('POST', '/api/v1/resolution-codes', { code, label });
    }
    await call('POST', '/api/v1/resolution-codes', { code: 'known_issue', label: 'Known issue', active: false });
  }

  const users = (await call<{ data: { id: number; email: string; skills: unknown[] }[] }>('GET', '/api/v1/users?limit=500')).data;
  const profiles: Record<string, { languages: string[]; skills: { name: string; proficiency: number }[] }> = {
    'maya@frontline.example': {
      languages: ['en', 'zh'],
      skills: [
        { name: 'product:billing', proficiency: 4 },
        { name: 'product:integrations', proficiency: 5 },
        { name: 'language:zh', proficiency: 5 },
      ],
    },
    'tomas@frontline.example': {
      languages: ['en', 'pt', 'es'],
      skills: [
        { name: 'product:integrations', proficiency: 5 },
        { name: 'product:mobile-app', proficiency: 3 },
        { name: 'language:pt', proficiency: 5 },
      ],
    },
    'priya@frontline.example': { languages: ['en', 'hi'], skills: [{ name: 'product:billing', proficiency: 4 }] },
    'jonas@frontline.example': {
      languages: ['en', 'de', 'sv'],
      skills: [
        { name: 'product:account-access', proficiency: 3 },
        { name: 'language:de', proficiency: 5 },
      ],
    },
  };
  for (const user of users) {
    const profile = profiles[user.email];
    if (profile && user.skills.length === 0) await call('PATCH', `/api/v1/users/${user.id}`, profile);
  }
  const groups = (await call<{ data: { id: number; name: string; tier: number | null }[] }>('GET', '/api/v1/groups')).data;
  for (const group of groups) {
    if (group.tier === null) await call('PATCH', `/api/v1/groups/${group.id}`, { tier: group.name === 'Technical support' ? 2 : 1 });
  }
  if (!users.some((user) => user.email === 'grace.head@frontline.example')) {
    await call('POST', '/api/v1/users', {
      email: 'grace.head@frontline.example',
      name: 'Grace Whitfield',
      role: 'head_of_support',
      password: DEMO_PASSWORD,
      languages: ['en'],
    });
    const former = await call<{ id: number }>('POST', '/api/v1/users', {
      email: 'leo@frontline.example',
      name: 'Leo Martins',
      role: 'associate',
      password: DEMO_PASSWORD,
      tier: 1,
    });
    await call('PATCH', `/api/v1/users/${former.id}`, { active: false });
  }
}

/** Priya asks Ana something on the currency request, so the portal has a request waiting for the customer. */
async function askAnaAQuestion(browser: Awaited<ReturnType<typeof launchBrowser>>, baseURL: string): Promise<void> {
  const { context } = await openPage(browser, baseURL, 'desktop');
  await signIn(context, 'priya@frontline.example', DEMO_PASSWORD);
  const { call } = await apiAs(context);
  const found = await call<{ data: { id: number; status: string }[] }>(
    'GET',
    `/api/v1/tickets?q=${encodeURIComponent('"billing currency"')}`,
  );
  const ticket = found.data[0];
  if (ticket && ticket.status === 'new') {
    await call('POST', `/api/v1/tickets/${ticket.id}/comments`, {
      body: 'Hi Ana,\n\nyes, we can switch your invoices to EUR from the next billing cycle. Should the change also apply to the open invoice from this month?\n\nPriya',
      public: true,
      status: 'pending',
    });
  }
  await context.close();
}

/** A believable "screenshot of the problem" to attach: a checkout form with an error. */
async function drawScreenshot(browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 480, height: 300 } });
  await page.setContent(`<body style="margin:0;font:15px sans-serif;background:#f4f5f7">
    <div style="margin:28px auto;width:380px;padding:22px;background:white;border-radius:10px;box-shadow:0 2px 8px #0002">
      <div style="font-weight:700;font-size:18px;margin-bottom:14px">Checkout</div>
      <div style="border:1px solid #ccc;border-radius:6px;padding:10px;color:#555">•••• •••• •••• 4242 &nbsp; 12/28</div>
      <div style="margin-top:12px;padding:10px;border-radius:6px;background:#fde8e8;color:#b42318">⚠ Payment failed: card undefined</div>
      <div style="margin-top:14px;background:#4653d8;color:white;text-align:center;padding:10px;border-radius:6px">Pay €249.00</div>
    </div></body>`);
  const image = await page.screenshot();
  await page.close();
  return image;
}

/** The newest sign-in link the server logged for `email`, or null. */
function loggedSignInToken(logFile: string | undefined, email: string): string | null {
  if (!logFile || !fs.existsSync(logFile)) return null;
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').reverse();
  for (const line of lines) {
    if (!line.includes(`"to":"${email}"`)) continue;
    const match = /sign-in\?token=([A-Za-z0-9_\-%.~]+)/.exec(line);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return null;
}

/** A full-page screenshot from the top (sticky headers otherwise render mid-page). */
async function shootFull(page: Page, name: string, viewport: ViewportName): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await shoot(page, name, viewport, { fullPage: true });
}

/** Holds requests matching `pattern` until `release()` is called, to photograph loading states. */
async function hold(page: Page, pattern: string) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  return async () => {
    release();
    await page.waitForLoadState('networkidle');
    await page.unroute(pattern);
  };
}

/** Slows uploads down (Chromium network emulation) so progress bars can be photographed. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: bytesPerSecond ? 40 : 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}

async function portal(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  baseURL: string,
  viewport: ViewportName,
  wanted: (name: string) => boolean,
  logFile: string | undefined,
) {
  // Signed out: sign-in (link and password), the confirmation, sign-up, link redemption.
  {
    const { context, page } = await openPage(browser, baseURL, viewport);
    if (wanted('portal-sign-in')) {
      await page.goto('/portal');
      await page.waitForURL('**/portal/sign-in');
      await shoot(page, 'portal-sign-in', viewport);

      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByText('Enter your email address').waitFor();
      await shoot(page, 'portal-sign-in-empty', viewport);

      await page.getByRole('textbox', { name: 'Email' }).fill(demoCustomer.email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      await shoot(page, 'portal-link-sent', viewport);

      await page.getByRole('button', { name: 'Use a different email' }).click();
      await page.getByText('Use a password').click();
      await page.getByRole('textbox', { name: 'Email' }).fill(demoCustomer.email);
      await page.getByLabel('Password', { exact: true }).fill('not-my-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('Wrong email or password').waitFor();
      await shoot(page, 'portal-sign-in-password-error', viewport);
    }
    if (wanted('portal-link')) {
      await page.goto('/portal/sign-in?token=fls_this-link-was-already-used');
      await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      await shoot(page, 'portal-link-expired', viewport);

      await context.request.post('/api/v1/portal/sign-in-link', { data: { email: demoCustomer.email } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const token = loggedSignInToken(logFile, demoCustomer.email);
      if (token) {
        const release = await hold(page, '**/api/v1/portal/sign-in-link/redeem');
        await page.goto(`/portal/sign-in?token=${encodeURIComponent(token)}`);
        await page.getByRole('heading', { name: 'Signing you in…' }).waitFor();
        await shoot(page, 'portal-link-redeeming', viewport, { settle: false });
        await release();
        await page.waitForURL((url) => url.pathname === '/portal');
        await page.getByRole('heading', { name: /how can we help/ }).waitFor();
        await shoot(page, 'portal-link-signed-in', viewport);
        await context.request.delete('/api/v1/session', {
          headers: { 'x-csrf-token': ((await (await context.request.get('/api/v1/session')).json()) as { csrf_token: string }).csrf_token },
        });
      } else console.log('  (no FRONTLINE_SERVER_LOG with a sign-in link: skipped redeeming it)');
    }
    if (wanted('portal-sign-up')) {
      await page.goto('/portal/sign-up');
      await page.getByRole('heading', { name: 'Create your account' }).waitFor();
      await shoot(page, 'portal-sign-up', viewport);
      await page.getByLabel('Your name').fill('Ana Souza');
      await page.getByRole('textbox', { name: 'Email' }).fill(demoCustomer.email);
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Use at least 10 characters').waitFor();
      await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('An account with this email already exists').waitFor();
      await shoot(page, 'portal-sign-up-taken', viewport);

      // A brand-new customer: signs up and lands in an empty "My requests".
      const email = `new.customer.${Date.now()}.${viewport}@example.com`;
      await page.getByLabel('Your name').fill('Kwame Mensah');
      await page.getByRole('textbox', { name: 'Email' }).fill(email);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL((url) => url.pathname === '/portal');
      await page.getByText('No requests yet').waitFor();
      await shoot(page, 'portal-requests-empty', viewport);
    }
    await context.close();
  }

  // Ana, a customer with requests.
  {
    const { context, page } = await openPage(browser, baseURL, viewport);
    await signIn(context, demoCustomer.email, DEMO_PASSWORD);
    const { call } = await apiAs(context);

    if (wanted('portal-requests')) {
      await page.goto('/portal');
      await page.getByRole('list', { name: 'Your requests' }).waitFor();
      await shoot(page, 'portal-requests', viewport);

      await page.locator('label', { hasText: /^Solved$/ }).click();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'portal-requests-solved', viewport);

      const release = await hold(page, '**/api/v1/tickets?*');
      await page.goto('/portal?show=open');
      await page.getByRole('status', { name: 'Loading your requests' }).waitFor();
      await shoot(page, 'portal-requests-loading', viewport, { settle: false });
      await release();

      await page.route('**/api/v1/tickets?*', (route) =>
        route.fulfill(problem(503, 'database_locked', 'The database is busy; please retry in a moment.')),
      );
      await page.goto('/portal?q=refund');
      await page.getByText('Could not load your requests').waitFor({ timeout: 15_000 });
      await shoot(page, 'portal-requests-error', viewport);
      await page.unroute('**/api/v1/tickets?*');

      // The agent workspace is not for customers: /tickets/:id lands on the portal request.
      await page.goto('/tickets');
      await page.waitForURL((url) => url.pathname === '/portal');
    }

    if (wanted('portal-new')) {
      await page.goto('/portal/requests/new');
      await page.getByRole('heading', { name: 'New request' }).waitFor();
      await shoot(page, 'portal-new-request', viewport);

      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByText('Give your request a short subject').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'portal-new-request-errors', viewport);

      await page.getByLabel('Subject').fill('Card payment fails at checkout with “card undefined”');
      await page.getByRole('combobox', { name: 'What is it about?' }).click();
      await page.getByRole('option', { name: 'Billing › Payment methods' }).click();
      await page
        .getByLabel('How can we help?')
        .fill(
          'Since this morning our customers cannot pay by card. The checkout shows “card undefined” after pressing Pay.\n\nSteps: add any product to the basket, go to checkout, choose card, press Pay.\nExpected: the payment page of the bank opens.',
        );
      await page.getByRole('combobox', { name: 'Affected environment' }).click();
      await page.getByRole('option', { name: 'Production' }).click();
      await page.locator('input[type=file]').setInputFiles([files.screenshot, files.log, files.exe]);
      // Drag and drop works too.
      await page.evaluate(() => {
        const zone = document.querySelector('[class*="dropzone"]');
        if (!zone) throw new Error('no drop zone');
        const transfer = new DataTransfer();
        transfer.items.add(new File(['order_id,amount\n1183,249.00\n'], 'orders.csv', { type: 'text/csv' }));
        for (const type of ['dragenter', 'dragover', 'drop'])
          zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      });
      await page.getByText('orders.csv').waitFor();
      // Files upload as soon as they are added (before the request exists).
      await page.getByText('Uploaded', { exact: true }).nth(2).waitFor();
      await page.getByRole('list', { name: 'Attached files' }).scrollIntoViewIfNeeded();
      await shoot(page, 'portal-new-request-filled', viewport);
      await shootFull(page, 'portal-new-request-filled-full', viewport);

      await page.getByRole('button', { name: 'Remove setup.exe' }).click();
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForURL(/\/portal\/requests\/\d+$/);
      await page.getByText('we’ve got your request').waitFor();
      await page.getByRole('link', { name: 'checkout-error.png' }).or(page.getByAltText('checkout-error.png')).first().waitFor();
      await shoot(page, 'portal-request-created', viewport);
      await shootFull(page, 'portal-request-created-full', viewport);
    }

    if (wanted('portal-request')) {
      const mine = await call<{ data: { id: number; subject: string; status: string }[] }>('GET', '/api/v1/tickets?limit=100');
      const invoice = mine.data.find((ticket) => ticket.subject.startsWith('Invoice #2024-1183'));
      if (!invoice) throw new Error('the seeded invoice request is missing');
      await page.goto(`/portal/requests/${invoice.id}`);
      await page.getByRole('article').first().waitFor();
      await shoot(page, 'portal-request', viewport);
      await shootFull(page, 'portal-request-full', viewport);

      // A reply with a file that uploads slowly enough to see its progress.
      await throttleUploads(page, 250_000);
      await page
        .getByLabel('Add a reply')
        .fill('The refund arrived today — thank you! One more question about the next invoice, see the attached export.');
      await page.locator('form[aria-label="Reply"] input[type=file]').setInputFiles([files.video, files.exe]);
      await page.getByRole('progressbar').first().waitFor();
      await page.waitForTimeout(1500);
      await page.getByRole('form', { name: 'Reply' }).scrollIntoViewIfNeeded();
      await shoot(page, 'portal-reply-uploading', viewport, { settle: false });
      await throttleUploads(page, null);
      await page.getByText('Uploaded').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Remove setup.exe' }).click();
      await page.getByRole('button', { name: /^Send/ }).click();
      await page.getByText('Reply sent', { exact: false }).first().waitFor();
      await page
        .getByRole('link', { name: /screen-recording\.zip/ })
        .last()
        .waitFor();
      await shootFull(page, 'portal-reply-sent', viewport);

      await page.goto('/portal/requests/999999');
      await page.getByText('We couldn’t find this request').waitFor();
      await shoot(page, 'portal-request-not-found', viewport);
      await page.goto('/portal/nothing-here');
      await page.getByText('This page does not exist').waitFor();
    }

    if (wanted('portal-follow-up')) {
      // A solved, then closed request: replying opens a follow-up.
      const created = await call<{ id: number }>('POST', '/api/v1/tickets', {
        subject: 'Export our invoices as PDF',
        description: 'Can I download all invoices of last year as PDF files in one go?',
        custom_fields: { environment: 'Production' },
      });
      const admin = await openPage(browser, baseURL, viewport);
      await signIn(admin.context, 'maya@frontline.example', DEMO_PASSWORD);
      const agent = await apiAs(admin.context);
      await agent.call('POST', `/api/v1/tickets/${created.id}/comments`, {
        body: 'Hi Ana,\n\nyes: Billing › Invoices › “Download all” creates one ZIP with every PDF of the selected year.\n\nMaya',
        public: true,
        status: 'solved',
      });
      await page.goto(`/portal/requests/${created.id}`);
      await page.getByRole('article').first().waitFor();
      await shoot(page, 'portal-request-solved', viewport);
      const ticket = await agent.call<{ version: number }>('GET', `/api/v1/tickets/${created.id}`);
      await agent.call('PATCH', `/api/v1/tickets/${created.id}`, { status: 'closed', version: ticket.version });
      await admin.context.close();

      await page.goto(`/portal/requests/${created.id}`);
      await page.getByText('This request is closed.', { exact: true }).waitFor();
      await page.getByLabel('Reply to start a follow-up').fill('The ZIP is missing the December invoices — could you check?');
      await page.locator('form[aria-label="Reply"] input[type=file]').setInputFiles([files.screenshot]);
      await page.getByRole('form', { name: 'Reply' }).scrollIntoViewIfNeeded();
      await shoot(page, 'portal-request-closed', viewport, { settle: false });
      await page.getByText('Uploaded', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Send and open a follow-up' }).click();
      await page.waitForURL((url) => url.pathname !== `/portal/requests/${created.id}`);
      await page.getByText('started this follow-up request').waitFor();
      await page.getByAltText('checkout-error.png').waitFor();
      await shootFull(page, 'portal-follow-up', viewport);
    }

    if (viewport === 'phone' && wanted('portal-menu')) {
      await page.goto('/portal');
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
      await shoot(page, 'portal-menu', viewport);
    }
    await context.close();
  }
}

async function admin(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  baseURL: string,
  viewport: ViewportName,
  wanted: (name: string) => boolean,
  credentials: { email: string; password: string },
) {
  const phone = viewport === 'phone';
  const { context, page } = await openPage(browser, baseURL, viewport);
  await signIn(context, credentials.email, credentials.password);

  if (wanted('admin-users')) {
    await page.goto('/admin/users');
    await page
      .getByRole(phone ? 'list' : 'table')
      .first()
      .waitFor();
    await shoot(page, 'admin-users', viewport);
    if (phone) {
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('navigation', { name: 'Admin' }).waitFor();
      await page.waitForTimeout(400);
      await shoot(page, 'admin-nav', viewport, { settle: false });
      await page.keyboard.press('Escape');
      await page.goto('/admin/users');
    }

    await page.getByRole('textbox', { name: 'Search users' }).fill('zzz-nobody');
    await page.getByText('Nobody matches').waitFor();
    await shoot(page, 'admin-users-empty', viewport);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('combobox', { name: 'Filter by role' }).click();
    await page.getByRole('option', { name: 'Associate' }).click();
    await page.waitForLoadState('networkidle');
    await shoot(page, 'admin-users-associates', viewport);

    const release = await hold(page, '**/api/v1/users?*');
    await page.goto('/admin/users?role=engineer');
    await page.getByRole('status', { name: 'Loading users' }).waitFor();
    await shoot(page, 'admin-users-loading', viewport, { settle: false });
    await release();
    await page.route('**/api/v1/users?*', (route) =>
      route.fulfill(problem(500, 'internal_error', 'The server had a problem; the error was logged.')),
    );
    await page.goto('/admin/users?role=manager');
    await page.getByText('Could not load users').waitFor({ timeout: 15_000 });
    await shoot(page, 'admin-users-error', viewport);
    await page.unroute('**/api/v1/users?*');

    // Add a user: the dialog, a field error from the API, then success (opens the drawer).
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add user' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Sven Olsen');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('tomas@frontline.example');
    await dialog.getByRole('button', { name: 'Generate a strong password' }).click();
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('already exists').waitFor();
    await shoot(page, 'admin-user-add-error', viewport, { settle: false });
    await dialog.getByRole('textbox', { name: 'Email' }).fill(`sven.${Date.now()}.${viewport}@frontline.example`);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('form', { name: 'Edit Sven Olsen' }).waitFor();
    await page.getByRole('form', { name: 'Edit Sven Olsen' }).getByRole('button', { name: 'Add skill' }).click();
    await page.getByRole('combobox', { name: 'Skill 1', exact: true }).fill('product:billing');
    await page.getByRole('form', { name: 'Edit Sven Olsen' }).getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Sven Olsen').waitFor();

    // Edit an agent in the drawer.
    await page.goto('/admin/users?q=tom');
    await page.getByRole('button', { name: 'Edit Tomás Silva' }).first().click();
    const form = page.getByRole('form', { name: 'Edit Tomás Silva' });
    await form.waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'admin-user-drawer', viewport, { settle: false });
    await form.getByRole('button', { name: 'Add skill' }).click();
    const skill = phone ? 'product:billing' : 'language:es';
    const skillCount = await form.getByRole('slider').count();
    await form.getByRole('combobox', { name: `Skill ${skillCount}`, exact: true }).fill(skill);
    await form.getByRole('slider', { name: `Proficiency in ${skill}` }).focus();
    await page.keyboard.press('ArrowRight');
    await form.getByRole('combobox', { name: `Skill ${skillCount}`, exact: true }).scrollIntoViewIfNeeded();
    await shoot(page, 'admin-user-drawer-skills', viewport, { settle: false });
    await form.getByRole('button', { name: 'Reset password…' }).click();
    await form.getByRole('button', { name: 'Generate a strong password' }).click();
    await form.getByRole('button', { name: 'Set new password' }).scrollIntoViewIfNeeded();
    await shoot(page, 'admin-user-drawer-access', viewport, { settle: false });
    await form.getByRole('button', { name: 'Cancel' }).first().click();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Tomás Silva').waitFor();
  }

  if (wanted('admin-groups')) {
    await page.goto('/admin/groups');
    await page.getByRole('article').first().waitFor();
    await shoot(page, 'admin-groups', viewport);
    await page.getByRole('button', { name: 'Edit Billing' }).click();
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: 'Members' })
      .or(page.getByRole('dialog').getByRole('combobox', { name: 'Members' }))
      .first()
      .click();
    await page.waitForTimeout(300);
    await shoot(page, 'admin-group-edit', viewport, { settle: false });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  }

  if (wanted('admin-taxonomy')) {
    await page.goto('/admin/taxonomy');
    await page.getByRole('list', { name: 'Products and categories' }).waitFor();
    await shoot(page, 'admin-taxonomy', viewport);
    // Names are unique under a parent: each viewport adds its own.
    const [added, renamed] = phone ? ['Tablets', 'Tablets & iPad'] : ['Offline mode', 'Offline mode & sync'];
    await page.getByRole('button', { name: 'Add a category under Mobile app' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(added);
    await shoot(page, 'admin-taxonomy-add', viewport, { settle: false });
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.getByText(`Added ${added}`).waitFor();
    await page.getByRole('button', { name: `Rename ${added}` }).click();
    await page.getByRole('textbox', { name: 'New name' }).fill(renamed);
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByText(`Renamed to ${renamed}`).waitFor();
    await page.getByRole('button', { name: `Retire ${renamed}` }).click();
    await page.getByText(`Retired ${renamed}`).waitFor();
    await page.getByRole('switch', { name: 'Show retired' }).or(page.getByLabel('Show retired')).first().check();
    await page.waitForTimeout(200);
    await shootFull(page, 'admin-taxonomy-retired', viewport);
  }

  if (wanted('admin-custom-fields')) {
    await page.goto('/admin/custom-fields');
    await page.getByText('Affected environment').first().waitFor();
    await shoot(page, 'admin-custom-fields', viewport);
    await page.getByRole('button', { name: 'Add field' }).first().click();
    const dialog = page.getByRole('dialog');
    // Fields are unique by key: each viewport adds its own.
    const fieldLabel = phone ? 'Operating system' : 'Browser';
    const fieldOptions = phone ? ['Windows', 'macOS', 'Linux', 'iOS', 'Android'] : ['Chrome', 'Firefox', 'Safari', 'Edge'];
    await dialog.getByRole('textbox', { name: 'Label', exact: true }).fill(fieldLabel);
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: /Dropdown/ }).click();
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByText('Add at least one option').waitFor();
    const optionsInput = dialog.getByRole('combobox', { name: 'Options' });
    for (const option of fieldOptions) {
      await optionsInput.fill(option);
      await optionsInput.press('Enter');
    }
    await shoot(page, 'admin-custom-field-add', viewport, { settle: false });
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await page.getByText(`Added ${fieldLabel}`).waitFor();
    await page.getByRole('button', { name: 'Edit Affected environment' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Label', exact: true }).waitFor();
    await shoot(page, 'admin-custom-field-edit', viewport, { settle: false });
    await page.keyboard.press('Escape');
  }

  if (wanted('admin-resolution')) {
    await page.goto('/admin/resolution-codes');
    await page.getByText('Workaround provided').waitFor();
    await shoot(page, 'admin-resolution-codes', viewport);
    await page.getByRole('button', { name: 'Add code' }).first().click();
    const codeLabel = phone ? 'Escalated to vendor' : 'Fixed in a release';
    await page.getByRole('form', { name: 'Add resolution code' }).getByRole('textbox', { name: 'Label', exact: true }).fill(codeLabel);
    await shoot(page, 'admin-resolution-code-add', viewport, { settle: false });
    await page.getByRole('form', { name: 'Add resolution code' }).getByRole('button', { name: 'Add' }).click();
    await page.getByText(`Added ${codeLabel}`).waitFor();
    const required = page.getByRole('switch', { name: /Require a resolution code/ });
    await required.click({ force: true });
    await page.getByText(/Resolution codes are now (required|optional)/).waitFor();
    await shoot(page, 'admin-resolution-codes-saved', viewport);
    // Put the setting back: later steps solve tickets without a code.
    await required.click({ force: true });
    await page.getByText('Resolution codes are now optional').waitFor();
  }

  if (wanted('admin-tokens')) {
    await page.goto('/admin/tokens');
    await page.getByText('e2e-seed').first().waitFor();
    await shoot(page, 'admin-tokens', viewport);
    await page.getByRole('button', { name: 'Create token' }).first().click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('CRM sync');
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    await page.getByText('This is the only time you can see it').waitFor();
    await shoot(page, 'admin-token-secret', viewport, { settle: false });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Revoke CRM sync' }).first().click();
    await page.getByRole('dialog').getByText('stops working immediately').waitFor();
    await shoot(page, 'admin-token-revoke', viewport, { settle: false });
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Revoked CRM sync').waitFor();
    await shoot(page, 'admin-tokens-revoked', viewport);
  }

  if (wanted('admin-audit')) {
    await page.goto('/admin/audit-log');
    await page.getByRole('list', { name: 'Audit log entries' }).waitFor();
    await shoot(page, 'admin-audit-log', viewport);
    await page.goto('/admin/audit-log?entity=user&action=user.updated');
    await page.getByRole('list', { name: 'Audit log entries' }).waitFor();
    await shoot(page, 'admin-audit-log-users', viewport);
    await page.route('**/api/v1/audit-log?*', (route) =>
      route.continue({
        url: route
          .request()
          .url()
          .replace(/limit=\d+/, 'limit=4'),
      }),
    );
    await page.goto('/admin/audit-log?entity=category');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Audit log entries"] > li').length > 4);
    await page
      .getByRole('button', { name: /Show details/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
    await shoot(page, 'admin-audit-log-more', viewport);
    await page.unroute('**/api/v1/audit-log?*');
    await page.goto('/admin/audit-log?entity=group&action=group.created&actor=999');
    await page.getByText('Nothing matches these filters').waitFor();
  }
  await context.close();

  // A head of support sees only the audit log; an associate has no admin section.
  if (wanted('admin-access')) {
    const head = await openPage(browser, baseURL, viewport);
    await signIn(head.context, 'grace.head@frontline.example', DEMO_PASSWORD);
    await head.page.goto('/admin');
    await head.page.waitForURL('**/admin/audit-log');
    await head.page.getByRole('list', { name: 'Audit log entries' }).waitFor();
    if (!phone) await shoot(head.page, 'admin-head-of-support', viewport);
    await head.page.goto('/admin/users');
    await head.page.getByText('You don’t have access to this page').waitFor();
    await shoot(head.page, 'admin-no-access', viewport);
    await head.context.close();
  }
}

async function run(): Promise<void> {
  const baseURL = process.env.FRONTLINE_URL ?? 'http://127.0.0.1:3100';
  const adminEmail = process.env.FRONTLINE_ADMIN_EMAIL ?? 'admin@example.com';
  const adminPassword = process.env.FRONTLINE_ADMIN_PASSWORD;
  const logFile = process.env.FRONTLINE_SERVER_LOG;
  const filter = process.argv[2];
  if (adminPassword && (await seed(baseURL, { email: adminEmail, password: adminPassword }))) console.log('seeded the demo help desk');
  const wanted = (name: string) => !filter || name.includes(filter);

  const browser = await launchBrowser();
  try {
    files.screenshot.buffer = await drawScreenshot(browser);
    if (adminPassword) {
      const { context } = await openPage(browser, baseURL, 'desktop');
      await signIn(context, adminEmail, adminPassword);
      await seedAdminData(context);
      await context.close();
      await askAnaAQuestion(browser, baseURL);
    }
    const only = process.env.FRONTLINE_VIEWPORTS?.split(',');
    for (const viewport of (Object.keys(viewports) as ViewportName[]).filter((name) => !only || only.includes(name))) {
      console.log(`${viewport}:`);
      await portal(browser, baseURL, viewport, wanted, logFile);
      if (adminPassword) await admin(browser, baseURL, viewport, wanted, { email: adminEmail, password: adminPassword });
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

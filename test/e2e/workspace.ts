/**
 * Browser checks and screenshots of the agent workspace: views with live counts, bulk actions,
 * sorting, keyboard shortcuts, the ticket page (customer panel, custom fields, history, links,
 * attachments, resolution codes), the new-ticket form, and a two-browser check that agent B sees
 * agent A's change and presence live.
 *
 *   FRONTLINE_URL=http://127.0.0.1:3200 FRONTLINE_ADMIN_PASSWORD=… node --import tsx test/e2e/workspace.ts [filter]
 *
 * Run it against a throw-away data directory: it seeds the screens.ts demo help desk, then adds a
 * taxonomy, custom fields, resolution codes, an organization and links (once). PNGs go to
 * test-results/ws-*.png. `filter` keeps only the steps whose name contains it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, shoot, signIn, type ViewportName, viewports } from './screens.ts';
import { DEMO_PASSWORD, demoAgents, seed } from './seed.ts';

const baseURL = process.env.FRONTLINE_URL ?? 'http://127.0.0.1:3100';
const adminEmail = process.env.FRONTLINE_ADMIN_EMAIL ?? 'admin@example.com';
const adminPassword = process.env.FRONTLINE_ADMIN_PASSWORD ?? '';
const maya = demoAgents[0];
const tomas = demoAgents[1];

class Admin {
  constructor(private readonly token: string) {}
  static async signIn(): Promise<Admin> {
    const session = await fetch(`${baseURL}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    if (!session.ok) throw new Error(`admin sign-in failed: ${session.status}`);
    const { csrf_token } = (await session.json()) as { csrf_token: string };
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = await fetch(`${baseURL}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
      body: JSON.stringify({ name: 'e2e-workspace' }),
    });
    return new Admin(((await token.json()) as { token: string }).token);
  }
  async call<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseURL}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${pathname} → ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

async function ticketId(admin: Admin, q: string): Promise<number> {
  const page = await admin.call<{ data: { id: number }[] }>('GET', `/api/v1/tickets?limit=1&q=${encodeURIComponent(q)}`);
  const id = page.data[0]?.id;
  if (!id) throw new Error(`no ticket matches ${q}`);
  return id;
}

/** Adds what the screens.ts seed lacks (once): taxonomy, custom fields, resolution codes, an organization, links. */
async function seedWorkspace(admin: Admin): Promise<void> {
  const existing = await admin.call<{ data: unknown[] }>('GET', '/api/v1/categories');
  if (existing.data.length > 0) return;
  const tree: Record<string, string[]> = {
    Billing: ['Invoices', 'Refunds'],
    Payments: ['Checkout', 'Webhooks'],
    Account: ['Access', 'SSO'],
  };
  const ids = new Map<string, number>();
  for (const [parent, children] of Object.entries(tree)) {
    const created = await admin.call<{ id: number }>('POST', '/api/v1/categories', { name: parent });
    ids.set(parent, created.id);
    for (const child of children) {
      const sub = await admin.call<{ id: number }>('POST', '/api/v1/categories', { name: child, parent_id: created.id });
      ids.set(child, sub.id);
    }
  }
  const fields = [
    { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Team', 'Business', 'Enterprise'] },
    { key: 'order_number', label: 'Order number', type: 'text' },
    { key: 'affected_users', label: 'Affected users', type: 'number' },
    { key: 'renewal_date', label: 'Renewal date', type: 'date' },
    { key: 'vip', label: 'VIP', type: 'checkbox' },
  ];
  for (const [position, field] of fields.entries()) await admin.call('POST', '/api/v1/custom-fields', { ...field, position });
  for (const [code, label] of [
    ['answered', 'Answered'],
    ['bug_fixed', 'Bug fixed'],
    ['refund_issued', 'Refund issued'],
    ['duplicate', 'Duplicate'],
  ])
    await admin.call('POST', '/api/v1/resolution-codes', { code, label });

  const org = await admin.call<{ id: number }>('POST', '/api/v1/organizations', {
    name: 'BrightCart GmbH',
    domains: ['brightcart.example'],
    lifetime_value_cents: 48_250_000,
    value_tier: 'platinum',
  });
  const customers = await admin.call<{ data: { id: number; name: string }[] }>('GET', '/api/v1/customers?q=Lukas');
  const lukas = customers.data[0];
  if (lukas) {
    await admin.call('PATCH', `/api/v1/customers/${lukas.id}`, {
      organization_id: org.id,
      lifetime_value_cents: 1_284_000,
      value_tier: 'gold',
      time_zone: 'Europe/Berlin',
      language: 'de',
    });
    await admin.call('POST', `/api/v1/customers/${lukas.id}/identities`, { kind: 'phone', value: '+49 30 5557 1200', verified: true });
    await admin.call('POST', `/api/v1/customers/${lukas.id}/identities`, { kind: 'chat', value: 'lukas.m (web chat)' });
    // A second, older ticket from Lukas for "recent tickets".
    await admin.call('POST', '/api/v1/tickets', {
      subject: 'Can we add a second payment provider as fallback?',
      description: 'After today we would like a fallback provider. What are our options?',
      requester: { email: 'lukas@brightcart.example' },
      priority: 'p3',
      type: 'question',
      tags: ['payments'],
    });
  }
  const urgent = await ticketId(admin, 'priority:p1');
  const current = await admin.call<{ version: number }>('GET', `/api/v1/tickets/${urgent}`);
  await admin.call('PATCH', `/api/v1/tickets/${urgent}`, {
    version: current.version,
    category_id: ids.get('Checkout'),
    custom_fields: { plan: 'Enterprise', order_number: 'BC-2026-4471', affected_users: 1840, vip: true },
  });
  const webhook = await ticketId(admin, '"Webhook deliveries"');
  await admin.call('POST', `/api/v1/tickets/${urgent}/links`, { target_id: webhook, kind: 'related' });
}

type Step = (context: { page: Page; context: BrowserContext; viewport: ViewportName; admin: Admin }) => Promise<void>;

const steps: [string, Step][] = [
  [
    'views',
    async ({ page, viewport }) => {
      await page.goto('/tickets');
      await page.getByRole('navigation', { name: 'Shared views' }).waitFor();
      if (viewport === 'phone') {
        await shoot(page, 'ws-list', viewport);
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.waitForTimeout(400);
        await shoot(page, 'ws-nav-open', viewport, { settle: false });
        await page.getByRole('link', { name: /All unsolved/ }).click();
      } else {
        await shoot(page, 'ws-list', viewport);
        await page.getByRole('link', { name: /All unsolved/ }).click();
      }
      await page.waitForURL(/view=\d+/);
      await shoot(page, 'ws-view-unsolved', viewport);
    },
  ],
  [
    'sort',
    async ({ page, viewport }) => {
      await page.goto('/tickets?q=status%3Csolved%20-tag%3Avip');
      await page
        .getByRole('checkbox', { name: /Select ticket/ })
        .first()
        .waitFor({ state: 'attached' });
      if (viewport === 'desktop') {
        await page.getByRole('button', { name: /Sort by priority/ }).click();
      } else {
        await page.locator('#fl-phone-sort').selectOption('priority');
      }
      await page.waitForURL(/order_by%3Apriority/);
      await page.waitForLoadState('networkidle');
      await shoot(page, 'ws-sorted-priority', viewport);
    },
  ],
  [
    'save-view',
    async ({ page, context, viewport }) => {
      // Start from no personal views (an earlier run may have left one with this search).
      const { csrf_token } = (await (await context.request.get('/api/v1/session')).json()) as { csrf_token: string };
      const views = (await (await context.request.get('/api/v1/views')).json()) as { data: { id: number; shared: boolean }[] };
      for (const view of views.data.filter((item) => !item.shared)) {
        await context.request.delete(`/api/v1/views/${view.id}`, { headers: { 'x-csrf-token': csrf_token } });
      }
      await page.goto('/tickets?q=tag%3Apayments%20status%3Csolved');
      await page.getByRole('button', { name: /Save/ }).first().click();
      await page.getByRole('dialog').waitFor();
      await page.getByLabel('Name').fill(`Payments ${viewport}`);
      await shoot(page, 'ws-save-view', viewport, { settle: false });
      await page.getByRole('button', { name: 'Save view' }).click();
      await page.waitForURL(/view=\d+/);
      await page.getByRole('heading', { name: `Payments ${viewport}` }).waitFor();
      await shoot(page, 'ws-saved-view', viewport);
      // Edit it from the page header, then delete it.
      await page.getByRole('button', { name: 'View options' }).click();
      await page.getByRole('menuitem', { name: 'Edit view' }).click();
      await page.getByLabel('Name').fill(`Payments (${viewport})`);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { name: `Payments (${viewport})` }).waitFor();
      if (viewport === 'desktop') {
        await page.getByRole('button', { name: `Options for view Payments (${viewport})` }).click();
        await page.getByRole('menuitem', { name: 'Delete view' }).click();
        await page.getByRole('button', { name: 'Delete view' }).click();
        await page.waitForURL((url) => !url.search.includes('view='));
      }
    },
  ],
  [
    'bulk',
    async ({ page, viewport }) => {
      await page.goto('/tickets?q=status%3Csolved%20order_by%3Aid%20sort%3Aasc');
      await page
        .getByRole('checkbox', { name: /Select ticket/ })
        .first()
        .waitFor();
      const boxes = page.getByRole('checkbox', { name: /Select ticket/ });
      const visible = boxes.filter({ visible: true });
      await visible.nth(0).click();
      await visible.nth(2).click({ modifiers: ['Shift'] });
      await page.getByRole('region', { name: 'Bulk actions' }).waitFor();
      await shoot(page, 'ws-bulk-selected', viewport);
      if (viewport === 'desktop') {
        await page.getByRole('button', { name: 'Status', exact: true }).click();
        await page.getByRole('menu').waitFor();
        await shoot(page, 'ws-bulk-status-menu', viewport, { settle: false });
        await page.keyboard.press('Escape');
        // "Closed" only follows "Solved": unsolved tickets refuse, and the report says why per ticket.
        await page.getByRole('button', { name: 'Status', exact: true }).click();
        await page.getByRole('menuitem', { name: 'Closed' }).click();
        await page
          .getByText(/not changed/)
          .first()
          .waitFor();
        await shoot(page, 'ws-bulk-failures', viewport);
        await page.getByRole('button', { name: 'Merge', exact: true }).click();
        await page.getByRole('dialog', { name: 'Merge tickets' }).waitFor();
        await shoot(page, 'ws-merge-dialog', viewport, { settle: false });
        await page.getByRole('button', { name: 'Cancel' }).click();
      }
    },
  ],
  [
    'keyboard',
    async ({ page, viewport }) => {
      if (viewport === 'phone') return;
      await page.goto('/tickets?q=status%3Csolved');
      await page
        .getByRole('checkbox', { name: /Select ticket/ })
        .first()
        .waitFor();
      await page.mouse.click(700, 100);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shoot(page, 'ws-shortcuts', viewport, { settle: false });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
      await page.keyboard.press('/');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      if (focused !== 'Search tickets') throw new Error(`"/" focused ${focused}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('o');
      await page.waitForURL(/\/tickets\/\d+$/);
      await page.getByRole('article').first().waitFor();
      await page.keyboard.press('n');
      await page.getByRole('textbox', { name: 'Internal note' }).waitFor();
      await page.keyboard.type('Typed after pressing n');
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('g');
      await page.keyboard.press('l');
      await page.waitForURL(/\/tickets\?/);
    },
  ],
  [
    'ticket',
    async ({ page, viewport, admin }) => {
      const id = await ticketId(admin, 'priority:p1');
      await page.goto(`/tickets/${id}`);
      await page.getByRole('article').first().waitFor();
      await page.getByText('BrightCart GmbH').waitFor();
      await shoot(page, 'ws-ticket', viewport);
      await shoot(page, 'ws-ticket-full', viewport, { fullPage: true });
      await page.getByRole('tab', { name: /History/ }).click();
      await page.getByRole('region', { name: 'History' }).waitFor();
      await shoot(page, 'ws-history', viewport);
    },
  ],
  [
    'attach',
    async ({ page, viewport, admin }) => {
      const id = await ticketId(admin, '"Webhook deliveries"');
      await page.goto(`/tickets/${id}`);
      await page.getByRole('article').first().waitFor();
      await page.getByRole('textbox', { name: /Reply to/ }).fill('Here are the delivery logs for the last hour.');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Attach' }).click();
      await (await chooser).setFiles([
        { name: 'delivery-log.txt', mimeType: 'text/plain', buffer: Buffer.from('12:01 order.created delayed 612s\n'.repeat(40)) },
        { name: 'not-allowed.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00') },
      ]);
      await page.getByRole('list', { name: 'Attachments' }).getByText('delivery-log.txt').waitFor();
      await page.waitForFunction(() => !document.querySelector('[aria-label="Uploading"]'));
      await page.getByRole('button', { name: 'Remove not-allowed.exe' }).scrollIntoViewIfNeeded();
      await shoot(page, 'ws-attachments', viewport, { settle: false });
      if (viewport === 'desktop') {
        await page.getByRole('button', { name: 'Remove not-allowed.exe' }).click();
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByText('Reply sent').first().waitFor();
        await page
          .getByRole('link', { name: /delivery-log\.txt/ })
          .first()
          .waitFor();
      }
    },
  ],
  [
    'resolution',
    async ({ page, viewport, admin }) => {
      await admin.call('PATCH', '/api/v1/settings/tickets', { resolution_code_required: true });
      try {
        const id = await ticketId(admin, '"Password reset email"');
        await page.goto(`/tickets/${id}`);
        await page.getByRole('article').first().waitFor();
        await page.getByRole('combobox', { name: 'Status', exact: true }).click();
        await page.getByRole('option', { name: 'Solved' }).click();
        await page.getByText('A resolution code is required').first().waitFor();
        await page.getByRole('combobox', { name: 'Resolution code' }).scrollIntoViewIfNeeded();
        await shoot(page, 'ws-resolution-required', viewport, { settle: false });
      } finally {
        await admin.call('PATCH', '/api/v1/settings/tickets', { resolution_code_required: false });
      }
    },
  ],
  [
    'new-ticket',
    async ({ page, viewport }) => {
      await page.goto('/tickets/new');
      await page.getByRole('heading', { name: 'New ticket' }).waitFor();
      await shoot(page, 'ws-new-ticket', viewport);
      await page.getByRole('button', { name: 'Create ticket' }).filter({ visible: true }).click();
      await page.getByText('Write a subject').waitFor();
      await shoot(page, 'ws-new-ticket-errors', viewport, { settle: false });
      if (viewport === 'desktop') {
        await page.getByRole('combobox', { name: 'Name' }).fill('Ana');
        await page.getByRole('option', { name: /Ana Souza/ }).click();
        await page.getByRole('textbox', { name: 'Subject' }).fill('Phone call: invoice address change');
        await page.getByRole('textbox', { name: 'Description' }).fill('Ana called: the billing address moved to Rua Augusta 200, Lisbon.');
        await page.getByRole('button', { name: 'Create ticket' }).filter({ visible: true }).click();
        await page.waitForURL(/\/tickets\/\d+$/);
        await page.getByRole('article').first().waitFor();
      }
    },
  ],
  [
    'offline',
    async ({ page, viewport }) => {
      // The server refuses the socket: the header shows that live updates are paused.
      await page.routeWebSocket('**/api/v1/stream', (ws) => ws.close({ code: 1011, reason: 'test' }));
      await page.goto('/tickets');
      await page.getByRole('status', { name: /Live updates paused/ }).waitFor({ timeout: 15_000 });
      await shoot(page, 'ws-offline', viewport);
    },
  ],
];

/** Agent B watches a ticket while agent A views it, types a reply and changes the priority. */
async function liveCheck(admin: Admin): Promise<void> {
  const browser = await launchBrowser();
  try {
    const id = await ticketId(admin, '"Export of all tickets"');
    const a = await openPage(browser, baseURL, 'desktop');
    const b = await openPage(browser, baseURL, 'desktop');
    await signIn(a.context, maya.email, DEMO_PASSWORD);
    await signIn(b.context, tomas.email, DEMO_PASSWORD);

    await b.page.goto(`/tickets/${id}`);
    await b.page.getByRole('article').first().waitFor();
    await a.page.goto(`/tickets/${id}`);
    await a.page.getByRole('article').first().waitFor();

    await b.page.getByText('Maya is also viewing').waitFor({ timeout: 10_000 });
    await a.page.getByText('Tomás is also viewing').waitFor({ timeout: 10_000 });
    console.log('  live: presence (viewing) seen by both');

    await a.page.getByRole('textbox', { name: /Reply to/ }).fill('Quick update: the export fix ships tomorrow.');
    await b.page.getByText('Maya is replying').waitFor({ timeout: 10_000 });
    await b.page.getByRole('textbox', { name: /Reply to/ }).scrollIntoViewIfNeeded();
    await shoot(b.page, 'ws-live-replying', 'desktop', { settle: false });
    console.log('  live: B sees "Maya is replying"');

    // A changes the priority; B's page shows the notice and the new badge without reloading.
    const before = await b.page.getByRole('banner').last().textContent();
    await a.page.getByRole('combobox', { name: 'Priority' }).click();
    await a.page.getByRole('option', { name: /P1/ }).click();
    await b.page.getByText('Maya changed the priority').waitFor({ timeout: 10_000 });
    await b.page.getByText('P1 · Urgent').first().waitFor({ timeout: 10_000 });
    await b.page.evaluate(() => window.scrollTo(0, 0));
    await shoot(b.page, 'ws-live-change', 'desktop', { settle: false });
    console.log('  live: B sees "Maya changed the priority" and P1', before ? '' : '');

    // A leaves; B's warning goes away.
    await a.page.goto('/tickets');
    await b.page.getByText('Maya is replying').waitFor({ state: 'detached', timeout: 10_000 });
    console.log('  live: presence cleared after A left');

    // B's list: view counts and the list follow A's changes.
    await b.page.goto('/tickets?q=priority%3Ap1%20status%3Csolved');
    const rows = b.page.locator('tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    const other = await ticketId(admin, '"Webhook deliveries"');
    await a.page.goto(`/tickets/${other}`);
    await a.page.getByRole('combobox', { name: 'Priority' }).click();
    await a.page.getByRole('option', { name: /P1/ }).click();
    await b.page.waitForFunction((n) => document.querySelectorAll('tbody tr').length === n + 1, count, { timeout: 10_000 });
    await shoot(b.page, 'ws-live-list', 'desktop', { settle: false });
    console.log(`  live: B's list grew from ${count} to ${count + 1} rows without a reload`);

    // A assigns a ticket to B: B's "My open tickets" count follows within a second or two.
    const mine = b.page
      .getByRole('navigation', { name: 'Shared views' })
      .getByRole('link', { name: /My open tickets/ })
      .locator('.fl-view-count');
    const mineBefore = Number.parseInt((await mine.textContent()) ?? '', 10);
    await a.page.getByRole('combobox', { name: 'Assignee' }).click();
    await a.page.getByRole('option', { name: 'Tomás Silva' }).click();
    await b.page.waitForFunction(
      (n) => Number.parseInt(document.querySelector('nav[aria-label="Shared views"] a .fl-view-count')?.textContent ?? '', 10) === n + 1,
      mineBefore,
      { timeout: 10_000 },
    );
    console.log(`  live: B's "My open tickets" count went from ${mineBefore} to ${mineBefore + 1}`);

    // Put things back for the next run.
    for (const ticket of [id, other]) {
      const current = await admin.call<{ version: number }>('GET', `/api/v1/tickets/${ticket}`);
      await admin.call('PATCH', `/api/v1/tickets/${ticket}`, {
        version: current.version,
        priority: ticket === id ? 'p3' : 'p2',
        ...(ticket === other ? { assignee_id: null } : {}),
      });
    }
    await a.context.close();
    await b.context.close();
  } finally {
    await browser.close();
  }
}

async function run(): Promise<void> {
  const filter = process.argv[2];
  if (adminPassword && (await seed(baseURL, { email: adminEmail, password: adminPassword }))) console.log('seeded the demo help desk');
  const admin = await Admin.signIn();
  await seedWorkspace(admin);
  const browser = await launchBrowser();
  try {
    for (const viewport of Object.keys(viewports) as ViewportName[]) {
      console.log(`${viewport}:`);
      const { context, page } = await openPage(browser, baseURL, viewport);
      await signIn(context, maya.email, DEMO_PASSWORD);
      for (const [name, step] of steps) {
        if (filter && !name.includes(filter)) continue;
        console.log(` ${name}`);
        await step({ page, context, viewport, admin });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  if (!filter || 'live'.includes(filter)) {
    console.log('two agents:');
    await liveCheck(admin);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

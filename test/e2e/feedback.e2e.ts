import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../smtp-sink.ts';
import { launchBrowser, openPage, signIn } from './screens.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

const PASSWORD = 'correct horse battery';
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let server: RunningServer;
let browser: Browser;
let call: ApiCall;
let ticketId: number;
const stamp = Date.now();
const agentEmail = `ada.${stamp}@example.com`;
const leadEmail = `lena.${stamp}@example.com`;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url } });
  call = await adminApi(server);
  const agent = await call<{ id: number }>('POST', '/api/v1/users', {
    email: agentEmail,
    name: 'Ada Agent',
    role: 'associate',
    password: PASSWORD,
  });
  await call('POST', '/api/v1/users', { email: leadEmail, name: 'Lena Lead', role: 'manager', password: PASSWORD });
  await call('PATCH', '/api/v1/survey-settings', { delay_minutes: 0 });
  const ticket = await call<{ id: number }>('POST', '/api/v1/tickets', {
    subject: 'Refund for a double charge',
    description: 'I was charged twice this month.',
    requester: { email: `carol.${stamp}@example.com`, name: 'Carol Customer' },
    priority: 'p2',
  });
  ticketId = ticket.id;
  await call('PATCH', `/api/v1/tickets/${ticketId}`, { assignee_id: agent.id });
  await call('PATCH', `/api/v1/tickets/${ticketId}`, { status: 'solved' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

describe('feedback and quality in the browser', () => {
  it('a customer rates from the email link and leaves a comment; a forged link is refused', async () => {
    const mail = await sink.next(60_000);
    const link = /(http\S+\/survey\/\S+)\?score=2/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link as string).pathname;
    const { context, page } = await openPage(browser, server.url, 'phone');
    await page.goto(`${path}?score=2`);
    await page.getByText('your rating (2) is saved').waitFor();
    await page.getByLabel('Anything you would like to add? (optional)').fill('It took three emails to get the refund.');
    await page.getByRole('button', { name: 'Save my answers' }).click();
    await page.getByText('your answers are saved').waitFor();
    const forged = await page.goto(`${path.slice(0, -3)}abc?score=5`);
    expect(forged?.status()).toBe(403);
    await context.close();
    const answers = await call<{ data: { score: number; comment: string }[] }>('GET', '/api/v1/survey-answers');
    expect(answers.data[0]).toMatchObject({ score: 2, comment: 'It took three emails to get the refund.' });
  });

  it('a reviewer completes the scorecard', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, leadEmail, PASSWORD);
    await page.goto(`/qa/reviews/new?ticket=${ticketId}`);
    await page.getByText('Opening and tone').waitFor();
    const groups = page.locator('.mantine-SegmentedControl-root');
    const count = await groups.count();
    expect(count).toBeGreaterThanOrEqual(15);
    for (let i = 0; i < count; i++) {
      const labels = groups.nth(i).locator('label');
      const texts = await labels.allTextContents();
      // The top score of each item (the one before N/A where there is one).
      await labels.nth(texts.at(-1) === 'N/A' ? texts.length - 2 : texts.length - 1).click();
    }
    await expect.poll(() => page.getByTestId('qa-score').textContent()).toBe('100');
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.waitForURL(/\/qa\/reviews\/\d+$/);
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await context.close();
    const reviews = await call<{ data: { status: string; score: number }[] }>('GET', `/api/v1/qa/reviews?ticket_id=${ticketId}`);
    expect(reviews.data[0]).toMatchObject({ status: 'submitted', score: 100 });
  });

  it('the agent sees the review on their quality page and disputes it', async () => {
    const { context, page } = await openPage(browser, server.url, 'desktop');
    await signIn(context, agentEmail, PASSWORD);
    await page.goto('/qa');
    await page.getByText('Reviews of my conversations').waitFor();
    await page
      .getByRole('link', { name: /Refund for a double charge/ })
      .first()
      .click();
    await page.getByLabel('Dispute this review').fill('The customer asked for the refund first; I handled that.');
    await page.getByRole('button', { name: 'Send dispute' }).click();
    await page.getByText('open', { exact: true }).waitFor();
    await context.close();
    const disputes = await call<{ data: { status: string }[] }>('GET', '/api/v1/qa/disputes?status=open');
    expect(disputes.data).toHaveLength(1);
  });
});

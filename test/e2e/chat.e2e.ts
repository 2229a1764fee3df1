import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, shoot, signIn } from './screens.ts';
import { type ApiCall, adminApi, type RunningServer, startServer } from './server.ts';

const PASSWORD = 'correct horse battery';
const stamp = Date.now();
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A customer's own web site on another origin, embedding the widget with one script tag. */
async function startCustomerSite(widgetOrigin: string): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const site = http.createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      `<!doctype html><html lang="en"><head><title>Acme shop</title></head><body><h1>Acme shop ${request.url}</h1><a href="/other">Other page</a>` +
        `<script src="${widgetOrigin}/widget.js" async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

async function setUpAgent(call: ApiCall, email: string, name: string) {
  return call<{ id: number }>('POST', '/api/v1/users', { email, name, role: 'associate', password: PASSWORD });
}

async function startVisitorChat(page: Page, name: string) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email (optional)').fill(`${name.toLowerCase().replace(/\W/g, '')}.${stamp}@example.com`);
  await page.getByLabel('Topic').fill('Account');
  await page.getByRole('button', { name: 'Start chat' }).click();
}

const visitorSays = async (page: Page, text: string) => {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
};

async function openConsole(serverUrl: string, email: string) {
  const { context, page } = await openPage(browser, serverUrl, 'desktop');
  await signIn(context, email, PASSWORD);
  await page.goto('/chat');
  await page.getByRole('heading', { name: 'Live chat' }).waitFor();
  await page.getByText('Connected').waitFor();
  return { context, page };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('live chat in the browser (one process)', () => {
  let server: RunningServer;
  let call: ApiCall;
  let site: Awaited<ReturnType<typeof startCustomerSite>>;
  const agentEmail = `cora.${stamp}@example.com`;

  beforeAll(async () => {
    server = await startServer();
    call = await adminApi(server);
    await setUpAgent(call, agentEmail, 'Cora Chat');
    await call('POST', '/api/v1/kb/articles', {
      title: 'Reset your password',
      body: 'Open Settings, choose Security and press Reset password. The reset link arrives by email within five minutes.',
      visibility: 'public',
    });
    site = await startCustomerSite(server.url);
  });
  afterAll(async () => {
    await site?.close();
    await server?.stop();
  });

  it('serves /widget.js small, compressed and cacheable', async () => {
    const response = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=300');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const bytes = Number(response.headers.get('content-length') ?? (await response.arrayBuffer()).byteLength);
    expect(bytes).toBeLessThan(50 * 1024);
  });

  it('the bot answers a knowledge question, hands off on request, and visitor and agent chat through a dropped connection', async () => {
    const visitor = await openPage(browser, site.url, 'phone');
    await visitor.page.goto(site.url);
    await startVisitorChat(visitor.page, 'Vera Visitor');
    await visitor.page.getByText('Ask me anything').waitFor();
    await visitorSays(visitor.page, 'How do I reset my password?');
    await visitor.page.getByText(/This article may help: Reset your password/).waitFor();
    await shoot(visitor.page, 'chat-widget-bot', 'phone', { settle: false });
    await visitorSays(visitor.page, 'Thanks, but I want to talk to a human');
    await visitor.page.getByText('Waiting for an agent').waitFor();

    const agent = await openConsole(server.url, agentEmail);
    await agent.page.getByText('Handed over by the bot').waitFor();
    await agent.page.getByRole('button', { name: 'Accept' }).click();
    // The agent sees what the visitor told the bot.
    await agent.page.getByTestId('chat-transcript').getByText('How do I reset my password?').waitFor();
    await visitor.page.getByText('Cora Chat joined the chat.').waitFor();
    await agent.page.getByLabel('Reply').fill('Hi Vera, I can help with that.');
    await agent.page.getByLabel('Reply').press('Enter');
    await visitor.page.getByText('Hi Vera, I can help with that.').waitFor();
    await visitorSays(visitor.page, 'The reset link never arrives');
    await agent.page.getByTestId('chat-transcript').getByText('The reset link never arrives').waitFor();
    await shoot(agent.page, 'chat-console', 'desktop', { settle: false });

    // The connection drops: the visitor writes while offline, the agent writes meanwhile.
    await visitor.context.setOffline(true);
    await visitor.page.evaluate(() => (window as unknown as { frontlineChat: { drop(): void } }).frontlineChat.drop());
    await visitor.page.getByText('Reconnecting…').waitFor();
    await visitorSays(visitor.page, 'Are you still there?');
    await agent.page.getByLabel('Reply').fill('I have sent a new link just now.');
    await agent.page.getByLabel('Reply').press('Enter');
    await agent.page.getByTestId('chat-transcript').getByText('I have sent a new link just now.').waitFor();
    await visitor.context.setOffline(false);
    await visitor.page.getByText('I have sent a new link just now.').waitFor({ timeout: 30_000 });
    await agent.page.getByTestId('chat-transcript').getByText('Are you still there?').waitFor({ timeout: 30_000 });
    // …and on another page of the site the conversation is all there, each message once.
    await visitor.page.getByRole('link', { name: 'Other page' }).click();
    await visitor.page.getByText('I have sent a new link just now.').waitFor();
    for (const text of [
      'Are you still there?',
      'I have sent a new link just now.',
      'Hi Vera, I can help with that.',
      'The reset link never arrives',
    ]) {
      expect(await visitor.page.getByText(text, { exact: true }).count()).toBe(1);
      expect(await agent.page.getByTestId('chat-transcript').getByText(text, { exact: true }).count()).toBe(1);
    }

    await agent.page.getByRole('button', { name: 'End chat' }).click();
    await agent.page.getByLabel('Wrap-up').fill('Resent the reset link.');
    await agent.page.getByRole('button', { name: 'End and save transcript' }).click();
    await visitor.page.getByText('How did we do?').waitFor();
    await visitor.page.getByRole('button', { name: 'Rate 5 of 5' }).click();
    await visitor.page.getByText('Thank you for your rating.').waitFor();

    const tickets = await call<{ data: { id: number; channel: string }[] }>('GET', '/api/v1/tickets?channel=chat');
    const chatTicket = tickets.data.find((t) => t.channel === 'chat');
    expect(chatTicket).toBeDefined();
    const comments = JSON.stringify(await call('GET', `/api/v1/tickets/${chatTicket?.id}/comments`));
    expect(comments).toContain('Are you still there?');
    expect(comments).toContain('Resent the reset link.');
    const stats = await call<{ handed_off: number }>('GET', '/api/v1/chat/bot/resolution');
    expect(stats.handed_off).toBe(1);
    await visitor.context.close();
    await agent.context.close();
  });
});

const adminUrl = process.env.FRONTLINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `frontline serve` on a PostgreSQL database; several can share one. */
async function startPgProcess(databaseUrl: string): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-e2e-pg-'));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    FRONTLINE_DATA_DIR: dataDir,
    PORT: String(port),
    FRONTLINE_SMTP_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE: '1000',
  };
  const child: ChildProcess = spawn(process.execPath, [path.resolve('bin/frontline.js'), 'serve'], { env });
  let output = '';
  child.stdout?.on('data', (c) => (output += String(c)));
  child.stderr?.on('data', (c) => (output += String(c)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${output}`)), 120_000);
    const check = () => {
      if (!output.includes('Frontline is running')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('live chat across two processes on one PostgreSQL', () => {
  const name = `frontline_chat_e2e_${randomBytes(4).toString('hex')}`;
  let one: Awaited<ReturnType<typeof startPgProcess>>;
  let two: Awaited<ReturnType<typeof startPgProcess>>;
  let site: Awaited<ReturnType<typeof startCustomerSite>>;
  const agentEmail = `tom.${stamp}@example.com`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    one = await startPgProcess(url.toString());
    two = await startPgProcess(url.toString());
    const credentials = /Sign in at \S+ with (\S+) \/ (\S+)/.exec(one.output());
    const call = await adminApi({
      url: one.url,
      dataDir: '',
      admin: { email: credentials?.[1] ?? '', password: credentials?.[2] ?? '' },
      output: one.output,
      stop: one.stop,
    });
    await setUpAgent(call, agentEmail, 'Tom Two');
    site = await startCustomerSite(one.url);
  });
  afterAll(async () => {
    await site?.close();
    await one?.stop();
    await two?.stop();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('a visitor on one process and an agent on the other chat in real time', async () => {
    const visitor = await openPage(browser, site.url, 'desktop');
    await visitor.page.goto(site.url);
    await startVisitorChat(visitor.page, 'Paula Pg');
    await visitorSays(visitor.page, 'Please get me an agent');
    await visitor.page.getByText('Waiting for an agent').waitFor();
    const agent = await openConsole(two.url, agentEmail);
    await agent.page.getByText('Paula Pg · Account').waitFor();
    await agent.page.getByRole('button', { name: 'Accept' }).click();
    await visitor.page.getByText('Tom Two joined the chat.').waitFor();
    await visitorSays(visitor.page, 'Hello from process one');
    await agent.page.getByTestId('chat-transcript').getByText('Hello from process one').waitFor();
    await agent.page.getByLabel('Reply').fill('Hello from process two');
    await agent.page.getByLabel('Reply').press('Enter');
    await visitor.page.getByText('Hello from process two').waitFor();
    await visitor.context.close();
    await agent.context.close();
  });
});

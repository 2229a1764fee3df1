import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';

let env: TestEnvironment;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnvironment({ smtpUrl: sink.url, publicUrl: 'https://help.example.com' });
});
afterAll(async () => {
  await env.close();
  await sink.close();
});

function tokenFrom(text: string): string {
  const match = /https:\/\/help\.example\.com\/portal\/sign-in\?token=(\S+)/.exec(text);
  if (!match?.[1]) throw new Error(`no link in: ${text}`);
  return decodeURIComponent(match[1]);
}

describe('the customer portal', () => {
  it('lets a customer sign up, then see and open only their own requests', async () => {
    const signedUp = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-up',
      payload: { name: 'Rosa Diaz', email: 'rosa@example.com', password: 'a long password' },
    });
    expect(signedUp.statusCode).toBe(201);
    const body = signedUp.json();
    expect(body.user).toMatchObject({ role: 'customer', name: 'Rosa Diaz' });
    const cookie = signedUp.cookies.find((c) => c.name === 'frontline_session')?.value ?? '';
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      cookies: { frontline_session: cookie },
      headers: { 'x-csrf-token': body.csrf_token },
      payload: { subject: 'Order late', description: 'Order 1234 has not arrived' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ channel: 'web', requester: { email: 'rosa@example.com' } });
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-up',
      payload: { name: 'Rosa', email: 'ROSA@example.com', password: 'a long password' },
    });
    expect(again.json().code).toBe('email_taken');
  });

  it('emails a one-time sign-in link to someone who wrote to support, creating their account', async () => {
    const ticket = await makeTicket(env.ctx, { requesterEmail: 'walkin@example.com' });
    const asked = await api(env.app, 'POST', '/api/v1/portal/sign-in-link', { body: { email: 'Walkin@example.com' } });
    expect(asked.status).toBe(202);
    const mail = await sink.next();
    expect(mail.to).toEqual(['walkin@example.com']);
    expect(mail.subject).toBe('Your sign-in link');
    const token = tokenFrom(mail.text);

    const redeemed = await env.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in-link/redeem', payload: { token } });
    expect(redeemed.statusCode).toBe(200);
    const cookie = redeemed.cookies.find((c) => c.name === 'frontline_session')?.value ?? '';
    const mine = await env.app.inject({ method: 'GET', url: '/api/v1/tickets', cookies: { frontline_session: cookie } });
    expect(mine.json().data.map((t: { id: number }) => t.id)).toEqual([ticket.id]);

    const reused = await api(env.app, 'POST', '/api/v1/portal/sign-in-link/redeem', { body: { token } });
    expect(reused.status).toBe(401);
  });

  it('expires sign-in links after 15 minutes', async () => {
    await makeTicket(env.ctx, { requesterEmail: 'slow@example.com' });
    await api(env.app, 'POST', '/api/v1/portal/sign-in-link', { body: { email: 'slow@example.com' } });
    const token = tokenFrom((await sink.next()).text);
    env.clock.advance(16 * 60_000);
    const late = await api(env.app, 'POST', '/api/v1/portal/sign-in-link/redeem', { body: { token } });
    expect(late.status).toBe(401);
    expect(late.body.detail).toMatch(/expired/);
  });

  it('says the same for unknown addresses and agents, and sends them nothing', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    for (const email of ['nobody@example.com', agent.user.email]) {
      const response = await api(env.app, 'POST', '/api/v1/portal/sign-in-link', { body: { email } });
      expect(response.status).toBe(202);
    }
    await expect(sink.next(500)).rejects.toThrow('no mail arrived');
  });
});

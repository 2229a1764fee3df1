import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let base: string;
let agent: TestUser;
let other: TestUser;
let admin: TestUser;
const open: WebSocket[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  base = (await env.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
  agent = await makeUser(env.ctx, 'associate', { name: 'Ana Agent' });
  other = await makeUser(env.ctx, 'associate', { name: 'Ben Agent' });
  admin = await makeUser(env.ctx, 'admin');
  const created = await api(env.app, 'POST', '/api/v1/kb/articles', {
    as: agent,
    body: {
      title: 'Reset your password',
      body: 'Open Settings, choose Security and press Reset password. The reset link arrives by email within five minutes.',
      visibility: 'public',
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await env.close();
});

/** A socket with a queue of what the server sent. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  open.push(socket);
  const messages: any[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    async next(match: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex(match);
        if (index >= 0) return messages.splice(index, 1)[0];
        if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

async function start(body: Record<string, unknown> = {}) {
  const response = await api(env.app, 'POST', '/api/v1/chat/conversations', {
    body: { name: 'Vera Visitor', email: 'vera@example.com', ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { token: string; resumed: boolean; conversation: { id: number; ticket_id: number; status: string } };
}

const visitorSocket = (id: number, token: string, after = 0) =>
  connect(`${base}/api/v1/chat/visitor?conversation=${id}&token=${encodeURIComponent(token)}&after_seq=${after}`);

describe('live chat', () => {
  it('opens a chat ticket, lets the bot greet, and keeps the visitor identity across visits', async () => {
    const first = await start({ topic: 'Billing' });
    expect(first.conversation.status).toBe('bot');
    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${first.conversation.ticket_id}`, { as: agent });
    expect(ticket.body.channel).toBe('chat');
    const again = await start({ token: first.token });
    expect(again.resumed).toBe(true);
    expect(again.conversation.id).toBe(first.conversation.id);
  });

  it('answers a knowledge question from a public article, then hands off on request', async () => {
    const { token, conversation } = await start();
    const visitor = await visitorSocket(conversation.id, token);
    await visitor.next((m) => m.kind === 'message' && m.message.author === 'bot');
    visitor.send({ type: 'message', client_id: 'q1', body: 'How do I reset my password?' });
    const answer = await visitor.next((m) => m.kind === 'message' && m.message.author === 'bot');
    expect(answer.message.body).toContain('Reset your password');
    visitor.send({ type: 'message', client_id: 'q2', body: 'I want to talk to a human' });
    await visitor.next((m) => m.kind === 'conversation' && m.conversation.status === 'queued');
    const inbox = await api(env.app, 'GET', '/api/v1/chat/inbox', { as: agent });
    expect(inbox.body.offers.map((c: { id: number }) => c.id)).toContain(conversation.id);
    const stats = await api(env.app, 'GET', '/api/v1/chat/bot/resolution', { as: admin });
    expect(stats.status).toBe(200);
    expect(stats.body.handed_off).toBeGreaterThanOrEqual(1);
  });

  it('exchanges messages between a visitor and an agent, with acks, typing and read receipts', async () => {
    await api(env.app, 'PATCH', '/api/v1/chat/widgets/default', { as: admin, body: { bot_enabled: false } });
    const { token, conversation } = await start({ email: 'walt@example.com', name: 'Walt' });
    expect(conversation.status).toBe('queued');
    const agentSocket = await connect(`${base}/api/v1/chat/agent`, agent.auth);
    await agentSocket.next((m) => m.kind === 'hello');
    const accepted = await api(env.app, 'POST', `/api/v1/chat/conversations/${conversation.id}/accept`, { as: agent });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const taken = await api(env.app, 'POST', `/api/v1/chat/conversations/${conversation.id}/accept`, { as: other });
    expect(taken.status).toBe(409);

    const visitor = await visitorSocket(conversation.id, token);
    visitor.send({ type: 'message', client_id: 'v1', body: 'Hello, my invoice is wrong' });
    const ack = await visitor.next((m) => m.kind === 'ack');
    const heard = await agentSocket.next((m) => m.kind === 'message' && m.message.client_id === 'v1');
    expect(heard.message.seq).toBe(ack.seq);
    visitor.send({ type: 'typing' });
    await agentSocket.next((m) => m.kind === 'typing' && m.conversation_id === conversation.id);
    agentSocket.send({ type: 'message', conversation_id: conversation.id, client_id: 'a1', body: 'Let me check that for you' });
    const reply = await visitor.next((m) => m.kind === 'message' && m.message.author === 'agent');
    visitor.send({ type: 'read', seq: reply.message.seq });
    const read = await agentSocket.next((m) => m.kind === 'read' && m.conversation_id === conversation.id);
    expect(read.seq).toBe(reply.message.seq);

    // Only the holder may write; the other agent is refused.
    const foreign = await api(env.app, 'POST', `/api/v1/chat/conversations/${conversation.id}/messages`, {
      as: other,
      body: { body: 'hi' },
    });
    expect(foreign.status).toBe(403);

    const ended = await api(env.app, 'POST', `/api/v1/chat/conversations/${conversation.id}/end`, {
      as: agent,
      body: { wrap_up: 'Invoice corrected' },
    });
    expect(ended.body.status).toBe('ended');
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${conversation.ticket_id}/comments`, { as: agent });
    const transcript = JSON.stringify(comments.body);
    expect(transcript).toContain('Hello, my invoice is wrong');
    expect(transcript).toContain('Let me check that for you');
    const headers = { 'x-chat-token': token };
    const csat = await api(env.app, 'POST', `/api/v1/chat/conversations/${conversation.id}/csat`, { body: { score: 5 }, headers });
    expect(csat.status).toBe(200);
    await api(env.app, 'PATCH', '/api/v1/chat/widgets/default', { as: admin, body: { bot_enabled: true } });
  });

  it('resumes after a dropped connection without losing or duplicating a message', async () => {
    const { token, conversation } = await start();
    const first = await visitorSocket(conversation.id, token);
    await first.next((m) => m.kind === 'message' && m.message.seq === 1);
    first.send({ type: 'message', client_id: 'r1', body: 'first message' });
    const ack = await first.next((m) => m.kind === 'ack' && m.client_id === 'r1');
    first.socket.terminate();
    // While away: the bot answers. Then the visitor resends r1 (ack was maybe lost) and a new one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await visitorSocket(conversation.id, token, 1);
    second.send({ type: 'message', client_id: 'r1', body: 'first message' });
    second.send({ type: 'message', client_id: 'r2', body: 'second message' });
    const again = await second.next((m) => m.kind === 'ack' && m.client_id === 'r1');
    expect(again.seq).toBe(ack.seq);
    await second.next((m) => m.kind === 'ack' && m.client_id === 'r2');
    const all = await api(env.app, 'GET', `/api/v1/chat/conversations/${conversation.id}/visitor-messages?after_seq=0`, {
      headers: { 'x-chat-token': token },
    });
    const bodies = all.body.data.filter((m: { author: string }) => m.author === 'visitor').map((m: { body: string }) => m.body);
    expect(bodies).toEqual(['first message', 'second message']);
    const seqs = all.body.data.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
  });

  it('opens a ticket from the offline form and refuses bad input with problem+json', async () => {
    const offline = await api(env.app, 'POST', '/api/v1/chat/offline', {
      body: { name: 'Olga', email: 'olga@example.com', message: 'Please call me back' },
    });
    expect(offline.status).toBe(201);
    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${offline.body.ticket_id}`, { as: agent });
    expect(ticket.body.channel).toBe('chat');
    const bad = await api(env.app, 'POST', '/api/v1/chat/conversations', { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('problem+json');
    const wrongToken = await api(env.app, 'GET', '/api/v1/chat/conversations/1/visitor-messages', {
      headers: { 'x-chat-token': 'x'.repeat(30) },
    });
    expect(wrongToken.status).toBe(404);
    const noWidget = await api(env.app, 'GET', '/api/v1/chat/widgets/nope');
    expect(noWidget.status).toBe(404);
    const transfer = await api(env.app, 'POST', '/api/v1/chat/conversations/1/transfer', { as: agent, body: {} });
    expect(transfer.status).toBe(400);
    const noAuth = await api(env.app, 'GET', '/api/v1/chat/inbox');
    expect(noAuth.status).toBe(401);
  });
});

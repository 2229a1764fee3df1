import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let base: string;
const open: WebSocket[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  base = (await env.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await env.close();
});

/** A socket as a user, with a queue of what the server sent. */
async function connect(user: TestUser) {
  const socket = new WebSocket(`${base}/api/v1/stream`, { headers: user.auth });
  open.push(socket);
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    async next(match: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex(match);
        if (index >= 0) return messages.splice(index, 1)[0];
        if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    messages,
  };
}

describe('the live stream', () => {
  it('refuses a socket without credentials', async () => {
    const socket = new WebSocket(`${base}/api/v1/stream`);
    const status = await new Promise((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(401);
  });

  it('shows two agents on one ticket to each other, and pushes one agent’s change to the other', async () => {
    const ana = await makeUser(env.ctx, 'associate', { name: 'Ana' });
    const ben = await makeUser(env.ctx, 'associate', { name: 'Ben' });
    const ticket = await makeTicket(env.ctx);
    const anaSocket = await connect(ana);
    const benSocket = await connect(ben);
    anaSocket.send({ type: 'viewing', ticket_id: ticket.id });
    await anaSocket.next((m) => m.type === 'presence' && m.viewers.some((v: { name: string }) => v.name === 'Ana'));
    benSocket.send({ type: 'replying', ticket_id: ticket.id });
    const seenByAna = await anaSocket.next((m) => m.type === 'presence' && m.viewers.length === 2);
    expect(seenByAna.viewers).toEqual([
      { user_id: ana.user.id, name: 'Ana', state: 'viewing' },
      { user_id: ben.user.id, name: 'Ben', state: 'replying' },
    ]);

    await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ana, body: { priority: 'p1' } });
    const change = await benSocket.next((m) => m.type === 'ticket.changed' && m.ticket_id === ticket.id);
    expect(change).toMatchObject({ version: 2, fields: ['priority'], actor_user_id: ana.user.id });

    benSocket.send({ type: 'left', ticket_id: ticket.id });
    const after = await anaSocket.next((m) => m.type === 'presence' && m.viewers.length === 1);
    expect(after.viewers[0].name).toBe('Ana');
  });

  it('tells a customer about changes to their own tickets only', async () => {
    const customer = await makeUser(env.ctx, 'customer');
    const agent = await makeUser(env.ctx, 'associate');
    const own = await api(env.app, 'POST', '/api/v1/tickets', { as: customer, body: { subject: 'Mine', description: 'help' } });
    const other = await makeTicket(env.ctx);
    const socket = await connect(customer);
    await api(env.app, 'PATCH', `/api/v1/tickets/${other.id}`, { as: agent, body: { priority: 'p2' } });
    await api(env.app, 'POST', `/api/v1/tickets/${own.body.id}/comments`, { as: agent, body: { body: 'On it' } });
    const change = await socket.next((m) => m.type === 'ticket.changed');
    expect(change.ticket_id).toBe(own.body.id);
    expect(socket.messages.some((m) => m.type === 'ticket.changed' && m.ticket_id === other.id)).toBe(false);
  });

  it('does not announce changes that rolled back', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    const ticket = await makeTicket(env.ctx);
    const socket = await connect(agent);
    const refused = await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { status: 'closed' } });
    expect(refused.status).toBe(422);
    await api(env.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: agent, body: { priority: 'p4' } });
    const first = await socket.next((m) => m.type === 'ticket.changed' && m.ticket_id === ticket.id);
    expect(first.fields).toEqual(['priority']);
  });
});

/**
 * Live chat: visitor-to-agent message latency — from the visitor's socket sending a message to the
 * agent's socket receiving it — with many concurrent chats, (1) visitor and agent on one service
 * process and (2) the visitor on one process and the agent on another, both on one PostgreSQL
 * (the message crosses through LISTEN/NOTIFY). Target: p99 < 50 ms with 500 chats on one process.
 * The last line printed is one JSON object.
 *
 * BENCH_DATABASE_URL (admin URL, default the local server), BENCH_CHAT_CHATS (500),
 * BENCH_CHAT_ROUNDS (6 messages per chat per phase), BENCH_CHAT_SPREAD_MS (1000: each round's
 * messages are spread over this window).
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { Cleanup, envNumber } from './support/cleanup.ts';
import { machineLoad } from './support/cpu.ts';
import { adminUrl, createScratchDatabase } from './support/database.ts';
import { printTable, ms } from './support/report.ts';
import { createApiToken, freePort, startService, type RunningService } from './support/service.ts';
import { round, Samples } from './support/stats.ts';

export const description = 'Live chat: visitor-to-agent latency with 500 chats, on one process and across two (target p99 < 50 ms)';

const TARGET_P99_MS = 50;

/** A deterministic sequence in [0, 1) (mulberry32), so every run spreads messages alike. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function json<T>(response: Response, what: string, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Runs `work` over items with at most `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

interface Chat {
  id: number;
  token: string;
  socket?: WebSocket;
}

/** One phase: every chat's visitor sends `rounds` messages; the agent socket times each arrival. */
async function measure(chats: Chat[], agent: WebSocket, rounds: number, spreadMs: number, label: string): Promise<Samples> {
  const samples = new Samples();
  const sentAt = new Map<string, number>();
  let waiting = 0;
  let wake: (() => void) | undefined;
  const onMessage = (raw: WebSocket.RawData) => {
    const event = JSON.parse(String(raw)) as { kind: string; message?: { client_id: string | null; author: string } };
    if (event.kind !== 'message' || event.message?.author !== 'visitor' || !event.message.client_id) return;
    const started = sentAt.get(event.message.client_id);
    if (started === undefined) return;
    sentAt.delete(event.message.client_id);
    samples.add(performance.now() - started);
    if (--waiting === 0) wake?.();
  };
  agent.on('message', onMessage);
  const random = seeded(7);
  try {
    for (let round = 0; round < rounds; round++) {
      waiting = chats.length;
      const done = new Promise<void>((resolve, reject) => {
        wake = resolve;
        setTimeout(
          () => reject(new Error(`${label}: ${waiting} of ${chats.length} messages of round ${round} never reached the agent`)),
          60_000,
        ).unref();
      });
      for (const chat of chats) {
        const clientId = `${label}-${round}-${chat.id}`;
        setTimeout(
          () => {
            sentAt.set(clientId, performance.now());
            chat.socket?.send(
              JSON.stringify({
                type: 'message',
                client_id: clientId,
                body: `Message ${round} from chat ${chat.id}: my order has not arrived yet.`,
              }),
            );
          },
          Math.floor(random() * spreadMs),
        );
      }
      await done;
    }
  } finally {
    agent.off('message', onMessage);
  }
  return samples;
}

export async function run(): Promise<void> {
  const chatsWanted = envNumber('BENCH_CHAT_CHATS', 500, { min: 1, integer: true });
  const rounds = envNumber('BENCH_CHAT_ROUNDS', 6, { min: 1, integer: true });
  const spreadMs = envNumber('BENCH_CHAT_SPREAD_MS', 1000, { min: 0, integer: true });
  const cleanup = new Cleanup();
  try {
    const admin = adminUrl();
    const database = await createScratchDatabase(admin, 'frontline_bench_chat');
    cleanup.add('drop the scratch database', () => database.drop());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-chat-'));
    cleanup.add('remove the data directory', () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, LOG_LEVEL: 'warn', FRONTLINE_DATA_DIR: dataDir, FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE: '1000' };
    const services: RunningService[] = [];
    for (let i = 0; i < 2; i++) {
      const service = await startService({ env: { ...env, FRONTLINE_SMTP_PORT: String(await freePort()) }, port: await freePort() });
      cleanup.add(`stop service ${i + 1}`, () => service.stop());
      services.push(service);
    }
    const [one, two] = services as [RunningService, RunningService];
    if (!one.admin) throw new Error('the first service printed no administrator');
    const token = await createApiToken(one.baseUrl, one.admin);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // One agent holds every chat: a capacity of its own, beyond the default of three.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const me = (await client.query<{ id: number }>('select id from users where email = $1', [one.admin.email.toLowerCase()])).rows[0];
    if (!me) throw new Error('the administrator is not in the database');
    await client.query(`insert into routing_capacities (user_id, group_id, channel, capacity) values ($1, null, 'chat', $2)`, [
      me.id,
      chatsWanted + 10,
    ]);
    await client.end();
    await json(
      await fetch(`${one.baseUrl}/api/v1/chat/widgets/default`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ bot_enabled: false }),
      }),
      'PATCH widget',
    );

    const setupStarted = performance.now();
    const chats: Chat[] = [];
    await pool(
      Array.from({ length: chatsWanted }, (_, i) => i),
      8,
      async (i) => {
        const started = await json<{ token: string; conversation: { id: number } }>(
          await fetch(`${one.baseUrl}/api/v1/chat/conversations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Visitor ${i}`, email: `visitor${i}@bench.example`, topic: 'Order' }),
          }),
          'POST /api/v1/chat/conversations',
          201,
        );
        await json(
          await fetch(`${one.baseUrl}/api/v1/chat/conversations/${started.conversation.id}/accept`, {
            method: 'POST',
            headers: { authorization: auth.authorization },
          }),
          'accept',
        );
        chats.push({ id: started.conversation.id, token: started.token });
      },
    );
    for (const chat of chats) {
      chat.socket = await openSocket(
        `${one.baseUrl.replace('http', 'ws')}/api/v1/chat/visitor?conversation=${chat.id}&token=${chat.token}&after_seq=1000000`,
      );
      cleanup.add('close a visitor socket', () => chat.socket?.terminate());
    }
    console.log(
      `chat: ${chats.length} chats started, accepted and connected in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    const load = await machineLoad();
    const results: Record<string, ReturnType<Samples['summary']>> = {};
    for (const [label, service] of [
      ['one process', one],
      ['two processes', two],
    ] as const) {
      const agent = await openSocket(`${service.baseUrl.replace('http', 'ws')}/api/v1/chat/agent`, { authorization: auth.authorization });
      cleanup.add('close the agent socket', () => agent.terminate());
      await measure(chats.slice(0, Math.min(50, chats.length)), agent, 1, spreadMs, `${label}-warmup`);
      const samples = await measure(chats, agent, rounds, spreadMs, label);
      results[label] = samples.summary();
      agent.terminate();
    }
    const single = results['one process'];
    const cross = results['two processes'];
    if (!single || !cross) throw new Error('a phase measured nothing');
    printTable(
      `Visitor-to-agent latency, ${chats.length} concurrent chats, ${rounds} messages each per phase (machine load ${load.toFixed(2)})`,
      [
        { figure: 'one process p50', value: ms(single.p50) },
        { figure: 'one process p99', value: ms(single.p99), target: `< ${TARGET_P99_MS} ms`, pass: single.p99 < TARGET_P99_MS },
        { figure: 'two processes p50', value: ms(cross.p50) },
        { figure: 'two processes p99', value: ms(cross.p99), target: `< ${TARGET_P99_MS} ms`, pass: cross.p99 < TARGET_P99_MS },
      ],
    );
    console.log(
      JSON.stringify({
        bench: 'chat',
        chats: chats.length,
        rounds,
        spread_ms: spreadMs,
        machine_load: round(load),
        one_process: { count: single.count, p50_ms: round(single.p50), p99_ms: round(single.p99), max_ms: round(single.max) },
        two_processes: { count: cross.count, p50_ms: round(cross.p50), p99_ms: round(cross.p99), max_ms: round(cross.max) },
        target_p99_ms: TARGET_P99_MS,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

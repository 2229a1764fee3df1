import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment, testDatabaseKind } from '../../../test/harness.ts';
import { runAutomations, scanJob } from './index.ts';

// Several worker processes on one PostgreSQL is how Frontline scales out; the embedded database has one process.
describe.skipIf(testDatabaseKind !== 'postgres')('time-based automations with two worker processes on one PostgreSQL', () => {
  let env: TestEnvironment;
  let admin: TestUser;
  const workers: ChildProcess[] = [];
  const ranBy = [0, 0];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-workers-'));

  beforeAll(async () => {
    env = await createTestEnvironment();
    admin = await makeUser(env.ctx, 'admin');
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await env.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function startWorker(index: number): Promise<ChildProcess> {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(env.ctx.db);
    const url = new URL(process.env.FRONTLINE_TEST_DATABASE_URL as string);
    url.pathname = `/${rows[0]?.name}`;
    const worker = spawn(process.execPath, [path.resolve('bin/frontline.js'), 'serve', '--role', 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        FRONTLINE_DATA_DIR: path.join(dataDir, String(index)),
        FRONTLINE_SMTP_PORT: String(42_000 + Math.floor(Math.random() * 10_000)),
        PORT: String(52_000 + index),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workers.push(worker);
    let output = '';
    // Each scan that acted logs how many tickets it ran on.
    let pending = '';
    worker.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; ran?: number };
        if (entry.msg === 'automations ran') ranBy[index - 1] = (ranBy[index - 1] ?? 0) + (entry.ran ?? 0);
      }
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${index} did not start: ${output}`)), 60_000);
      const listen = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('running its worker role')) {
          clearTimeout(timer);
          resolve();
        }
      };
      worker.stdout?.on('data', listen);
      worker.stderr?.on('data', listen);
      worker.on('exit', (code) => reject(new Error(`worker ${index} exited with ${code}: ${output}`)));
    });
    return worker;
  }

  it('run each automation exactly once per ticket, however the scans overlap', { timeout: 180_000 }, async () => {
    const created = await api(env.app, 'POST', '/api/v1/automations', {
      as: admin,
      body: {
        name: 'Nudge unanswered',
        time_condition: { since: 'created', hours: 1 },
        conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }] },
        actions: [
          { type: 'add_tags', tags: ['nudged'] },
          { type: 'send_email', to: 'requester', subject: 'Still there?', body: 'About #{{ticket.id}}' },
        ],
      },
    });
    expect(created.status).toBe(201);
    // Created long ago as far as the workers' (real) clocks are concerned.
    env.clock.set('2026-03-02T09:00:00Z');
    const tickets = [];
    for (let i = 0; i < 150; i++) tickets.push(await makeTicket(env.ctx));

    await Promise.all([startWorker(1), startWorker(2)]);
    // Scans arrive while others run: each worker polls the queue and takes the next scan while the other's runs.
    const ids = tickets.map((t) => t.id);
    const runs = async () =>
      Number(
        (
          await env.ctx.db
            .selectFrom('automation_runs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('ticket_id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
    env.clock.set('2026-03-02T12:00:00Z');
    for (let round = 0; round < 240 && (await runs()) < ids.length; round++) {
      await env.ctx.jobs.send(scanJob, {});
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await runs()).toBe(ids.length);
    // Let running scans finish before counting their effects.
    for (let i = 0; i < 60; i++) {
      const busy = await sql<{
        n: number;
      }>`select count(*)::int as n from pgboss.job where name = ${scanJob} and state in ('created', 'active', 'retry')`.execute(env.ctx.db);
      if (busy.rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const stopped = workers.map((worker) => new Promise((resolve) => worker.once('close', resolve)));
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(stopped);

    const ran = await env.ctx.db
      .selectFrom('ticket_events')
      .select(['ticket_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'automation.ran')
      .where('ticket_id', 'in', ids)
      .groupBy('ticket_id')
      .execute();
    expect(ran).toHaveLength(ids.length);
    // What the workers say they did adds up to one run per ticket (each claim won once).
    expect((ranBy[0] ?? 0) + (ranBy[1] ?? 0)).toBe(ids.length);
    // And once more in this process, now that everything ran: nothing is left to do.
    expect((await runAutomations(env.ctx)).ran).toBe(0);
    expect(ran.every((r) => Number(r.n) === 1)).toBe(true);
    const tagged = await env.ctx.db.selectFrom('tickets').select(['id', 'tags']).where('id', 'in', ids).execute();
    expect(tagged.every((t) => t.tags.length === 1 && t.tags[0] === 'nudged')).toBe(true);
    const emails = await sql<{ n: number }>`
      select count(*)::int as n from (select id from pgboss.job where name = 'automation.email'
        union all select id from pgboss.archive where name = 'automation.email') j`.execute(env.ctx.db);
    expect(emails.rows[0]?.n).toBe(ids.length);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../test/harness.ts';

let env: TestEnvironment;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(async () => {
  await env.close();
});

const waitFor = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('job queue', () => {
  it('runs a job sent in a transaction only if the transaction commits', async () => {
    const seen: number[] = [];
    await env.ctx.jobs.work<{ n: number }>('test.commit', async (data) => {
      seen.push(data.n);
    });
    await env.ctx.db.transaction().execute(async (trx) => {
      await env.ctx.jobs.send('test.commit', { n: 1 }, { db: trx });
    });
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await env.ctx.jobs.send('test.commit', { n: 2 }, { db: trx });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await env.ctx.jobs.drain({ names: ['test.commit'] })).toBe(1);
    expect(seen).toEqual([1]);
    expect(await env.ctx.jobs.drain({ names: ['test.commit'] })).toBe(0);
  });

  it('retries a failing job with exponential backoff, then gives up', async () => {
    const attempts: number[] = [];
    await env.ctx.jobs.work(
      'test.flaky',
      async (_data, job) => {
        attempts.push(job.retryCount);
        throw new Error('receiver down');
      },
      { retryLimit: 3, retryDelay: 10, retryBackoff: true },
    );
    await env.ctx.jobs.send('test.flaky', {});
    // The first attempt runs; the retry waits for its delay.
    expect(await env.ctx.jobs.drain({ names: ['test.flaky'] })).toBe(1);
    const pending = await sql<{ state: string; delay: number }>`
      select state::text, extract(epoch from start_after - now())::float8 as delay from pgboss.job where name = 'test.flaky'`.execute(
      env.ctx.db,
    );
    expect(pending.rows[0]?.state).toBe('retry');
    expect(pending.rows[0]?.delay).toBeGreaterThan(5);
    // Run every retry now.
    expect(await env.ctx.jobs.drain({ names: ['test.flaky'], ignoreStartAfter: true })).toBe(3);
    expect(attempts).toEqual([0, 1, 2, 3]);
    const failed = await sql<{ state: string }>`select state::text from pgboss.job where name = 'test.flaky'`.execute(env.ctx.db);
    expect(failed.rows[0]?.state).toBe('failed');
  });

  it('coalesces waiting requests on a short queue', async () => {
    let runs = 0;
    await env.ctx.jobs.work(
      'test.coalesce',
      async () => {
        runs++;
      },
      { policy: 'short' },
    );
    expect(await env.ctx.jobs.send('test.coalesce', { a: 1 })).not.toBeNull();
    expect(await env.ctx.jobs.send('test.coalesce', { a: 2 })).toBeNull();
    await env.ctx.jobs.drain({ names: ['test.coalesce'] });
    expect(runs).toBe(1);
  });

  it('polls its queues once workers start', async () => {
    const seen: string[] = [];
    await env.ctx.jobs.work<{ word: string }>('test.polled', async (data) => {
      seen.push(data.word);
    });
    await env.ctx.jobs.startWorkers();
    await env.ctx.jobs.send('test.polled', { word: 'hello' });
    await waitFor(() => seen.length === 1, 'the worker');
    expect(seen).toEqual(['hello']);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigCache } from './cache.ts';
import { createLogger } from './logging.ts';
import type { RealtimeBus, RealtimeChannel } from './realtime.ts';

/** A bus that delivers what the test publishes, as the database would on commit. */
class TestBus implements RealtimeBus {
  private readonly handlers = new Map<RealtimeChannel, ((payload: unknown) => void)[]>();
  subscribe(channel: RealtimeChannel, handler: (payload: unknown) => void) {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    return () =>
      this.handlers.set(
        channel,
        (this.handlers.get(channel) ?? []).filter((h) => h !== handler),
      );
  }
  publish(channel: RealtimeChannel, payload: unknown) {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }
  async close() {}
}

const counter = () => {
  let loads = 0;
  return {
    load: async () => ++loads,
    get loads() {
      return loads;
    },
  };
};

describe('the configuration cache', () => {
  it('loads once and answers from memory until its topic changes', async () => {
    const cache = new ConfigCache();
    const source = counter();
    expect(await cache.get('sla', 'setup', source.load)).toBe(1);
    expect(await cache.get('sla', 'setup', source.load)).toBe(1);
    cache.drop('custom_fields');
    expect(await cache.get('sla', 'setup', source.load)).toBe(1);
    cache.drop('sla');
    expect(await cache.get('sla', 'setup', source.load)).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new ConfigCache();
    const source = counter();
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('auth', 't:x', source.load)));
    expect(answers).toEqual([1, 1, 1]);
    expect(source.loads).toBe(1);
  });

  it('does not keep an answer that was loading while its topic changed', async () => {
    const cache = new ConfigCache();
    let release: (value: string) => void = () => undefined;
    const slow = cache.get('sla', 'setup', () => new Promise<string>((resolve) => (release = resolve)));
    cache.drop('sla'); // a policy changed while the old policies were being read
    release('old policies');
    expect(await slow).toBe('old policies');
    expect(await cache.get('sla', 'setup', async () => 'new policies')).toBe('new policies');
  });

  it('does not keep a failed load', async () => {
    const cache = new ConfigCache();
    await expect(cache.get('auth', 't:y', async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
    expect(await cache.get('auth', 't:y', async () => 'found')).toBe('found');
  });

  it('expires entries after their time to live', async () => {
    let now = 0;
    const cache = new ConfigCache({ ttlMs: 1000, now: () => now });
    const source = counter();
    await cache.get('auth', 't:z', source.load);
    now = 999;
    expect(await cache.get('auth', 't:z', source.load)).toBe(1);
    now = 1000;
    expect(await cache.get('auth', 't:z', source.load)).toBe(2);
  });

  it('keeps at most the configured number of entries per topic, oldest out first', async () => {
    const cache = new ConfigCache({ maxEntriesPerTopic: 2 });
    const source = counter();
    await cache.get('auth', 'a', source.load);
    await cache.get('auth', 'b', source.load);
    await cache.get('auth', 'c', source.load);
    expect(await cache.get('auth', 'c', source.load)).toBe(3);
    expect(await cache.get('auth', 'a', source.load)).toBe(4);
  });

  it('drops a topic when another process announces a change, and everything when told to start over', async () => {
    const bus = new TestBus();
    const cache = new ConfigCache().listen(bus, createLogger('silent'));
    const sla = counter();
    const auth = counter();
    await cache.get('sla', 'setup', sla.load);
    await cache.get('auth', 't:1', auth.load);
    bus.publish('cache_invalidation', { topic: 'sla' });
    expect(await cache.get('sla', 'setup', sla.load)).toBe(2);
    expect(await cache.get('auth', 't:1', auth.load)).toBe(1);
    bus.publish('cache_invalidation', { topic: 'nonsense' });
    expect(await cache.get('auth', 't:1', auth.load)).toBe(1);
    bus.publish('cache_invalidation', { topic: '*' });
    expect(await cache.get('auth', 't:1', auth.load)).toBe(2);
    cache.close();
    bus.publish('cache_invalidation', { topic: 'auth' });
  });
});

import type { Kysely } from 'kysely';
import type { Logger } from './logging.ts';
import { notify, type RealtimeBus } from './realtime.ts';

/**
 * In-process caches of what every request reads and almost nothing writes: credentials, SLA
 * policies, custom field definitions. Each entry lives under a topic; a change to a topic drops
 * every entry under it, in this process at once and in every other process when the change
 * commits (a NOTIFY on `cache_invalidation`). A time-to-live bounds the damage of a missed
 * notification, and the whole cache is dropped when the notification connection reconnects.
 *
 * A load that was already running when its topic changed is not stored: the generation of the
 * topic is checked before and after, so an old answer cannot overwrite the news.
 */
export type CacheTopic = 'auth' | 'sla' | 'custom_fields' | 'automation' | 'routing';
const topics: readonly CacheTopic[] = ['auth', 'sla', 'custom_fields', 'automation', 'routing'];

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

export class ConfigCache {
  private readonly entries = new Map<CacheTopic, Map<string, Entry>>();
  private readonly generations = new Map<CacheTopic, number>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: { ttlMs?: number; maxEntriesPerTopic?: number; now?: () => number } = {}) {
    for (const topic of topics) {
      this.entries.set(topic, new Map());
      this.generations.set(topic, 0);
    }
  }

  /** Drops entries when another process (or this one, through the database) announces a change. */
  listen(bus: RealtimeBus, log: Logger): this {
    this.unsubscribe?.();
    this.unsubscribe = bus.subscribe('cache_invalidation', (payload) => {
      const topic = (payload as { topic?: unknown } | null)?.topic;
      if (topic === '*') this.dropAll();
      else if (typeof topic === 'string' && topics.includes(topic as CacheTopic)) this.drop(topic as CacheTopic);
      else log.warn({ payload }, 'ignoring an unknown cache invalidation');
    });
    return this;
  }

  close(): void {
    this.unsubscribe?.();
    this.dropAll();
  }

  /** The cached value, or `load()`'s (shared by concurrent callers; a failed load is not kept). */
  get<T>(topic: CacheTopic, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entries = this.entries.get(topic) as Map<string, Entry>;
    const hit = entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    const generation = this.generations.get(topic);
    const value = load();
    const entry: Entry = { value, expiresAt: now + (this.options.ttlMs ?? 30_000) };
    entries.set(key, entry);
    const max = this.options.maxEntriesPerTopic ?? 10_000;
    if (entries.size > max) entries.delete(entries.keys().next().value as string);
    value.then(
      () => {
        // Changed while loading: the answer may predate the change.
        if (this.generations.get(topic) !== generation && entries.get(key) === entry) entries.delete(key);
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return value;
  }

  /** Forgets one entry of this process (a credential that was just found invalid, say). */
  forget(topic: CacheTopic, key: string): void {
    this.entries.get(topic)?.delete(key);
  }

  /** Drops the topic here, now. */
  drop(topic: CacheTopic): void {
    this.generations.set(topic, (this.generations.get(topic) ?? 0) + 1);
    this.entries.get(topic)?.clear();
  }

  dropAll(): void {
    for (const topic of topics) this.drop(topic);
  }

  /**
   * Call inside the transaction that changes what the topic caches: drops it here at once, and in
   * every process (this one again) when the transaction commits. Call `drop` after the commit too
   * when the caller's very next read must see the change.
   */
  async changed(db: Kysely<any>, topic: CacheTopic): Promise<void> {
    this.drop(topic);
    await notify(db, 'cache_invalidation', { topic });
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }
}

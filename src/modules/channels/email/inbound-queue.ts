import type { Context } from '../../../platform/context.ts';
import { pendingInboundIds } from './email.repository.ts';
import { ingestInboundEmail } from './ingest-email.ts';

/**
 * Processes stored messages one at a time in arrival order, so that a reply never races the
 * message that opened its thread. Messages left unprocessed by a crash are picked up by `recover()`.
 */
export class InboundQueue {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly ctx: Context) {}

  enqueue(id: number): void {
    this.pending++;
    this.chain = this.chain
      .then(() => ingestInboundEmail(this.ctx, id))
      .then(
        () => undefined,
        (error: unknown) => this.ctx.log.error({ err: error, inboundEmailId: id }, 'inbound email processing failed; it will be retried'),
      )
      .finally(() => {
        this.pending--;
      });
  }

  /** Queues every message still waiting (after a restart, or a failed attempt). */
  async recover(): Promise<number> {
    const ids = await pendingInboundIds(this.ctx.db, 1000);
    for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves when everything queued so far is done. */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.chain) {
      seen = this.chain;
      await seen;
    }
  }
}

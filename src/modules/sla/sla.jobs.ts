import type { Context } from '../../platform/context.ts';
import { recomputeAll } from './sla-engine.ts';

/** Re-derives every open ticket's clocks after a policy or calendar change; waiting requests coalesce into one. */
export const recomputeJob = 'sla.recompute_all';

/** Registers the SLA module's job handlers (every process; workers poll them). */
export async function registerSlaJobs(ctx: Context): Promise<void> {
  await ctx.jobs.work(
    recomputeJob,
    async () => {
      const result = await recomputeAll(ctx.db, ctx.clock.now());
      ctx.log.info({ tickets: result.tickets, clocks: result.clocks, ms: Math.round(result.ms) }, 'SLA clocks recomputed');
    },
    { policy: 'short', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3_600 },
  );
}

/** Asks for a recomputation when the caller's transaction commits (the policy change and the job commit together). */
export async function requestRecompute(ctx: Context, trx: Context['db'], reason: string): Promise<void> {
  await ctx.jobs.send(recomputeJob, { reason }, { db: trx });
}

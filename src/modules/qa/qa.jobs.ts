import { type Context, systemActor } from '../../platform/context.ts';
import { sampleLastWeek } from './sampling.service.ts';

export const weeklySamplingJob = 'qa.sample-week';

/** Every Monday at 05:00 UTC, last week's conversations are sampled into the reviewers' queues. */
export async function registerQaWork(ctx: Context): Promise<void> {
  await ctx.jobs.work(
    weeklySamplingJob,
    async () => {
      const result = await sampleLastWeek(ctx, systemActor);
      ctx.log.info({ week: result.week, picked: result.picked.length }, 'QA sampling');
    },
    { policy: 'short', retryLimit: 2, retryDelay: 300 },
  );
  await ctx.jobs.schedule(weeklySamplingJob, '0 5 * * 1');
}

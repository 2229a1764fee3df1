import type { Context } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { onTicketChange } from '../tickets/index.ts';
import { analyseNewTicket } from './ticket-analysis.ts';
import { trainModel } from './train-model.ts';

export const retrainJob = 'intake.retrain';

/** Intake reads every new ticket in its transaction; the model retrains every night at 03:00 (and on demand). */
export async function registerIntakeWork(ctx: Context): Promise<void> {
  onTicketChange(analyseNewTicket, 'intake.analyse');
  await ctx.jobs.work(
    retrainJob,
    async () => {
      try {
        await trainModel(ctx, systemActor);
      } catch (error) {
        // Too few categorised tickets yet: nothing to learn, not a failure to retry.
        if (error instanceof AppError && error.code === 'unprocessable') return;
        throw error;
      }
    },
    { retryLimit: 1, retryDelay: 600 },
  );
  await ctx.jobs.schedule(retrainJob, '0 3 * * *');
}

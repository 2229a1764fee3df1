import type { Context } from '../../platform/context.ts';
import { onTicketChange } from '../tickets/index.ts';
import { followUpBadAnswer } from './follow-up.ts';
import { followUpJob, scheduleSurveyOnSolve, sendScheduledSurvey, sendSurveyJob } from './surveys.service.ts';

/** Surveys are scheduled when a ticket is solved (in its transaction) and sent and followed up by jobs. */
export async function registerFeedbackWork(ctx: Context): Promise<void> {
  onTicketChange(scheduleSurveyOnSolve, 'feedback.surveys');
  await ctx.jobs.work<{ survey_id: number }>(
    sendSurveyJob,
    async (data) => {
      await sendScheduledSurvey(ctx, data.survey_id);
    },
    { retryLimit: 5, retryDelay: 60, retryBackoff: true },
  );
  await ctx.jobs.work<{ answer_id: number }>(
    followUpJob,
    async (data) => {
      await followUpBadAnswer(ctx, data.answer_id);
    },
    { retryLimit: 3, retryDelay: 60, retryBackoff: true },
  );
}

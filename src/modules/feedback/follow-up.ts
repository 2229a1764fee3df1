import { type Context, systemActor } from '../../platform/context.ts';
import { addComment } from '../tickets/index.ts';
import { scales } from './feedback.schemas.ts';
import { leadsFor, ticketFacts } from './surveys.repository.ts';
import { isBadScore } from './surveys.service.ts';
import { getSurveySettings } from './survey-settings.ts';

/**
 * The follow-up of a bad rating (a job queued with the answer): an internal note on the ticket,
 * reopening it when the settings say so, and an email to the leads of the ticket's group. A rating
 * changed to a good one before the job runs is left alone; each answer is followed up once.
 */
export async function followUpBadAnswer(ctx: Context, answerId: number): Promise<'done' | 'ignored'> {
  const answer = await ctx.db.selectFrom('survey_answers').selectAll().where('id', '=', answerId).executeTakeFirst();
  if (!answer || answer.follow_up_at !== null) return 'ignored';
  const settings = await getSurveySettings(ctx.db);
  const rules = settings.follow_up;
  if (!isBadScore(rules, answer.kind, answer.score)) return 'ignored';
  const ticket = await ticketFacts(ctx.db, answer.ticket_id);
  if (!ticket) return 'ignored';
  const scale = `${answer.score} on ${scales[answer.kind].min}–${scales[answer.kind].max}`;
  const summary = `Customer rated ${answer.kind.toUpperCase()} ${scale}${answer.comment ? `: "${answer.comment}"` : ' (no comment)'}.`;

  // A closed ticket cannot change; a comment would open a follow-up ticket, which is not wanted here.
  if (ticket.status !== 'closed' && (rules.internal_note || rules.reopen)) {
    const reopen = rules.reopen && ticket.status === 'solved';
    await addComment(ctx, systemActor, ticket.id, {
      body: `${summary}${reopen ? ' Reopened for follow-up.' : ''}`,
      public: false,
      channel: 'api',
      ...(reopen ? { status: 'open' as const } : {}),
    });
  }
  if (rules.notify_lead) {
    const link = `${ctx.config.publicUrl.replace(/\/$/, '')}/tickets/${ticket.id}`;
    for (const lead of await leadsFor(ctx.db, answer.group_id)) {
      await ctx.mailer.send({
        to: lead.email,
        subject: `Low ${answer.kind.toUpperCase()} (${answer.score}) on #${ticket.id}: ${ticket.subject}`,
        text: `${summary}\n\nTicket #${ticket.id} "${ticket.subject}"${ticket.agent_name ? `, handled by ${ticket.agent_name}` : ''}.\n${link}`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    }
  }
  await ctx.db.updateTable('survey_answers').set({ follow_up_at: ctx.clock.now() }).where('id', '=', answer.id).execute();
  return 'done';
}

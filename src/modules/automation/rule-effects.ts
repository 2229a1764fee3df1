/**
 * What rules do beyond changing fields: emails to the requester or to agents, webhook calls. They are
 * enqueued in the transaction of the change (so a rolled-back change sends nothing) and run by workers.
 */
import { sql } from 'kysely';
import type { TicketRow } from '../../db/schema.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type NewTicketEvent, applyTicketChanges } from '../tickets/index.ts';
import { sendToSubscription, webhookTicket } from '../webhooks/index.ts';
import * as repo from './automation.repository.ts';
import { type Action, type FieldChanges, renderTemplate } from './rules.ts';

type Db = Context['db'];

export const emailJob = 'automation.email';

interface EmailJob {
  ticket_id: number;
  to: 'requester' | 'assignee' | 'group' | { user_ids: number[] } | { address: string };
  subject: string;
  body: string;
  source: string;
}

/** Who fired: recorded on the events, named in logs. */
export const ruleActor = (kind: 'Trigger' | 'Automation' | 'Macro', name: string): Actor => ({
  userId: null,
  role: 'system',
  customerId: null,
  name: `${kind}: ${name}`,
  via: 'system',
});

/** Enqueues a rule's side effects in the caller's transaction. */
export async function enqueueEffects(
  ctx: Context,
  db: Db,
  ticket: TicketRow,
  effects: readonly { source: { kind: string; id: number; name: string }; action: Action }[],
  now: Date,
): Promise<void> {
  for (const { source, action } of effects) {
    const label = `${source.kind} ${source.id} (${source.name})`;
    if (action.type === 'notify' || action.type === 'send_email') {
      const to: EmailJob['to'] = action.type === 'notify' ? action.to : action.to === 'requester' ? 'requester' : { address: action.to };
      const job: EmailJob = { ticket_id: ticket.id, to, subject: action.subject, body: action.body, source: label };
      await ctx.jobs.send(emailJob, job, { db, retryLimit: 4, retryDelay: 30, retryBackoff: true });
    } else if (action.type === 'call_webhook') {
      const data = { source: { type: source.kind, id: source.id, name: source.name }, ticket: webhookTicket(ticket) };
      const sent = await sendToSubscription(ctx, db, action.subscription_id, 'trigger.fired', data, now);
      if (!sent)
        ctx.log.warn(
          { source: label, subscription: action.subscription_id },
          'webhook action skipped: the subscription is missing or disabled',
        );
    }
  }
}

/**
 * Writes a rule's field changes (with an event naming the rule) in the caller's transaction, inside a
 * savepoint: a change the ticket refuses (a closed ticket, an assignee who left) is logged and
 * skipped instead of failing the change that fired the rule. Returns the updated row, or undefined.
 */
export async function applyRuleChanges(
  ctx: Context,
  trx: Db,
  actor: Actor,
  ticket: TicketRow,
  changes: FieldChanges,
  ruleEvents: NewTicketEvent[],
  now: Date,
  recorded: NewTicketEvent[],
): Promise<TicketRow | undefined> {
  const input = { ...changes } as Parameters<typeof applyTicketChanges>[3];
  if (changes.add_tags?.length === 0) delete input.add_tags;
  if (changes.remove_tags?.length === 0) delete input.remove_tags;
  await sql`savepoint automation_rule`.execute(trx);
  try {
    const updated = await applyTicketChanges(trx, actor, ticket, input, now, ruleEvents, recorded);
    await sql`release savepoint automation_rule`.execute(trx);
    return updated;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await sql`rollback to savepoint automation_rule`.execute(trx);
    recorded.length = 0;
    ctx.log.warn({ ticket: ticket.id, actor: actor.name, code: error.code, err: error.message }, 'a rule could not change the ticket');
    return undefined;
  }
}

/** The email job: resolves recipients and renders the templates with the ticket as it is now. */
export async function sendRuleEmail(ctx: Context, job: EmailJob): Promise<void> {
  const ticket = await repo.ticketForMessages(ctx.db, job.ticket_id);
  if (!ticket) return;
  let recipients: string[] = [];
  if (job.to === 'requester') recipients = ticket.requester_email ? [ticket.requester_email] : [];
  else if (job.to === 'assignee') recipients = ticket.assignee_email ? [ticket.assignee_email] : [];
  else if (job.to === 'group') recipients = ticket.group_id ? await repo.groupMemberEmails(ctx.db, ticket.group_id) : [];
  else if ('address' in job.to) recipients = [job.to.address];
  else recipients = await repo.userEmails(ctx.db, job.to.user_ids);
  const values = templateValues(ticket);
  for (const to of new Set(recipients)) {
    await ctx.mailer.send({
      to,
      subject: renderTemplate(job.subject, values),
      text: renderTemplate(job.body, values),
      headers: { 'x-frontline-ticket': String(ticket.id), 'x-frontline-rule': job.source },
    });
  }
}

/** The names templates may use: {{ticket.id}}, {{ticket.subject}}, {{requester.name}}, {{agent.name}}… */
export function templateValues(
  ticket: NonNullable<Awaited<ReturnType<typeof repo.ticketForMessages>>>,
  agent?: { name: string } | undefined,
): Record<string, string | number | null> {
  return {
    'ticket.id': ticket.id,
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'ticket.priority': ticket.priority.toUpperCase(),
    'ticket.group': ticket.group_name,
    'ticket.assignee': ticket.assignee_name,
    'requester.name': ticket.requester_name,
    'requester.first_name': ticket.requester_name.split(/\s+/)[0] ?? ticket.requester_name,
    'requester.email': ticket.requester_email,
    'agent.name': agent?.name ?? ticket.assignee_name,
  };
}

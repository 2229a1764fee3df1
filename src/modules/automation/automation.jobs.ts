import type { Context } from '../../platform/context.ts';
import { detectBreaches } from '../sla/index.ts';
import { systemActor } from '../../platform/context.ts';
import { type NewTicketEvent, onTicketChange, runTicketChangeHooks } from '../tickets/index.ts';
import { publishWebhookEvent } from '../webhooks/index.ts';
import { runAutomations, scanJob } from './automation-scan.ts';
import { emailJob, sendRuleEmail } from './rule-effects.ts';
import { fireTriggers, runTriggers } from './trigger-engine.ts';

/** Detects SLA breaches and warnings every minute; each becomes a ticket event, a webhook event and a trigger evaluation. */
export const detectJob = 'sla.detect_breaches';

/**
 * One pass of breach detection in one transaction: the notices, their webhook deliveries and what
 * triggers do about them ("escalate on breach") commit together.
 */
export async function detectAndNotify(ctx: Context, now: Date = ctx.clock.now()) {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await detectBreaches(trx, now);
    const notices = [
      ...result.warnings.map((n) => ({ kind: 'warning' as const, notice: n })),
      ...result.breaches.map((n) => ({ kind: 'breached' as const, notice: n })),
    ];
    for (const { kind, notice } of notices) {
      const data = {
        ticket_id: notice.ticket_id,
        target: notice.target,
        cycle: notice.cycle,
        policy_id: notice.policy_id,
        due_at: notice.due_at,
      };
      await publishWebhookEvent(ctx, trx, kind === 'breached' ? 'sla.breached' : 'sla.warning', data, now);
      const events: NewTicketEvent[] = [];
      const facts = { kind: null, before: new Map(), comment: null, actor: 'system' as const, sla: kind };
      const updated = await fireTriggers(ctx, trx, notice.ticket_id, undefined, facts, now, events);
      if (updated)
        await runTicketChangeHooks(trx, {
          ctx,
          ticketId: notice.ticket_id,
          kind: 'updated',
          events,
          actor: systemActor,
          now,
          ticket: updated,
        });
    }
    return result;
  });
}

/** Job handlers, schedules and the trigger hook of this module. */
export async function registerAutomation(ctx: Context): Promise<void> {
  onTicketChange(runTriggers, 'triggers');
  await ctx.jobs.work<Parameters<typeof sendRuleEmail>[1]>(emailJob, (data) => sendRuleEmail(ctx, data), {
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
  });
  await ctx.jobs.work(
    scanJob,
    async () => {
      const result = await runAutomations(ctx);
      if (result.ran) ctx.log.info(result, 'automations ran');
    },
    { policy: 'short', retryLimit: 0, expireInSeconds: 600 },
  );
  await ctx.jobs.schedule(scanJob, '* * * * *');
  await ctx.jobs.work(
    detectJob,
    async () => {
      await detectAndNotify(ctx);
    },
    { policy: 'short', retryLimit: 0, expireInSeconds: 300 },
  );
  await ctx.jobs.schedule(detectJob, '* * * * *');
}

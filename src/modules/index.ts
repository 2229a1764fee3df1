import type { Context } from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import { analyticsRoutes } from './analytics/index.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { automationRoutes, registerAutomation } from './automation/index.ts';
import { authRoutes, portalRoutes, registerSecurityWork } from './auth/index.ts';
import { channelRoutes } from './channels/index.ts';
import { chatRoutes } from './chat/index.ts';
import { customerRoutes } from './customers/index.ts';
import { feedbackRoutes, registerFeedbackWork } from './feedback/index.ts';
import { intakeRoutes, registerIntakeWork } from './intake/index.ts';
import { qaRoutes, registerQaWork } from './qa/index.ts';
import { healthRoutes } from './health/health.routes.ts';
import { kbRoutes } from './kb/index.ts';
import { privacyRoutes, registerPrivacyWork } from './privacy/index.ts';
import { registerRoutingWork, routingRoutes } from './routing/index.ts';
import { registerSlaJobs, slaRoutes } from './sla/index.ts';
import { streamRoutes } from './stream/index.ts';
import { taxonomyRoutes } from './taxonomy/index.ts';
import { ticketRoutes } from './tickets/index.ts';
import { userRoutes } from './users/index.ts';
import { viewRoutes } from './views/index.ts';
import { registerWebhooks, webhookRoutes } from './webhooks/index.ts';
import { wfmRoutes } from './wfm/index.ts';
import { proactiveRoutes } from './proactive/index.ts';
import { returnRoutes } from './returns/index.ts';
import { zendeskRoutes } from './zendesk/index.ts';

/** Every module's routes, in one place. */
export async function registerModules(app: App, ctx: Context): Promise<void> {
  for (const register of [
    healthRoutes,
    authRoutes,
    portalRoutes,
    userRoutes,
    customerRoutes,
    taxonomyRoutes,
    ticketRoutes,
    auditRoutes,
    streamRoutes,
    viewRoutes,
    wfmRoutes,
    slaRoutes,
    routingRoutes,
    channelRoutes,
    kbRoutes,
    automationRoutes,
    webhookRoutes,
    feedbackRoutes,
    intakeRoutes,
    qaRoutes,
    analyticsRoutes,
    zendeskRoutes,
    privacyRoutes,
    chatRoutes,
    proactiveRoutes,
    returnRoutes,
  ]) {
    register(app, ctx);
  }
}

/**
 * Every module's background work, in one place: job handlers (every process registers them, which
 * creates their queues; worker processes poll them) and ticket-change hooks.
 */
export async function registerBackgroundWork(ctx: Context): Promise<void> {
  // Order matters for ticket-change hooks: triggers first, webhooks last (they publish what the others changed).
  for (const register of [
    registerSecurityWork,
    registerSlaJobs,
    // Intake categorises a new ticket before triggers and routing read it.
    registerIntakeWork,
    registerAutomation,
    registerRoutingWork,
    registerFeedbackWork,
    registerQaWork,
    registerPrivacyWork,
    registerWebhooks,
  ]) {
    await register(ctx);
  }
}

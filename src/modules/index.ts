import type { Context } from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes, portalRoutes } from './auth/index.ts';
import { customerRoutes } from './customers/index.ts';
import { healthRoutes } from './health/health.routes.ts';
import { slaRoutes } from './sla/index.ts';
import { streamRoutes } from './stream/index.ts';
import { taxonomyRoutes } from './taxonomy/index.ts';
import { ticketRoutes } from './tickets/index.ts';
import { userRoutes } from './users/index.ts';
import { viewRoutes } from './views/index.ts';
import { wfmRoutes } from './wfm/index.ts';

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
  ]) {
    register(app, ctx);
  }
}

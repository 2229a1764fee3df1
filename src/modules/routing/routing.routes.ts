import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { isAgent } from '../../platform/permissions.ts';
import { idParam } from '../../platform/schemas.ts';
import { agentStateIntervals, getAgentState, setAgentState } from './agent-states.ts';
import { agentBoard, listCapacities, queueBoard, setCapacity } from './board.service.ts';
import { assignAccountOwners, recordRevenue, saveValueTiers } from './customer-value.service.ts';
import * as escalation from './escalation.service.ts';
import { acceptOffer, declineOffer, listMyOffers, pullNext } from './offers.service.ts';
import { runRoutingCycle } from './routing-cycle.ts';
import { simulateDay } from './simulator.ts';
import {
  getRoutingSettings,
  getValueTiers,
  routingSettingsPatch,
  routingSettingsSchema,
  updateRoutingSettings,
  valueTiersSchema,
} from './routing-settings.ts';
import * as s from './routing.schemas.ts';

const tags = ['routing'];
const manage = 'routing.manage' as const;
const reader = 'tickets.read_all' as const;

export function routingRoutes(app: App, ctx: Context): void {
  // Presence: each agent sets their own state; managers may set anyone's.
  const agentOnly = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    if (!isAgent(actor.role)) throw forbidden('Only agents have a routing state.');
    return actor;
  };
  app.get(
    '/api/v1/me/agent-state',
    { schema: { tags, response: { 200: s.agentStateSchema } }, config: { access: 'signed_in' } },
    (request) => getAgentState(ctx.db, agentOnly(request).userId),
  );
  app.put(
    '/api/v1/me/agent-state',
    { schema: { tags, body: s.agentStateBody, response: { 200: s.stateChangeResult } }, config: { access: 'signed_in' } },
    (request) => {
      const actor = agentOnly(request);
      return setAgentState(ctx, actor, actor.userId, request.body);
    },
  );
  app.put(
    '/api/v1/agents/:id/state',
    { schema: { tags, params: idParam, body: s.agentStateBody, response: { 200: s.stateChangeResult } }, config: { access: manage } },
    (request) => setAgentState(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/agent-state-intervals',
    {
      schema: { tags, querystring: s.intervalsQuery, response: { 200: z.object({ data: z.array(s.intervalSchema) }) } },
      config: { access: [manage, 'audit.read'] },
    },
    async (request) => {
      const { from, to, user_ids } = request.query;
      const rows = await agentStateIntervals(ctx.db, { from, to, userIds: user_ids });
      return { data: rows.map((r) => ({ ...r, from: r.from.toISOString(), to: r.to.toISOString() })) };
    },
  );

  // The board: agents' states and loads, and the waiting queue.
  app.get(
    '/api/v1/routing/agents',
    {
      schema: { tags, querystring: s.boardQuery, response: { 200: z.object({ data: z.array(s.agentBoardSchema) }) } },
      config: { access: reader },
    },
    async (request) => ({ data: await agentBoard(ctx, { groupId: request.query.group_id }) }),
  );
  app.get(
    '/api/v1/routing/queue',
    { schema: { tags, querystring: s.queueQuery, response: { 200: s.queueSchema } }, config: { access: reader } },
    (request) => queueBoard(ctx, { limit: request.query.limit, groupId: request.query.group_id }),
  );
  app.post('/api/v1/routing/run', { schema: { tags, response: { 200: s.runSchema } }, config: { access: manage } }, () =>
    runRoutingCycle(ctx),
  );

  app.post(
    '/api/v1/routing/simulate',
    { schema: { tags, body: s.simulateBody, response: { 200: s.simulationSchema } }, config: { access: reader } },
    (request) => simulateDay(request.body),
  );

  // Settings and capacities.
  app.get('/api/v1/routing/settings', { schema: { tags, response: { 200: routingSettingsSchema } }, config: { access: reader } }, () =>
    getRoutingSettings(ctx.db),
  );
  app.patch(
    '/api/v1/routing/settings',
    { schema: { tags, body: routingSettingsPatch, response: { 200: routingSettingsSchema } }, config: { access: manage } },
    (request) => updateRoutingSettings(ctx, actorOf(request), request.body),
  );
  app.get('/api/v1/routing/capacities', { schema: { tags, response: { 200: s.capacitiesSchema } }, config: { access: reader } }, () =>
    listCapacities(ctx),
  );
  app.put(
    '/api/v1/agents/:id/capacity',
    {
      schema: { tags, params: idParam, body: s.capacityBody, response: { 200: z.record(z.string(), z.number()) } },
      config: { access: manage },
    },
    (request) => setCapacity(ctx, actorOf(request), { userId: request.params.id }, request.body),
  );
  app.put(
    '/api/v1/groups/:id/capacity',
    {
      schema: { tags, params: idParam, body: s.capacityBody, response: { 200: z.record(z.string(), z.number()) } },
      config: { access: manage },
    },
    (request) => setCapacity(ctx, actorOf(request), { groupId: request.params.id }, request.body),
  );

  // Offers (push mode with a timeout) and pull mode.
  app.get(
    '/api/v1/me/offers',
    { schema: { tags, response: { 200: z.object({ data: z.array(s.offerSchema) }) } }, config: { access: 'tickets.update' } },
    async (request) => ({ data: await listMyOffers(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/v1/routing/offers/:id/accept',
    { schema: { tags, params: idParam, response: { 200: z.object({ ticket_id: z.number() }) } }, config: { access: 'tickets.update' } },
    (request) => acceptOffer(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/routing/offers/:id/decline',
    {
      schema: { tags, params: idParam, body: s.declineBody.optional(), response: { 200: z.object({ routed: z.array(s.outcomeSchema) }) } },
      config: { access: 'tickets.update' },
    },
    async (request) => ({ routed: await declineOffer(ctx, actorOf(request), request.params.id, request.body?.reason) }),
  );
  app.post('/api/v1/routing/next', { schema: { tags, response: { 200: s.pullSchema } }, config: { access: 'tickets.update' } }, (request) =>
    pullNext(ctx, actorOf(request)),
  );

  // Escalation: manual up and down the tiers, the matrix, and the tier-share report.
  app.post(
    '/api/v1/tickets/:id/escalate',
    {
      schema: { tags, params: idParam, body: s.escalationBody, response: { 200: s.tierChangeSchema } },
      config: { access: 'tickets.update' },
    },
    (request) => escalation.escalateTicket(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/deescalate',
    {
      schema: { tags, params: idParam, body: s.escalationBody, response: { 200: s.tierChangeSchema } },
      config: { access: 'tickets.update' },
    },
    (request) => escalation.deescalateTicket(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/escalation-rules',
    { schema: { tags, response: { 200: z.object({ data: z.array(s.ruleSchema) }) } }, config: { access: reader } },
    async () => ({ data: await escalation.listEscalationRules(ctx) }),
  );
  app.post(
    '/api/v1/escalation-rules',
    { schema: { tags, body: s.ruleBody, response: { 201: s.ruleSchema } }, config: { access: manage } },
    async (request, reply) => reply.status(201).send(await escalation.createEscalationRule(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/escalation-rules/:id',
    { schema: { tags, params: idParam, body: s.rulePatch, response: { 200: s.ruleSchema } }, config: { access: manage } },
    (request) => escalation.updateEscalationRule(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/escalation-rules/:id', { schema: { tags, params: idParam }, config: { access: manage } }, async (request, reply) => {
    await escalation.deleteEscalationRule(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/reports/tier-shares',
    { schema: { tags, querystring: s.tierSharesQuery, response: { 200: s.tierSharesSchema } }, config: { access: reader } },
    (request) => escalation.tierShares(ctx.db, request.query),
  );

  // Customer value: tiers, recorded revenue, account owners.
  app.get('/api/v1/value-tiers', { schema: { tags, response: { 200: valueTiersSchema } }, config: { access: 'customers.read' } }, () =>
    getValueTiers(ctx.db),
  );
  app.put(
    '/api/v1/value-tiers',
    {
      schema: {
        tags,
        body: valueTiersSchema,
        response: { 200: valueTiersSchema.extend({ changed: z.object({ customers: z.number(), organizations: z.number() }) }) },
      },
      config: { access: 'settings.manage' },
    },
    (request) => saveValueTiers(ctx, actorOf(request), request.body),
  );
  app.post(
    '/api/v1/customers/:id/revenue',
    {
      schema: { tags, params: idParam, body: s.revenueBody, response: { 201: s.revenueSchema } },
      config: { access: 'organizations.write' },
    },
    async (request, reply) =>
      reply.status(201).send(await recordRevenue(ctx, actorOf(request), { ...request.body, customer_id: request.params.id })),
  );
  app.post(
    '/api/v1/organizations/:id/revenue',
    {
      schema: { tags, params: idParam, body: s.revenueBody, response: { 201: s.revenueSchema } },
      config: { access: 'organizations.write' },
    },
    async (request, reply) =>
      reply.status(201).send(await recordRevenue(ctx, actorOf(request), { ...request.body, organization_id: request.params.id })),
  );
  app.post(
    '/api/v1/account-owners/assign',
    { schema: { tags, body: s.ownersBody.optional(), response: { 200: s.ownersSchema } }, config: { access: manage } },
    (request) => assignAccountOwners(ctx, actorOf(request), request.body ?? {}),
  );
}

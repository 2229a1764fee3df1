import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { can } from '../../platform/permissions.ts';
import { idParam } from '../../platform/schemas.ts';
import * as calibration from './calibration.service.ts';
import * as coaching from './coaching.service.ts';
import {
  calibrationBody,
  coachingBody,
  coachingListQuery,
  coachingPatch,
  coachingSchema,
  createReviewBody,
  disputeBody,
  disputeSchema,
  goalBody,
  goalPatch,
  goalSchema,
  listDisputesQuery,
  listReviewsQuery,
  newVersionBody,
  queueItemSchema,
  queueQuery,
  resolveDisputeBody,
  reviewSchema,
  reviewSummarySchema,
  ruleBody,
  rulePatch,
  ruleSchema,
  runSamplingBody,
  samplingResultSchema,
  scorecardBody,
  scorecardPatch,
  scorecardSchema,
  trendQuery,
  trendSchema,
  updateReviewBody,
  versionParams,
  versionSchema,
} from './qa.schemas.ts';
import * as reviews from './reviews.service.ts';
import * as sampling from './sampling.service.ts';
import * as scorecards from './scorecards.service.ts';

const tags = ['quality'];
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
// Agents read the rubric they are scored on; changing it is for QA managers.
const agents = 'tickets.read_all' as const;

export function qaRoutes(app: App, ctx: Context): void {
  // Scorecards and their versions.
  app.get(
    '/api/v1/qa/scorecards',
    { schema: { tags, response: { 200: list(scorecardSchema) } }, config: { access: agents } },
    async () => ({
      data: await scorecards.listScorecards(ctx),
    }),
  );
  app.get(
    '/api/v1/qa/scorecards/:id',
    { schema: { tags, params: idParam, response: { 200: scorecardSchema } }, config: { access: agents } },
    (request) => scorecards.getScorecard(ctx, request.params.id),
  );
  app.get(
    '/api/v1/qa/scorecards/:id/versions/:version',
    { schema: { tags, params: versionParams, response: { 200: versionSchema } }, config: { access: agents } },
    (request) => scorecards.getScorecardVersion(ctx, request.params.id, request.params.version),
  );
  app.post(
    '/api/v1/qa/scorecards',
    { schema: { tags, body: scorecardBody, response: { 201: scorecardSchema } }, config: { access: 'qa.manage' } },
    async (request, reply) => reply.status(201).send(await scorecards.createScorecard(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/qa/scorecards/:id/versions',
    { schema: { tags, params: idParam, body: newVersionBody, response: { 201: scorecardSchema } }, config: { access: 'qa.manage' } },
    async (request, reply) =>
      reply.status(201).send(await scorecards.publishVersion(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/qa/scorecards/:id',
    { schema: { tags, params: idParam, body: scorecardPatch, response: { 200: scorecardSchema } }, config: { access: 'qa.manage' } },
    (request) => scorecards.updateScorecard(ctx, actorOf(request), request.params.id, request.body),
  );

  // Reviews and disputes.
  app.get(
    '/api/v1/qa/reviews',
    { schema: { tags, querystring: listReviewsQuery, response: { 200: page(reviewSummarySchema) } }, config: { access: 'qa.read' } },
    (request) => reviews.listReviews(ctx, request.query),
  );
  app.get(
    '/api/v1/my/qa/reviews',
    {
      schema: { tags, querystring: listReviewsQuery.omit({ agent_id: true }), response: { 200: page(reviewSummarySchema) } },
      config: { access: agents },
    },
    (request) => reviews.listReviews(ctx, { ...request.query, agent_id: actorOf(request).userId, onlySubmitted: true }),
  );
  app.get(
    '/api/v1/qa/reviews/:id',
    { schema: { tags, params: idParam, response: { 200: reviewSchema } }, config: { access: agents } },
    (request) => reviews.getReview(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/qa/reviews',
    { schema: { tags, body: createReviewBody, response: { 201: reviewSchema } }, config: { access: 'qa.review' } },
    async (request, reply) => reply.status(201).send(await reviews.createReview(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/qa/reviews/:id',
    { schema: { tags, params: idParam, body: updateReviewBody, response: { 200: reviewSchema } }, config: { access: 'qa.review' } },
    (request) => reviews.updateReview(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/qa/reviews/:id/disputes',
    { schema: { tags, params: idParam, body: disputeBody, response: { 201: disputeSchema } }, config: { access: agents } },
    async (request, reply) =>
      reply.status(201).send(await reviews.disputeReview(ctx, actorOf(request), request.params.id, request.body.reason)),
  );
  app.get(
    '/api/v1/qa/disputes',
    { schema: { tags, querystring: listDisputesQuery, response: { 200: list(disputeSchema) } }, config: { access: 'qa.review' } },
    async (request) => ({ data: await reviews.listDisputes(ctx, request.query.status) }),
  );
  app.patch(
    '/api/v1/qa/disputes/:id',
    { schema: { tags, params: idParam, body: resolveDisputeBody, response: { 200: disputeSchema } }, config: { access: 'qa.review' } },
    (request) => reviews.resolveDispute(ctx, actorOf(request), request.params.id, request.body),
  );

  // Sampling and the reviewers' queue.
  app.get(
    '/api/v1/qa/sampling-rules',
    { schema: { tags, response: { 200: list(ruleSchema) } }, config: { access: 'qa.review' } },
    async () => ({
      data: await sampling.listRules(ctx),
    }),
  );
  app.post(
    '/api/v1/qa/sampling-rules',
    { schema: { tags, body: ruleBody, response: { 201: ruleSchema } }, config: { access: 'qa.manage' } },
    async (request, reply) => reply.status(201).send(await sampling.createRule(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/qa/sampling-rules/:id',
    { schema: { tags, params: idParam, body: rulePatch, response: { 200: ruleSchema } }, config: { access: 'qa.manage' } },
    (request) => sampling.updateRule(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/qa/sampling-rules/:id',
    { schema: { tags, params: idParam }, config: { access: 'qa.manage' } },
    async (request, reply) => {
      await sampling.deleteRule(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/qa/sampling/run',
    { schema: { tags, body: runSamplingBody, response: { 200: samplingResultSchema } }, config: { access: 'qa.manage' } },
    (request) => sampling.runSampling(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/qa/queue',
    { schema: { tags, querystring: queueQuery, response: { 200: list(queueItemSchema) } }, config: { access: 'qa.review' } },
    async (request) => ({ data: await sampling.reviewQueue(ctx, actorOf(request), request.query) }),
  );

  // Calibration.
  app.get(
    '/api/v1/qa/calibrations',
    {
      schema: {
        tags,
        response: {
          200: list(
            z.object({
              id: z.number(),
              title: z.string(),
              ticket_id: z.number(),
              status: z.enum(['open', 'closed']),
              participants: z.number(),
              submitted: z.number(),
              taking_part: z.boolean(),
              created_at: z.string(),
            }),
          ),
        },
      },
      config: { access: 'qa.review' },
    },
    async (request) => ({ data: await calibration.listCalibrations(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/v1/qa/calibrations',
    { schema: { tags, body: calibrationBody }, config: { access: 'qa.manage' } },
    async (request, reply) => reply.status(201).send(await calibration.createCalibration(ctx, actorOf(request), request.body)),
  );
  app.get('/api/v1/qa/calibrations/:id', { schema: { tags, params: idParam }, config: { access: 'qa.review' } }, (request) =>
    calibration.getCalibration(ctx, actorOf(request), request.params.id),
  );
  app.post('/api/v1/qa/calibrations/:id/close', { schema: { tags, params: idParam }, config: { access: 'qa.review' } }, (request) =>
    calibration.closeCalibration(ctx, actorOf(request), request.params.id),
  );

  // Coaching and trends.
  app.get(
    '/api/v1/qa/coaching-sessions',
    { schema: { tags, querystring: coachingListQuery, response: { 200: list(coachingSchema) } }, config: { access: 'qa.review' } },
    async (request) => ({ data: await coaching.listCoachingSessions(ctx, request.query.agent_id) }),
  );
  app.post(
    '/api/v1/qa/coaching-sessions',
    { schema: { tags, body: coachingBody, response: { 201: coachingSchema } }, config: { access: 'qa.review' } },
    async (request, reply) => reply.status(201).send(await coaching.createCoachingSession(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/qa/coaching-sessions/:id',
    { schema: { tags, params: idParam, body: coachingPatch, response: { 200: coachingSchema } }, config: { access: 'qa.review' } },
    (request) => coaching.updateCoachingSession(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/qa/coaching-goals',
    { schema: { tags, body: goalBody, response: { 201: goalSchema } }, config: { access: 'qa.review' } },
    async (request, reply) => reply.status(201).send(await coaching.createGoal(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/qa/coaching-goals/:id',
    { schema: { tags, params: idParam, body: goalPatch, response: { 200: goalSchema } }, config: { access: agents } },
    (request) => coaching.updateGoal(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/qa/agents/:id/trend',
    { schema: { tags, params: idParam, querystring: trendQuery, response: { 200: trendSchema } }, config: { access: agents } },
    (request) => {
      const actor = actorOf(request);
      if (request.params.id !== actor.userId && !can(actor.role, 'qa.read')) throw forbidden('You may see your own trend only.');
      return coaching.agentTrend(ctx, request.params.id, request.query.weeks);
    },
  );
  app.get(
    '/api/v1/my/quality',
    {
      schema: { tags, response: { 200: z.object({ sessions: z.array(coachingSchema), goals: z.array(goalSchema), trend: trendSchema }) } },
      config: { access: agents },
    },
    (request) => coaching.myQuality(ctx, actorOf(request)),
  );
}

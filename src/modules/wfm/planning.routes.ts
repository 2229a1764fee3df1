import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf } from '../../platform/pagination.ts';
import { idParam } from '../../platform/schemas.ts';
import * as agents from './agents.service.ts';
import * as forecasting from './forecast.service.ts';
import {
  adherenceQuery,
  adjustmentBody,
  adjustmentQuery,
  adjustmentSchema,
  forecastBody,
  forecastResult,
  periodQuery,
  profileBody,
  profileSchema,
  requirementsBody,
  requirementsResult,
  scheduleBody,
  scheduleDetailSchema,
  scheduleSchema,
  shiftSchema,
  shiftsQuery,
  timeOffBody,
  timeOffDecisionBody,
  timeOffQuery,
  timeOffSchema,
} from './planning.schemas.ts';
import * as schedules from './schedule.service.ts';

const tags = ['wfm'];
const adherenceSchema = z.object({
  user_id: z.number().int(),
  scheduled_minutes: z.number(),
  scheduled_work_minutes: z.number(),
  in_adherence_minutes: z.number(),
  worked_minutes: z.number(),
  adherence: z.number().nullable(),
  conformance: z.number().nullable(),
  intervals: z.array(z.record(z.string(), z.unknown())),
});

/** Forecasts, requirements, schedules, time off and adherence. */
export function planningRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/wfm/forecast',
    {
      schema: {
        tags,
        description:
          'Contact volume per channel and half hour from the ticket history (or an imported CSV), with hold-out MAPE/WAPE per method and manual adjustments applied.',
        body: forecastBody,
        response: { 200: forecastResult },
      },
      config: { access: 'wfm.read' },
    },
    (request) => forecasting.forecast(ctx, request.body),
  );
  app.post(
    '/api/v1/wfm/requirements',
    {
      schema: {
        tags,
        description:
          'Agents needed per half hour and channel for the forecast: Erlang C/A for live channels (chat with concurrency), workload for deferred work, FTE after shrinkage.',
        body: requirementsBody,
        response: { 200: requirementsResult },
      },
      config: { access: 'wfm.read' },
    },
    (request) => forecasting.requirements(ctx, request.body),
  );

  app.get(
    '/api/v1/wfm/adjustments',
    { schema: { tags, querystring: adjustmentQuery, response: { 200: pageOf(adjustmentSchema) } }, config: { access: 'wfm.read' } },
    (request) => forecasting.listAdjustments(ctx, request.query),
  );
  app.post(
    '/api/v1/wfm/adjustments',
    { schema: { tags, body: adjustmentBody, response: { 201: adjustmentSchema } }, config: { access: 'wfm.forecast' } },
    async (request, reply) => reply.status(201).send(await forecasting.createAdjustment(ctx, actorOf(request), request.body)),
  );
  app.delete(
    '/api/v1/wfm/adjustments/:id',
    { schema: { tags, params: idParam }, config: { access: 'wfm.forecast' } },
    async (request, reply) => {
      await forecasting.deleteAdjustment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/wfm/schedules',
    {
      schema: {
        tags,
        description:
          'Solves a schedule (mixed-integer programme, HiGHS) covering the requirement at least cost and stores it as a draft with its coverage report.',
        body: scheduleBody,
        response: { 201: scheduleDetailSchema },
      },
      config: { access: 'wfm.schedule' },
    },
    async (request, reply) => reply.status(201).send(await schedules.createSchedule(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/wfm/schedules',
    { schema: { tags, querystring: adjustmentQuery, response: { 200: pageOf(scheduleSchema) } }, config: { access: 'wfm.read' } },
    (request) => schedules.listSchedules(ctx, request.query),
  );
  app.get(
    '/api/v1/wfm/schedules/:id',
    { schema: { tags, params: idParam, response: { 200: scheduleDetailSchema } }, config: { access: 'wfm.read' } },
    (request) => schedules.getSchedule(ctx, request.params.id),
  );
  app.get(
    '/api/v1/wfm/schedules/:id/shifts',
    { schema: { tags, params: idParam, querystring: shiftsQuery, response: { 200: pageOf(shiftSchema) } }, config: { access: 'wfm.read' } },
    (request) => schedules.listShifts(ctx, request.params.id, request.query),
  );
  app.post(
    '/api/v1/wfm/schedules/:id/publish',
    { schema: { tags, params: idParam, response: { 200: scheduleDetailSchema } }, config: { access: 'wfm.schedule' } },
    (request) => schedules.publish(ctx, actorOf(request), request.params.id),
  );
  app.delete(
    '/api/v1/wfm/schedules/:id',
    { schema: { tags, params: idParam }, config: { access: 'wfm.schedule' } },
    async (request, reply) => {
      await schedules.remove(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/wfm/my-shifts',
    {
      schema: {
        tags,
        description: "The caller's shifts in published schedules.",
        querystring: periodQuery,
        response: { 200: pageOf(shiftSchema) },
      },
      config: { access: 'signed_in' },
    },
    (request) => schedules.myShifts(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/wfm/adherence',
    {
      schema: {
        tags,
        description: 'Adherence and conformance per agent and half hour: published shifts against presence.',
        querystring: adherenceQuery,
        response: { 200: pageOf(adherenceSchema) },
      },
      config: { access: 'wfm.read' },
    },
    (request) => schedules.adherence(ctx, request.query),
  );

  app.get('/api/v1/wfm/agents', { schema: { tags, response: { 200: pageOf(profileSchema) } }, config: { access: 'wfm.read' } }, () =>
    agents.listProfiles(ctx),
  );
  app.put(
    '/api/v1/wfm/agents/:id',
    { schema: { tags, params: idParam, body: profileBody, response: { 200: profileSchema } }, config: { access: 'wfm.schedule' } },
    (request) => agents.putProfile(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/wfm/time-off',
    { schema: { tags, querystring: timeOffQuery, response: { 200: pageOf(timeOffSchema) } }, config: { access: 'signed_in' } },
    (request) => agents.listTimeOff(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/wfm/time-off',
    { schema: { tags, body: timeOffBody, response: { 201: timeOffSchema } }, config: { access: 'signed_in' } },
    async (request, reply) => reply.status(201).send(await agents.requestTimeOff(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/wfm/time-off/:id/decision',
    { schema: { tags, params: idParam, body: timeOffDecisionBody, response: { 200: timeOffSchema } }, config: { access: 'signed_in' } },
    (request) => agents.decideTimeOff(ctx, actorOf(request), request.params.id, request.body.status),
  );
}

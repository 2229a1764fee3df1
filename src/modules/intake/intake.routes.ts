import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { alertsSchema, modelSchema, modelStatusSchema, settingsPatch, settingsSchema, ticketIntakeSchema } from './intake.schemas.ts';
import * as intake from './intake.service.ts';
import { trainModel } from './train-model.ts';

const tags = ['intake'];

export function intakeRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/intake/train',
    { schema: { tags, body: z.object({}).strict().optional(), response: { 200: modelSchema } }, config: { access: ['taxonomy.manage'] } },
    async (request) => intake.presentTraining(ctx, await trainModel(ctx, actorOf(request))),
  );
  app.get('/api/v1/intake/model', { schema: { tags, response: { 200: modelStatusSchema } }, config: { access: ['analytics.read'] } }, () =>
    intake.getModelStatus(ctx),
  );
  app.get('/api/v1/intake/settings', { schema: { tags, response: { 200: settingsSchema } }, config: { access: ['analytics.read'] } }, () =>
    intake.getIntakeSettings(ctx),
  );
  app.patch(
    '/api/v1/intake/settings',
    { schema: { tags, body: settingsPatch, response: { 200: settingsSchema } }, config: { access: ['taxonomy.manage'] } },
    (request) => intake.updateIntakeSettings(ctx, request.body),
  );
  app.get('/api/v1/intake/alerts', { schema: { tags, response: { 200: alertsSchema } }, config: { access: ['analytics.read'] } }, () =>
    intake.listVolumeAlerts(ctx),
  );
  app.get(
    '/api/v1/tickets/:id/intake',
    { schema: { tags, params: idParam, response: { 200: ticketIntakeSchema } }, config: { access: ['tickets.read_all'] } },
    (request) => intake.getTicketIntake(ctx, request.params.id),
  );
}

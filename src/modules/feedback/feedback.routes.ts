import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import {
  type AnswerInput,
  answerRowSchema,
  answersBody,
  listAnswersQuery,
  listSurveysQuery,
  mySurveySchema,
  offeredSurveySchema,
  offerSurveyBody,
  publicSurveySchema,
  resultsQuery,
  resultsSchema,
  surveyKinds,
  surveySchema,
  surveySettingsPatch,
  surveySettingsSchema,
  tokenParam,
} from './feedback.schemas.ts';
import { renderLinkProblem, renderSurveyPage } from './survey-page.ts';
import { listAnswers, listSurveys, surveyResults } from './survey-results.ts';
import { getSurveySettings, updateSurveySettings } from './survey-settings.ts';
import * as surveys from './surveys.service.ts';

const tags = ['feedback'];
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** A link problem as an HTML page with its status (403 forged, 410 expired, 404 gone, 400 bad input). */
function sendProblemPage(reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError)) throw error;
  const titles: Partial<Record<string, string>> = {
    survey_link_invalid: 'This link is not valid',
    survey_link_expired: 'This link has expired',
    survey_not_found: 'This survey is not available',
    validation_failed: 'That answer could not be saved',
  };
  const title = titles[error.code];
  if (!title) throw error;
  return reply
    .status(error.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderLinkProblem(title, error.message));
}

function sendPage(reply: FastifyReply, html: string) {
  // Rating pages are personal: never cached, never indexed, never sent on as a referrer.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}

/** The form's fields (`csat=4&csat_comment=…`) as answers to the survey's questions. */
function answersFromForm(form: URLSearchParams): AnswerInput[] {
  const answers: AnswerInput[] = [];
  for (const kind of surveyKinds) {
    const raw = form.get(kind);
    if (raw === null || raw === '') continue;
    if (!/^\d{1,2}$/.test(raw)) throw new AppError('validation_failed', `The ${kind.toUpperCase()} answer must be a number.`);
    const comment = form.get(`${kind}_comment`);
    answers.push({ kind, score: Number(raw), ...(comment !== null ? { comment: comment.slice(0, 5000) } : {}) });
  }
  if (!answers.length) throw new AppError('validation_failed', 'Choose a rating before saving.');
  return answers;
}

export function feedbackRoutes(app: App, ctx: Context): void {
  // The rating page of an emailed link: public, server-rendered, works without script.
  app.register(async (scope: App) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, new URLSearchParams(String(body))),
    );
    scope.get(
      '/survey/:token',
      { schema: { hide: true, params: tokenParam, querystring: z.object({ score: z.string().max(20).optional() }) } },
      async (request, reply) => {
        try {
          const token = request.params.token;
          const score = request.query.score;
          if (score === undefined) return sendPage(reply, renderSurveyPage(await surveys.getPublicSurvey(ctx, token)));
          const survey = await surveys.getPublicSurvey(ctx, token);
          const first = survey.questions[0];
          if (!first || !/^\d{1,2}$/.test(score)) throw new AppError('validation_failed', 'The rating in this link is not a number.');
          const saved = await surveys.answerSurvey(ctx, token, [{ kind: first.kind, score: Number(score) }]);
          return sendPage(
            reply,
            renderSurveyPage(saved, `Thank you: your rating (${score}) is saved. You can change it or add a comment below.`),
          );
        } catch (error) {
          return sendProblemPage(reply, error);
        }
      },
    );
    scope.post('/survey/:token', { schema: { hide: true, params: tokenParam } }, async (request, reply) => {
      try {
        const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
        const saved = await surveys.answerSurvey(ctx, request.params.token, answersFromForm(form));
        return sendPage(reply, renderSurveyPage(saved, 'Thank you: your answers are saved.'));
      } catch (error) {
        return sendProblemPage(reply, error);
      }
    });
  });

  // The same through JSON, for the portal and the chat widget.
  app.get(
    '/api/v1/survey-links/:token',
    { schema: { tags, params: tokenParam, response: { 200: publicSurveySchema } }, config: { access: 'public' } },
    (request) => surveys.getPublicSurvey(ctx, request.params.token),
  );
  app.put(
    '/api/v1/survey-links/:token',
    { schema: { tags, params: tokenParam, body: answersBody, response: { 200: publicSurveySchema } }, config: { access: 'public' } },
    (request) => surveys.answerSurvey(ctx, request.params.token, request.body.answers),
  );
  app.post(
    '/api/v1/tickets/:id/surveys',
    {
      schema: { tags, params: idParam, body: offerSurveyBody, response: { 200: offeredSurveySchema } },
      config: { access: ['tickets.read_all', 'tickets.read_own'] },
    },
    (request) => surveys.offerSurvey(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/my/surveys',
    { schema: { tags, response: { 200: z.object({ data: z.array(mySurveySchema) }) } }, config: { access: 'signed_in' } },
    async (request) => ({ data: await surveys.mySurveys(ctx, actorOf(request)) }),
  );

  // Settings and results.
  app.get(
    '/api/v1/survey-settings',
    { schema: { tags, response: { 200: surveySettingsSchema } }, config: { access: 'feedback.read' } },
    () => getSurveySettings(ctx.db),
  );
  app.patch(
    '/api/v1/survey-settings',
    { schema: { tags, body: surveySettingsPatch, response: { 200: surveySettingsSchema } }, config: { access: 'feedback.manage' } },
    (request) => updateSurveySettings(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/surveys',
    { schema: { tags, querystring: listSurveysQuery, response: { 200: page(surveySchema) } }, config: { access: 'feedback.read' } },
    (request) => listSurveys(ctx, request.query),
  );
  app.get(
    '/api/v1/survey-answers',
    { schema: { tags, querystring: listAnswersQuery, response: { 200: page(answerRowSchema) } }, config: { access: 'feedback.read' } },
    (request) => listAnswers(ctx, request.query),
  );
  app.get(
    '/api/v1/survey-results',
    { schema: { tags, querystring: resultsQuery, response: { 200: resultsSchema } }, config: { access: 'feedback.read' } },
    (request) => surveyResults(ctx, request.query),
  );
}

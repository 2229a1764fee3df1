import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';

/** What Zendesk answers: `{ "error": "RecordNotFound", "description": "Not found" }`, 422 with `details`. */
export interface ZendeskErrorBody {
  error: string;
  description?: string;
  details?: Record<string, { description: string; error?: string }[]>;
}

function detailsOf(details: AppError['details'], fallback: string): ZendeskErrorBody['details'] {
  const out: NonNullable<ZendeskErrorBody['details']> = {};
  const list: ErrorDetail[] = Array.isArray(details) ? details : [];
  for (const d of list) {
    const field = (d.path ?? 'base').split('.')[0] || 'base';
    const entries = out[field] ?? [];
    entries.push({ description: `${field}: ${d.message}`, error: 'InvalidValue' });
    out[field] = entries;
  }
  if (!Object.keys(out).length) out.base = [{ description: fallback, error: 'InvalidValue' }];
  return out;
}

export function toZendeskError(error: unknown): { status: number; body: ZendeskErrorBody; retryAfter?: number } {
  if (error instanceof AppError) {
    const code = error.code;
    if (code === 'not_found' || code.endsWith('_not_found'))
      return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    if (code === 'unauthenticated' || code === 'invalid_credentials') return { status: 401, body: { error: "Couldn't authenticate you" } };
    if (code === 'forbidden' || code === 'csrf_failed') return { status: 403, body: { error: 'Forbidden', description: error.message } };
    if (code === 'version_conflict' || code === 'conflict')
      return { status: 409, body: { error: 'UpdateConflict', description: error.message } };
    if (code === 'invalid_query') return { status: 400, body: { error: 'InvalidQuery', description: error.message } };
    if (code === 'rate_limited') {
      const seconds = Number((error.details as { retry_after?: number } | undefined)?.retry_after ?? 60);
      return { status: 429, body: { error: 'TooManyRequests', description: error.message }, retryAfter: seconds };
    }
    if (code === 'payload_too_large') return { status: 413, body: { error: 'PayloadTooLarge', description: error.message } };
    if (code === 'unsupported_media_type') return { status: 415, body: { error: 'UnsupportedMediaType', description: error.message } };
    if (error.status === 422 || error.status === 400 || error.status === 409)
      return {
        status: 422,
        body: { error: 'RecordInvalid', description: 'Record validation errors', details: detailsOf(error.details, error.message) },
      };
    if (error.status < 500) return { status: error.status, body: { error: code, description: error.message } };
  }
  const fastify = error as Partial<FastifyError>;
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { status: fastify.statusCode, body: { error: 'BadRequest', description: fastify.message ?? 'Bad request' } };
  }
  return { status: 500, body: { error: 'InternalError', description: 'Something went wrong on our side.' } };
}

export function sendZendeskError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, retryAfter } = toZendeskError(error);
  if (status >= 500) request.log.error({ err: error }, 'zendesk api error');
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.status(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

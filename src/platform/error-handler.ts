import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail } from './errors.ts';
import type { App } from './http.ts';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: ErrorDetail[] | undefined;
  extra?: Record<string, unknown> | undefined;
}

function send(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send({
      type: `https://frontline.dev/problems/${problem.code}`,
      title: titles[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      instance: request.url,
      request_id: String(request.id),
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...problem.extra,
    });
}

/** Maps a PostgreSQL error that slipped past validation to a client error rather than a 500. */
function fromDatabase(error: { code?: string; detail?: string; constraint?: string }): Problem | undefined {
  // Class 22 is "data exception": a value PostgreSQL cannot take (a NUL character, a bad number or date).
  if (typeof error.code === 'string' && error.code.startsWith('22')) {
    return {
      status: 400,
      code: 'validation_failed',
      detail: 'A value has the wrong format, is out of range, or contains a character that cannot be stored (such as NUL).',
    };
  }
  switch (error.code) {
    case '23505':
      return { status: 409, code: 'conflict', detail: 'A record with the same unique value already exists.' };
    case '23503':
      return { status: 422, code: 'unprocessable', detail: 'A referenced record does not exist.' };
    case '23514':
      return { status: 422, code: 'unprocessable', detail: 'A value is outside what is allowed.' };
    case '40001':
    case '40P01':
      return { status: 409, code: 'conflict', detail: 'A concurrent change got in the way; please retry.' };
    default:
      return undefined;
  }
}

/** For errors Fastify answers before routing (a malformed URL): the same problem+json as everything else. */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  send(request, reply, {
    status: error.statusCode && error.statusCode < 500 ? error.statusCode : 400,
    code: 'validation_failed',
    detail: error.message || 'Bad request.',
  });
}

export function installErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) {
      const details = Array.isArray(error.details) ? error.details : undefined;
      const extra = !Array.isArray(error.details) ? error.details : undefined;
      return send(request, reply, { status: error.status, code: error.code, detail: error.message, errors: details, extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }));
      const first = errors[0];
      return send(request, reply, {
        status: 400,
        code: 'validation_failed',
        detail: first ? `Invalid request: ${first.path}: ${first.message}` : 'Invalid request.',
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause }, 'response did not match its schema');
      return send(request, reply, { status: 500, code: 'internal_error', detail: 'Something went wrong on our side.' });
    }
    const database = fromDatabase(error as { code?: string });
    if (database) {
      request.log.warn({ err: error }, 'database rejected a request');
      return send(request, reply, database);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode | string =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'rate_limited'
              : status === 404
                ? 'not_found'
                : 'validation_failed';
      return send(request, reply, { status, code, detail: error.message || titles[status] || 'Bad request' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, { status: 500, code: 'internal_error', detail: 'Something went wrong on our side.' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, {
      status: 404,
      code: 'not_found',
      detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
}

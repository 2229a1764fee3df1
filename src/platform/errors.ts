/** Stable error codes; each maps to one HTTP status. The code travels in problem+json as `code`. */
export const errorStatus = {
  validation_failed: 400,
  invalid_query: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  ticket_not_found: 404,
  user_not_found: 404,
  customer_not_found: 404,
  organization_not_found: 404,
  group_not_found: 404,
  category_not_found: 404,
  attachment_not_found: 404,
  token_not_found: 404,
  survey_not_found: 404,
  survey_link_invalid: 403,
  survey_link_expired: 410,
  scorecard_not_found: 404,
  review_not_found: 404,
  conflict: 409,
  version_conflict: 409,
  email_taken: 409,
  identity_taken: 409,
  name_taken: 409,
  invalid_transition: 422,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upgrade_required: 426,
  database_locked: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `custom_fields.order_total`. */
  path?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (code: ErrorCode, what: string, id: unknown): AppError =>
  new AppError(code, `${what} ${String(id)} does not exist or is not visible to you.`);

export const validationError = (message: string, details?: ErrorDetail[]): AppError => new AppError('validation_failed', message, details);

export const forbidden = (message = 'You do not have permission to do this.'): AppError => new AppError('forbidden', message);

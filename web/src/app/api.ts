/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
 * header on unsafe methods, JSON in and out, and problem+json errors turned into ApiError.
 */

export interface FieldError {
  path?: string;
  message: string;
}

/** An error answered by the API (problem+json) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(status: number, code: string, detail: string, errors: FieldError[] = []) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** What to show a person for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/** The field errors of an API error keyed by field, without the `body.` prefix (`body.email` → `email`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError)) return errors;
  for (const item of error.errors) {
    const path = (item.path ?? '').replace(/^body\./, '');
    if (path && !errors[path]) errors[path] = item.message;
  }
  return errors;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Set by the auth context whenever the session changes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token, for requests made outside `request` (uploads with progress use XMLHttpRequest). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called when an authenticated request answers 401 (the session ended elsewhere or expired). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const unsafe = new Set<Method>(['POST', 'PATCH', 'PUT', 'DELETE']);

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is { path?: unknown; message?: unknown } => typeof item === 'object' && item !== null)
    .map((item) => ({
      ...(typeof item.path === 'string' ? { path: item.path } : {}),
      message: typeof item.message === 'string' ? item.message : 'invalid',
    }));
}

export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Record<string, unknown>;
      const detail =
        typeof problem.detail === 'string' && problem.detail
          ? problem.detail
          : typeof problem.message === 'string'
            ? problem.message
            : response.statusText;
      return new ApiError(
        typeof problem.status === 'number' ? problem.status : response.status,
        typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
        detail || `The server answered ${response.status}.`,
        asFieldErrors(problem.errors),
      );
    } catch {
      // not JSON after all: fall through
    }
  }
  const fallback =
    response.status >= 500
      ? 'The server had a problem handling this request. Please try again in a moment.'
      : `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, `http_${response.status}`, fallback);
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach Frontline. Check your connection and try again.');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && path !== '/api/v1/session') onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * The browser's one client of docs/API.md, for the storefront and the admin alike. Calls never
 * throw: an error status or a request that got no answer comes back as a value holding an
 * HttpError. Only SWR fetchers throw (SWR needs a rejection to keep the last data).
 */
import type { ApiError } from '@/lib/api-types';
import { isApiError, retryAfterSeconds } from './api-error';

export type FieldIssue = ApiError['error']['issues'][number];

/** Where a failure comes from: the store (Redis) behind a live server, or the server itself. */
export type Outage = 'store' | 'server';

/** A non-success answer, or no answer at all (`status` 0). */
export class HttpError extends Error {
  constructor(
    /** The HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The contract's error code, `network` without an answer, `http_error` without a body. */
    readonly code: string,
    message: string,
    /** Per-field problems of a 400 `invalid_request`. */
    readonly issues: FieldIssue[] = [],
    /** From `Retry-After`, when the server set it. */
    readonly retryAfterMs: number | null = null,
    /** The parsed body, for answers that carry more than an error (purchase outcomes, health). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** `store` when the server answered that Redis is unreachable; `server` when nothing answered. */
  get outage(): Outage | null {
    if (this.code === 'redis_unavailable') return 'store';
    if (this.status === 0 || this.status === 502 || this.status === 504) return 'server';
    return null;
  }
}

export type ApiResult<T> =
  { ok: true; status: number; data: T; etag: string | null } | { ok: false; error: HttpError };

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please log in again.',
  429: 'Too many requests. Wait a moment and try again.',
  502: 'The server is not answering.',
  503: 'The store cannot be reached right now. Try again shortly.',
  504: 'The server is not answering.',
};

type CallInit = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A raw body (an uploaded file) sent as is, with its own type, instead of JSON. */
  file?: Blob;
  headers?: Record<string, string>;
  /** Gives up after this long (a status-0 error): a shopper should not watch a spinner. */
  timeoutMs?: number;
};

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Calls the JSON API; every GET bypasses the HTTP cache because the numbers change every second. */
export async function callApi<T>(path: string, init: CallInit = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.file) headers['content-type'] = init.file.type;
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      cache: 'no-store',
      signal: init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined,
    });
    body = await readBody(res);
  } catch {
    const message = 'The server is not answering. Check the connection and try again.';
    return { ok: false, error: new HttpError(0, 'network', message) };
  }
  // The contract fixes the success bodies (lib/api-types.ts); the error body is checked.
  if (res.ok)
    return { ok: true, status: res.status, data: body as T, etag: res.headers.get('etag') };
  const seconds = retryAfterSeconds(res);
  const retryAfterMs = seconds === null ? null : seconds * 1000;
  const error = isApiError(body) ? body.error : undefined;
  const message =
    error?.message ?? FALLBACK_MESSAGES[res.status] ?? `The server answered ${res.status}.`;
  const issues = Array.isArray(error?.issues) ? error.issues : [];
  return {
    ok: false,
    error: new HttpError(
      res.status,
      error?.code ?? 'http_error',
      message,
      issues,
      retryAfterMs,
      body,
    ),
  };
}

/** An SWR fetcher: the body, or a thrown HttpError (so SWR keeps the last data and retries). */
export async function fetchJson<T>(path: string): Promise<T> {
  const result = await callApi<T>(path);
  if (!result.ok) throw result.error;
  return result.data;
}

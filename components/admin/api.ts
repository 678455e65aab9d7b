import { isApiError, retryAfterSeconds } from '@/components/ui/api-error';
import type { ApiError } from '@/lib/api-types';

export type FieldIssue = ApiError['error']['issues'][number];

/** A finished API call: the body on success, the contract's error (or a network failure) otherwise. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      /** 0 when the request never got an answer. */
      status: number;
      code: string;
      message: string;
      issues: FieldIssue[];
      /** Seconds from the `Retry-After` header (429, 503), when present. */
      retryAfterS: number | null;
    };

export const LOGIN_PATH = '/admin/login';

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your admin session has ended. Please log in again.',
  429: 'Too many requests. Wait a moment and try again.',
  503: 'The store cannot be reached right now. Try again shortly.',
};

/**
 * Calls the JSON API. Never throws: a network failure or an error status comes back as a value
 * carrying the contract's error `{ code, message, issues }`.
 */
export async function callApi<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown } = {},
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: 'Cannot reach the server. Check the connection and try again.',
      issues: [],
      retryAfterS: null,
    };
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  // The contract fixes the success bodies (lib/api-types.ts); the error body is checked.
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const error = isApiError(body) ? body.error : undefined;
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? 'http_error',
    message:
      error?.message ??
      FALLBACK_MESSAGES[res.status] ??
      `The server answered ${res.status}. Try again.`,
    issues: Array.isArray(error?.issues) ? error.issues : [],
    retryAfterS: retryAfterSeconds(res),
  };
}

import type { ApiError } from '@/lib/api-types';

/** True when a response body is the contract's error shape `{ error: { code, message } }`. */
export function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Seconds to wait from a `Retry-After` header (seconds or an HTTP date), or null without one. */
export function retryAfterSeconds(res: Response): number | null {
  const value = res.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

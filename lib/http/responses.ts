/** The contract's error codes (docs/API.md, "Errors"). */
export type ErrorCode =
  | 'invalid_request'
  | 'no_session'
  | 'unauthorized'
  | 'forbidden_origin'
  | 'forbidden'
  | 'not_found'
  | 'has_orders'
  | 'changed_since_read'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'redis_unavailable'
  | 'contention'
  | 'internal_error'
  | 'not_admitted'
  | 'queue_not_open'
  | 'pow_required'
  | 'pow_invalid'
  | 'no_ticket'
  | 'not_revealed';

export type FieldIssue = { path: string; message: string };

// Sessions, purchases, admin and errors: never kept by a browser, a proxy or a CDN.
const NO_STORE = { 'cache-control': 'private, no-store' };

/** A JSON response that no cache keeps. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** The contract's error body: `{ error: { code, message, issues } }`, never a stack or key name. */
export function errorJson(
  status: number,
  code: ErrorCode,
  message: string,
  options: { issues?: FieldIssue[]; headers?: Record<string, string> } = {},
): Response {
  return json({ error: { code, message, issues: options.issues ?? [] } }, status, options.headers);
}

/** 204 with optional headers (cookies). */
export function noContent(headers: HeadersInit = {}): Response {
  return new Response(null, { status: 204, headers });
}

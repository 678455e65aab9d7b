/** The contract's error codes (../shared/API.md, "Errors"). */
export type ErrorCode =
  | 'invalid_request'
  | 'no_session'
  | 'unauthorized'
  | 'forbidden_origin'
  | 'not_found'
  | 'payload_too_large'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'redis_unavailable'
  | 'internal_error';

export type FieldIssue = { path: string; message: string };

const NO_STORE = { 'cache-control': 'no-store' };

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

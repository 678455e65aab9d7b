/**
 * The browser's side of ../shared/API.md: plain fetch calls, no server code. Every GET bypasses the
 * HTTP cache because the numbers change every second.
 */
import { isApiError, retryAfterSeconds } from '@/components/ui/api-error';
import type { HealthBody, PurchaseResponse, SessionBody, Stats } from '@/lib/api-types';

export { PRODUCTS_PATH } from '@/lib/api-types';
export type { HealthBody, LogBody, ProductsBody, SessionBody } from '@/lib/api-types';
export type { Stats };

export const STATS_KEY = '/api/stats';
export const SESSION_KEY = '/api/session';
export const HEALTH_KEY = '/api/health';
export const LOG_LIMIT = 50;

/** The log URL, optionally filtered to one product. */
export function logKey(sku: string | null): string {
  return `/api/log?limit=${LOG_LIMIT}${sku ? `&sku=${encodeURIComponent(sku)}` : ''}`;
}

/** A non-success HTTP answer; `code` and `message` come from the contract's error body when present. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    /** From `Retry-After`, when the server set it. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function retryAfterMs(res: Response): number | null {
  const seconds = retryAfterSeconds(res);
  return seconds === null ? null : seconds * 1000;
}

async function readBody(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

function toHttpError(res: Response, body: unknown): HttpError {
  if (isApiError(body))
    return new HttpError(res.status, body.error.code, body.error.message, retryAfterMs(res));
  return new HttpError(res.status, null, `The server answered ${res.status}.`, retryAfterMs(res));
}

/** GETs JSON; throws an HttpError on any non-2xx (so SWR keeps the last data) and a TypeError offline. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = await readBody(res);
  if (!res.ok) throw toHttpError(res, body);
  return body as T;
}

/** Starts (or resumes, when the cookie is still valid) this browser's shopper session. */
export async function postSession(): Promise<SessionBody> {
  const res = await fetch(SESSION_KEY, { method: 'POST', cache: 'no-store' });
  const body = await readBody(res);
  if (!res.ok) throw toHttpError(res, body);
  return body as SessionBody;
}

/** Reads /api/health; a 503 is an answer here ("redis down"), not a failure. */
export async function getHealth(): Promise<HealthBody> {
  const res = await fetch(HEALTH_KEY, { cache: 'no-store' });
  const body = await readBody(res);
  if (typeof body === 'object' && body !== null && 'redis' in body) return body as HealthBody;
  throw toHttpError(res, body);
}

export type PurchaseAnswer =
  { kind: 'outcome'; body: PurchaseResponse } | { kind: 'error'; error: HttpError };

function isPurchaseResponse(body: unknown): body is PurchaseResponse {
  return typeof body === 'object' && body !== null && 'outcome' in body && 'remaining' in body;
}

/**
 * One purchase request. Every 200/409/503 that carries an `outcome` is an answer; anything else is
 * an error value. Throws only when the request did not reach the server (network failure).
 */
export async function postPurchase(
  sku: string,
  quantity: number,
  idempotencyKey: string,
): Promise<PurchaseAnswer> {
  const res = await fetch(`/api/products/${encodeURIComponent(sku)}/purchase`, {
    method: 'POST',
    cache: 'no-store',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ quantity }),
  });
  const body = await readBody(res);
  if (isPurchaseResponse(body)) return { kind: 'outcome', body };
  return { kind: 'error', error: toHttpError(res, body) };
}

/** A fresh Idempotency-Key: 128 random bits as hex (works on plain http too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The storefront's paths and calls, through the one browser client (components/ui/api-client.ts).
 * The poll revalidates itself: it sends `If-None-Match` and a 304 keeps the body it already has.
 */
import { callApi, HttpError } from '@/components/ui/api-client';
import {
  SNAPSHOT_PATH,
  type PurchaseResponse,
  type SessionBody,
  type Stats,
} from '@/lib/api-types';

export { PRODUCTS_PATH, SNAPSHOT_PATH } from '@/lib/api-types';
export type { LogBody, ProductsBody, SessionBody, SnapshotBody } from '@/lib/api-types';
export type { Stats };
export { HttpError };

export const SESSION_KEY = '/api/session';
export const LOG_LIMIT = 50;

/**
 * How long one purchase request may take before the click reports "not bought": only a server
 * that hangs gets here (a down store is answered 503 at once); a busy one may take seconds.
 */
export const PURCHASE_TIMEOUT_MS = 10_000;

/** The snapshot URL: the newest LOG_LIMIT log entries, optionally of one product only. */
export function snapshotKey(sku: string | null): string {
  return `${SNAPSHOT_PATH}?limit=${LOG_LIMIT}${sku ? `&sku=${encodeURIComponent(sku)}` : ''}`;
}

const lastSeen = new Map<string, { etag: string; body: unknown }>();

/** Remembers a body and its ETag for `url` (the server-rendered snapshot), so the next poll can 304. */
export function primeConditional(url: string, etag: string, body: unknown): void {
  if (!lastSeen.has(url)) lastSeen.set(url, { etag, body });
}

/**
 * GETs JSON conditionally: sends the ETag of the last answer for `url` as `If-None-Match`, and a
 * 304 gives that same body back (the same object, so nothing re-renders). Throws an HttpError.
 */
export async function getConditional<T>(url: string): Promise<T> {
  const seen = lastSeen.get(url);
  const result = await callApi<T>(url, {
    headers: seen ? { 'if-none-match': seen.etag } : {},
  });
  if (!result.ok) {
    if (result.error.status === 304 && seen) return seen.body as T;
    throw result.error;
  }
  if (result.etag) lastSeen.set(url, { etag: result.etag, body: result.data });
  return result.data;
}

/** Starts (or resumes, when the cookie is still valid) this browser's shopper session. */
export async function postSession(): Promise<SessionBody> {
  const result = await callApi<SessionBody>(SESSION_KEY, { method: 'POST' });
  if (!result.ok) throw result.error;
  return result.data;
}

export type PurchaseAnswer =
  { kind: 'outcome'; body: PurchaseResponse } | { kind: 'error'; error: HttpError };

function isPurchaseResponse(body: unknown): body is PurchaseResponse {
  return typeof body === 'object' && body !== null && 'outcome' in body && 'remaining' in body;
}

/**
 * One purchase request. Every 200/409/503 that carries an `outcome` is an answer; anything else,
 * including no answer within PURCHASE_TIMEOUT_MS, is an error value.
 */
export async function postPurchase(
  sku: string,
  quantity: number,
  idempotencyKey: string,
): Promise<PurchaseAnswer> {
  const result = await callApi<PurchaseResponse>(
    `/api/products/${encodeURIComponent(sku)}/purchase`,
    {
      method: 'POST',
      headers: { 'idempotency-key': idempotencyKey },
      body: { quantity },
      timeoutMs: PURCHASE_TIMEOUT_MS,
    },
  );
  if (result.ok) return { kind: 'outcome', body: result.data };
  if (isPurchaseResponse(result.error.body)) return { kind: 'outcome', body: result.error.body };
  return { kind: 'error', error: result.error };
}

/** A fresh Idempotency-Key: 128 random bits as hex (works on plain http too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

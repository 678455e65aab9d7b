/**
 * Placing a hold (docs/API.md), through the one browser client: like a purchase, with an
 * Idempotency-Key. Ordering and cancelling it are in hold-end-api.ts, loaded with the held card.
 */
import { callApi, type HttpError } from '@/components/ui/api-client';
import { PURCHASE_TIMEOUT_MS } from './api';
import type { HoldResponse } from './hold-types';

export type HoldAnswer =
  { kind: 'outcome'; body: HoldResponse } | { kind: 'error'; error: HttpError };

export const holdsPath = (sku: string) => `/api/products/${encodeURIComponent(sku)}/holds`;

function isHoldResponse(body: unknown): body is HoldResponse {
  return typeof body === 'object' && body !== null && 'outcome' in body && 'remaining' in body;
}

/**
 * One hold request. Every 200/409/503 that carries an `outcome` is an answer; anything else
 * (a 409 `wrong_checkout_mode`, no answer within PURCHASE_TIMEOUT_MS) is an error value.
 */
export async function postHold(
  sku: string,
  quantity: number,
  idempotencyKey: string,
): Promise<HoldAnswer> {
  const result = await callApi<HoldResponse>(holdsPath(sku), {
    method: 'POST',
    headers: { 'idempotency-key': idempotencyKey },
    body: { quantity },
    timeoutMs: PURCHASE_TIMEOUT_MS,
  });
  if (result.ok) return { kind: 'outcome', body: result.data };
  if (isHoldResponse(result.error.body)) return { kind: 'outcome', body: result.error.body };
  return { kind: 'error', error: result.error };
}

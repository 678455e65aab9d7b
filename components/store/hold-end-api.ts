/**
 * Place order and Cancel of one hold (docs/API.md), through the one browser client; loaded with
 * the held card only, so the storefront's first load does not carry it.
 */
import { callApi, type HttpError } from '@/components/ui/api-client';
import { PURCHASE_TIMEOUT_MS } from './api';
import { holdsPath } from './hold-api';
import type { CancelResponse, Hold, OrderResponse } from './hold-types';

export type EndAction = 'order' | 'cancel';
export type EndAnswer =
  | { ok: true; body: OrderResponse | CancelResponse }
  | { ok: false; error: HttpError; hold: Hold | null };

/** The hold as an error body carries it (409 hold_expired and the like), if it does. */
function holdIn(body: unknown): Hold | null {
  if (typeof body !== 'object' || body === null || !('hold' in body)) return null;
  const { hold } = body as { hold: unknown };
  return typeof hold === 'object' && hold !== null && 'state' in hold ? (hold as Hold) : null;
}

/** Place order (`order`) or Cancel (`cancel`) one hold: decided once on the server either way. */
export async function endHold(sku: string, id: string, action: EndAction): Promise<EndAnswer> {
  const result = await callApi<OrderResponse | CancelResponse>(
    `${holdsPath(sku)}/${encodeURIComponent(id)}/${action}`,
    { method: 'POST', timeoutMs: PURCHASE_TIMEOUT_MS },
  );
  if (result.ok) return { ok: true, body: result.data };
  return { ok: false, error: result.error, hold: holdIn(result.error.body) };
}

/** What the shopper reads when Place order or Cancel was refused. */
export function endErrorMessage(error: HttpError, action: EndAction): string {
  switch (error.code) {
    case 'hold_expired':
      return 'Too late: the hold had expired, so the unit went back on sale.';
    case 'hold_cancelled':
      return 'This hold was cancelled, so it can no longer be ordered.';
    case 'hold_ordered':
      return 'Already ordered: an ordered hold cannot be cancelled here.';
    case 'not_your_hold':
      return 'This hold belongs to another session.';
    case 'hold_not_found':
      return 'This hold no longer exists.';
    default:
      if (error.status === 404) return 'This hold no longer exists.';
      if (error.outage === 'store') return 'The store is unreachable right now. Try again.';
      if (error.outage === 'server') return 'The server is not answering. Try again.';
      return action === 'order'
        ? `Not ordered: ${error.message}`
        : `Not cancelled: ${error.message}`;
  }
}

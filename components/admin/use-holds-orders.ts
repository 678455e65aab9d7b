'use client';

import useSWR from 'swr';
import { fetchJson, type HttpError } from '@/components/ui/api-client';
import { dedupingFor, POLL_MS } from '@/components/ui/poll-interval';
import type { AdminHold, AdminOrder } from '@/components/store/hold-types';

const productPath = (sku: string) => `/api/admin/products/${encodeURIComponent(sku)}`;

export const holdsPath = (sku: string) => `${productPath(sku)}/holds`;
export const ordersPath = (sku: string) => `${productPath(sku)}/orders`;
export const releasePath = (sku: string, id: string) =>
  `${holdsPath(sku)}/${encodeURIComponent(id)}/release`;
export const cancelOrderPath = (sku: string, orderId: string) =>
  `${ordersPath(sku)}/${encodeURIComponent(orderId)}/cancel`;

const POLL = {
  refreshInterval: POLL_MS,
  dedupingInterval: dedupingFor(POLL_MS),
  keepPreviousData: true,
} as const;

/** The live holds of one product (null: none chosen), polled like the catalogue. */
export function useAdminHolds(sku: string | null) {
  return useSWR<{ holds: AdminHold[] }, HttpError>(sku ? holdsPath(sku) : null, fetchJson, POLL);
}

/** The newest orders of one product, polled like the catalogue. */
export function useAdminOrders(sku: string | null) {
  return useSWR<{ orders: AdminOrder[] }, HttpError>(sku ? ordersPath(sku) : null, fetchJson, POLL);
}

/** What the admin reads when Release or Cancel order was refused. */
export function adminRefusal(error: HttpError): string {
  switch (error.code) {
    case 'hold_expired':
      return 'The hold had already expired: its units are back on sale.';
    case 'hold_ordered':
      return 'The shopper placed the order first: cancel the order instead to refund it.';
    case 'hold_cancelled':
      return 'The hold had already been cancelled or released.';
    case 'hold_not_found':
      return 'This hold no longer exists.';
    case 'order_cancelled':
      return 'This order was already cancelled: its units went back once.';
    case 'order_not_found':
      return 'This order no longer exists.';
    default:
      return error.message;
  }
}

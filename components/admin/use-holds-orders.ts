'use client';

import { useState } from 'react';
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

/** Rows per page of the admin's lists: a poll costs a page, however many the product has. */
export const ADMIN_PAGE_SIZE = 50;

const paged = (path: string, cursor: string | null) =>
  `${path}?limit=${ADMIN_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

type Page = { nextCursor: string | null };

/** One page of the live holds of one product (null: none chosen), polled like the catalogue. */
export function useAdminHolds(sku: string | null, cursor: string | null) {
  return useSWR<{ holds: AdminHold[] } & Page, HttpError>(
    sku ? paged(holdsPath(sku), cursor) : null,
    fetchJson,
    POLL,
  );
}

/** One page of the orders of one product (newest first), polled like the catalogue. */
export function useAdminOrders(sku: string | null, cursor: string | null) {
  return useSWR<{ orders: AdminOrder[] } & Page, HttpError>(
    sku ? paged(ordersPath(sku), cursor) : null,
    fetchJson,
    POLL,
  );
}

/**
 * Where a paged list is, per product: the cursors of the pages walked through (none: the first
 * page). Another product starts at its first page again.
 */
export function usePageTrail(sku: string | null) {
  const [trail, setTrail] = useState<{ sku: string | null; cursors: string[] }>({
    sku,
    cursors: [],
  });
  const cursors = trail.sku === sku ? trail.cursors : [];
  return {
    cursor: cursors.at(-1) ?? null,
    /** Pages before this one. */
    depth: cursors.length,
    next: (cursor: string) => setTrail({ sku, cursors: [...cursors, cursor] }),
    back: () => setTrail({ sku, cursors: cursors.slice(0, -1) }),
  };
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

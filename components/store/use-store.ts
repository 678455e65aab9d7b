'use client';

import useSWR, { type SWRConfiguration } from 'swr';
import useSWRImmutable from 'swr/immutable';
import type { PurchaseResponse } from '@/lib/api-types';
import {
  getHealth,
  getJson,
  HEALTH_KEY,
  logKey,
  postSession,
  PRODUCTS_PATH,
  SESSION_KEY,
  STATS_KEY,
  type HealthBody,
  type LogBody,
  type ProductsBody,
  type SessionBody,
  type Stats,
} from './api';

/**
 * SWR settings for the storefront. Deduplication stays well under the interval (SWR's default 2 s
 * would turn a 1 s poll into ~3 s). Polling stops while a request fails, so errors retry on their
 * own short schedule instead of SWR's exponential one (which reaches minutes): the page should
 * reconnect within seconds of the API coming back.
 */
export function storeSwrConfig(pollMs: number): SWRConfiguration {
  return {
    fetcher: getJson,
    refreshInterval: pollMs,
    dedupingInterval: Math.min(250, Math.floor(pollMs / 4)),
    onErrorRetry: (_error, _key, _config, revalidate, { retryCount }) => {
      // A hidden tab waits for focus, which revalidates anyway.
      if (document.visibilityState === 'hidden') return;
      const delay = pollMs * 2 ** Math.min(retryCount - 1, 2);
      setTimeout(() => void revalidate({ retryCount }), delay);
    },
  };
}

export function useProducts() {
  return useSWR<ProductsBody>(PRODUCTS_PATH);
}

export function useStats() {
  return useSWR<Stats>(STATS_KEY);
}

export function useLog(sku: string | null) {
  return useSWR<LogBody>(logKey(sku));
}

/** The shopper session: one POST on load, kept for the page's life, retried until it succeeds. */
export function useSession() {
  return useSWRImmutable<SessionBody>(SESSION_KEY, postSession);
}

/** /api/health, asked only while something fails, to tell "Redis down" from "server gone". */
export function useHealth(enabled: boolean) {
  return useSWR<HealthBody>(enabled ? HEALTH_KEY : null, getHealth);
}

/**
 * Folds a purchase answer into the cached product list: the stock the server just reported, so
 * the card changes at once instead of at the next poll.
 */
export function applyPurchase(
  data: ProductsBody | undefined,
  answer: PurchaseResponse,
): ProductsBody | undefined {
  if (!data) return data;
  return {
    products: data.products.map((p) => {
      if (p.sku !== answer.sku) return p;
      const stock = answer.remaining;
      let status = p.status;
      if (answer.outcome === 'ended') status = 'ended';
      else if (stock === 0 && status === 'live') status = 'sold_out';
      else if (stock > 0 && status === 'sold_out') status = 'live';
      return { ...p, stock, sold: p.totalStock - stock, status };
    }),
  };
}

'use client';

import { createContext, createElement, useContext, useMemo, useState, type ReactNode } from 'react';
import useSWR, { type SWRConfiguration } from 'swr';
import useSWRImmutable from 'swr/immutable';
import { dedupingFor } from '@/components/ui/poll-interval';
import { PER_SECOND_WINDOW_S, type Product } from '@/lib/api-types';
import { heldOf, type CheckoutResponse } from './hold-types';
import {
  getConditional,
  postSession,
  SESSION_KEY,
  snapshotKey,
  SNAPSHOT_PATH,
  type HttpError,
  type LogBody,
  type ProductsBody,
  type SessionBody,
  type SnapshotBody,
  type Stats,
} from './api';

/**
 * SWR settings for the storefront. Polling stops while a request fails, so errors retry on their
 * own short schedule instead of SWR's exponential one (which reaches minutes): the page should
 * reconnect within seconds of the API coming back.
 */
export function storeSwrConfig(pollMs: number): SWRConfiguration {
  return {
    fetcher: getConditional,
    refreshInterval: pollMs,
    dedupingInterval: dedupingFor(pollMs),
    onErrorRetry: (_error, _key, _config, revalidate, { retryCount }) => {
      // A hidden tab waits for focus, which revalidates anyway.
      if (document.visibilityState === 'hidden') return;
      const delay = pollMs * 2 ** Math.min(retryCount - 1, 2);
      setTimeout(() => void revalidate({ retryCount }), delay);
    },
  };
}

type LogFilter = { sku: string; setSku: (sku: string) => void };
const LogFilterContext = createContext<LogFilter>({ sku: '', setSku: () => {} });

/**
 * Holds the log's product filter for the hooks below: it is part of the one snapshot the page
 * polls, so products, stats and the log still come in one request per interval.
 */
export function StoreDataProvider({ children }: { children: ReactNode }) {
  const [sku, setSku] = useState('');
  const value = useMemo(() => ({ sku, setSku }), [sku]);
  return createElement(LogFilterContext.Provider, { value }, children);
}

/** The log's product filter ('' for every product) and its setter. */
export function useLogFilter(): [string, (sku: string) => void] {
  const { sku, setSku } = useContext(LogFilterContext);
  return [sku, setSku];
}

/** True for every snapshot key of this page (the log filter is part of the key). */
export const isSnapshotKey = (key: unknown): boolean =>
  typeof key === 'string' && key.startsWith(SNAPSHOT_PATH);

/** One poll: the conditional GET, then this page's own sales held over an older cached copy. */
async function fetchSnapshot(url: string): Promise<SnapshotBody> {
  return holdPurchasedStock(await getConditional<SnapshotBody>(url), Date.now());
}

/** The page's one poll: `GET /api/snapshot`, conditional, with this page's own sales held. */
export function useSnapshot() {
  const [sku] = useLogFilter();
  return useSWR<SnapshotBody, HttpError>(snapshotKey(sku || null), fetchSnapshot, {
    keepPreviousData: true,
  });
}

/** The catalogue as the snapshot carries it (the admin polls `useProducts` instead). */
export function useSnapshotProducts(): {
  data: ProductsBody | undefined;
  error: HttpError | undefined;
} {
  const { data, error } = useSnapshot();
  const products = useMemo(() => data && { products: data.products }, [data]);
  return { data: products, error };
}

/** A minute without activity: the snapshot sends it empty (to stay cacheable), the chart draws zeros. */
const QUIET_MINUTE = Array.from({ length: PER_SECOND_WINDOW_S }, (_, i) => ({
  t: new Date(i * 1000).toISOString(),
  purchased: 0,
  conflicts: 0,
}));

export function useStats(): { data: Stats | undefined; error: HttpError | undefined } {
  const { data, error } = useSnapshot();
  const stats = useMemo(
    () =>
      data && data.stats.perSecond?.length === 0
        ? { ...data.stats, perSecond: QUIET_MINUTE }
        : data?.stats,
    [data],
  );
  return { data: stats, error };
}

export function useLog(): { data: LogBody | undefined; error: HttpError | undefined } {
  const { data, error } = useSnapshot();
  const log = useMemo(() => data && { entries: data.log }, [data]);
  return { data: log, error };
}

/** The shopper session: one POST on load, kept for the page's life, retried until it succeeds. */
export function useSession() {
  return useSWRImmutable<SessionBody>(SESSION_KEY, postSession);
}

/** How long a purchase's reported stock outweighs an older cached snapshot. */
const HOLD_MS = 5000;
type Held = { totalStock: number; sold: number; until: number };
const held = new Map<string, Held>();

/**
 * A shared cache may answer the next poll with a snapshot taken just before this page's own
 * purchase; without this the stock would jump back for a second. Within one stock (same total),
 * `sold` only grows, so a snapshot showing fewer sold than the purchase reported is older and
 * the purchase's numbers are shown instead, until the snapshot catches up or HOLD_MS pass.
 */
export function holdPurchasedStock(
  snapshot: SnapshotBody,
  now: number,
  holds: Map<string, Held> = held,
): SnapshotBody {
  if (holds.size === 0) return snapshot;
  let changed = false;
  const products = snapshot.products.map((p) => {
    const hold = holds.get(p.sku);
    if (!hold) return p;
    if (hold.until <= now || hold.totalStock !== p.totalStock || p.sold >= hold.sold) {
      holds.delete(p.sku);
      return p;
    }
    changed = true;
    return withStock(p, p.totalStock - heldOf(p) - hold.sold);
  });
  return changed ? { ...snapshot, products } : snapshot;
}

function withStock(p: Product, stock: number, ended = false, held = heldOf(p)): Product {
  let status = p.status;
  if (ended) status = 'ended';
  // Units in carts may come back: a product with none on sale but some held stays live.
  else if (stock === 0 && held === 0 && status === 'live') status = 'sold_out';
  else if ((stock > 0 || held > 0) && status === 'sold_out') status = 'live';
  const sold = Math.max(0, p.totalStock - stock - held);
  return { ...p, stock, sold, status, ...(held !== heldOf(p) ? { held } : {}) };
}

/**
 * Folds a purchase or hold answer into the snapshot: the stock the server just reported, so the
 * card changes at once instead of at the next poll, and stays so until a newer snapshot arrives.
 * A hold moves its units from on sale to held; it is not kept over older snapshots (a hold may
 * expire within seconds, and that older-looking snapshot would then be the newer one).
 */
export function applyPurchase(
  data: SnapshotBody | undefined,
  answer: CheckoutResponse,
  now = Date.now(),
  holds: Map<string, Held> = held,
): SnapshotBody | undefined {
  if (!data) return data;
  return {
    ...data,
    products: data.products.map((p) => {
      if (p.sku !== answer.sku) return p;
      const inCarts =
        heldOf(p) + (answer.outcome === 'held' && !answer.replay ? answer.quantity : 0);
      const next = withStock(p, answer.remaining, answer.outcome === 'ended', inCarts);
      if (answer.outcome === 'purchased')
        holds.set(p.sku, { totalStock: p.totalStock, sold: next.sold, until: now + HOLD_MS });
      return next;
    }),
  };
}

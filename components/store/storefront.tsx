'use client';

import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { SWRConfig, useSWRConfig } from 'swr';
import type { Product } from '@/lib/api-types';
import type { Outage } from '@/components/ui/api-client';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { StateMessage } from '@/components/ui/state-message';
import { HttpError, primeConditional, snapshotKey, type SnapshotBody } from './api';
import { isQueued } from '@/components/queue/types';
import { ProductCard } from './product-card';
import { StoreHeader, type Connection } from './store-header';
import {
  applyPurchase,
  isSnapshotKey,
  StoreDataProvider,
  storeSwrConfig,
  useLog,
  useSession,
  useSnapshotProducts,
  useStats,
} from './use-store';
import type { CheckoutResponse, Hold } from './hold-types';
import { applyOwnHold, applyOwnPurchase, ME_KEY, useMe, type Me } from './use-me';

// Below the cards, so in chunks of their own: the first load carries what Buy needs, and these
// render on the server and hydrate as soon as their chunk arrives.
const StatsPanel = lazy(() => import('./stats-panel').then((m) => ({ default: m.StatsPanel })));
const ConflictLog = lazy(() => import('./conflict-log').then((m) => ({ default: m.ConflictLog })));

const NO_UNITS: Record<string, number> = {};
const NO_HOLDS: Hold[] = [];

/** The shopper's holds by SKU. */
function holdsBySku(holds: Hold[] | undefined): ReadonlyMap<string, Hold[]> {
  const bySku = new Map<string, Hold[]>();
  for (const hold of holds ?? []) bySku.set(hold.sku, [...(bySku.get(hold.sku) ?? []), hold]);
  return bySku;
}

function ProductGrid({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 sm:gap-6 lg:grid-cols-3">{children}</div>
  );
}

function LoadingCards() {
  return (
    <ProductGrid>
      {Array.from({ length: 3 }, (_, i) => (
        <div
          key={i}
          className="rounded-2xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex justify-between">
            <Skeleton className="h-5 w-14 rounded-full" />
            <Skeleton className="h-5 w-16" />
          </div>
          <Skeleton className="mt-5 h-6 w-3/4" />
          <Skeleton className="mt-2 h-4 w-1/3" />
          <Skeleton className="mt-6 h-8 w-20" />
          <Skeleton className="mt-3 h-1.5 w-full" />
          <Skeleton className="mt-8 h-12 w-full rounded-lg" />
        </div>
      ))}
    </ProductGrid>
  );
}

/** Live first, then starting soon, then sold out, then ended — each in the order that matters. */
const STATUS_ORDER: Record<Product['status'], number> = {
  live: 0,
  scheduled: 1,
  sold_out: 2,
  ended: 3,
};

function byRelevance(a: Product, b: Product): number {
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  // Ended: the most recent first; otherwise the earliest start first (the API's own order).
  if (a.status === 'ended')
    return Date.parse(b.endsAt ?? b.startsAt) - Date.parse(a.endsAt ?? a.startsAt);
  return Date.parse(a.startsAt) - Date.parse(b.startsAt);
}

/** How the sale is sold, in words that match its products: first-come only where that is true. */
function howItSells(products: Product[] | undefined): string {
  const queued = products?.filter(isQueued).length ?? 0;
  if (queued === 0) return 'Limited stock, sold on a first-come basis.';
  if (queued === products!.length)
    return 'Limited stock, sold through a fair waiting room: shoppers are let in one by one, in an order anyone can check.';
  return 'Limited stock. Products with a waiting room let shoppers in one by one, in an order anyone can check; the others sell first-come.';
}

function Unreachable({ outage }: { outage: Outage | null }) {
  return (
    <div className="rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <StateMessage
        role="alert"
        title={
          outage === 'store'
            ? 'The store is unreachable — retrying'
            : 'The server is not answering — retrying'
        }
        icon={<Spinner className="size-6" />}
        className="py-16"
      >
        {outage === 'store'
          ? 'The server answers, but its stock database does not. The page reconnects on its own as soon as it is back.'
          : 'The server is not answering. The page reconnects on its own as soon as it is back.'}
      </StateMessage>
    </div>
  );
}

function Catalogue({
  products,
  canBuy,
  ownedUnits,
  holds,
  outage,
  onAnswer,
  onHold,
  renewSession,
}: {
  products: Product[];
  canBuy: boolean;
  ownedUnits: Record<string, number>;
  holds: ReadonlyMap<string, Hold[]>;
  outage: Outage | null;
  onAnswer: (response: CheckoutResponse) => void;
  onHold: (hold: Hold) => void;
  renewSession: () => Promise<unknown>;
}) {
  if (products.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-zinc-300 dark:border-zinc-700">
        <StateMessage title="No drops right now" className="py-16">
          New products appear here the moment they are added — no need to reload.
        </StateMessage>
      </div>
    );
  }
  return (
    <ProductGrid>
      {[...products].sort(byRelevance).map((p) => (
        <ProductCard
          key={p.sku}
          product={p}
          canBuy={canBuy}
          ownedUnits={ownedUnits[p.sku] ?? 0}
          holds={holds.get(p.sku) ?? NO_HOLDS}
          outage={outage}
          onAnswer={onAnswer}
          onHold={onHold}
          renewSession={renewSession}
        />
      ))}
    </ProductGrid>
  );
}

function StorefrontPage() {
  const products = useSnapshotProducts();
  const stats = useStats();
  // Read here, not in the lazily loaded panels: a hook mounting later would poll once more.
  const log = useLog();
  const session = useSession();
  const me = useMe(Boolean(session.data), products.data?.products);
  const { mutate } = useSWRConfig();
  const outage = products.error?.outage ?? null;

  // This shopper's pseudonym per product, from its purchase answers: marks its own log rows.
  const [mine, setMine] = useState<ReadonlyMap<string, string>>(() => new Map());
  const onAnswer = useCallback(
    (response: CheckoutResponse) => {
      // The shopper's own units: at once from the answer, then from the server.
      void mutate<Me>(ME_KEY, (current) => applyOwnPurchase(current, response), {
        revalidate: response.outcome === 'limit_reached',
      });
      const { shopper } = response;
      if (shopper)
        setMine((m) =>
          m.get(response.sku) === shopper ? m : new Map(m).set(response.sku, shopper),
        );
      // Show the stock the server just reported, then refetch to follow it from there.
      void mutate<SnapshotBody>(isSnapshotKey, (current) => applyPurchase(current, response), {
        revalidate: true,
      });
    },
    [mutate],
  );
  const renewSession = useCallback(() => session.mutate(), [session]);
  // A hold ended (ordered, cancelled, or refused as expired): the card shows it at once, the
  // stock follows from the next snapshot, and the shopper's units are read again.
  const onHold = useCallback(
    (hold: Hold) => {
      void mutate<Me>(ME_KEY, (current) => applyOwnHold(current, hold), { revalidate: true });
      void mutate(isSnapshotKey);
    },
    [mutate],
  );
  const holds = useMemo(() => holdsBySku(me.data?.holds), [me.data]);

  const connection: Connection =
    products.error || stats.error || session.error
      ? 'reconnecting'
      : products.data && session.data
        ? 'live'
        : 'connecting';

  return (
    <>
      <StoreHeader connection={connection} />
      <main className="mx-auto max-w-6xl px-4 pt-10 pb-16 sm:px-6 sm:pt-14">
        <div className="mb-8 max-w-2xl sm:mb-10">
          <h1 className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            Today’s flash sale
          </h1>
          <p className="mt-3 text-base text-pretty text-zinc-600 dark:text-zinc-400">
            {howItSells(products.data?.products)} Every unit goes to exactly one shopper — the
            numbers below are live.
          </p>
        </div>
        {session.error instanceof HttpError && session.error.status === 429 ? (
          <p
            role="alert"
            data-testid="session-limited"
            className="mb-6 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-900"
          >
            Too many new visitors from your network right now, so Buy is paused. The page tries
            again by itself
            {session.error.retryAfterMs
              ? ` in ${Math.ceil(session.error.retryAfterMs / 1000)} s`
              : ''}
            .
          </p>
        ) : null}
        {products.data ? (
          <Catalogue
            products={products.data.products}
            canBuy={Boolean(session.data)}
            ownedUnits={me.data?.units ?? NO_UNITS}
            holds={holds}
            outage={outage}
            onAnswer={onAnswer}
            onHold={onHold}
            renewSession={renewSession}
          />
        ) : products.error ? (
          <Unreachable outage={outage} />
        ) : (
          <LoadingCards />
        )}
        {products.data ? (
          <div className="mt-14 space-y-6">
            <Suspense fallback={<Skeleton className="h-72 w-full rounded-2xl" />}>
              <StatsPanel
                stats={stats.data}
                products={products.data.products}
                entries={log.data?.entries}
              />
              <ConflictLog log={log} products={products.data.products} mine={mine} />
            </Suspense>
          </div>
        ) : null}
      </main>
    </>
  );
}

/** The shopper dashboard: products with Buy, the totals and the live conflict/retry log. */
export function Storefront({
  pollMs,
  firstSnapshot,
}: {
  pollMs: number;
  /** The snapshot the server rendered with (and its ETag): the first paint, and the first 304. */
  firstSnapshot?: { body: SnapshotBody; etag: string };
}) {
  const config = useMemo(() => {
    if (!firstSnapshot) return storeSwrConfig(pollMs);
    const key = snapshotKey(null);
    primeConditional(key, firstSnapshot.etag, firstSnapshot.body);
    return { ...storeSwrConfig(pollMs), fallback: { [key]: firstSnapshot.body } };
  }, [pollMs, firstSnapshot]);
  return (
    <SWRConfig value={config}>
      <StoreDataProvider>
        <StorefrontPage />
      </StoreDataProvider>
    </SWRConfig>
  );
}

'use client';

import { useCallback, useMemo } from 'react';
import { SWRConfig, useSWRConfig } from 'swr';
import type { Product, PurchaseResponse } from '@/lib/api-types';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { StateMessage } from '@/components/ui/state-message';
import { PRODUCTS_PATH, STATS_KEY, type ProductsBody } from './api';
import { ConflictLog } from './conflict-log';
import { ProductCard } from './product-card';
import { StatsPanel } from './stats-panel';
import { StoreHeader, type Connection } from './store-header';
import {
  applyPurchase,
  storeSwrConfig,
  useHealth,
  useProducts,
  useSession,
  useStats,
} from './use-store';

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

function Unreachable({ redisDown }: { redisDown: boolean }) {
  return (
    <div className="rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <StateMessage
        role="alert"
        title="The store is unreachable — retrying"
        icon={<Spinner className="size-6" />}
        className="py-16"
      >
        {redisDown
          ? 'The stock database is not answering. The page reconnects on its own as soon as it is back.'
          : 'The server is not answering. The page reconnects on its own as soon as it is back.'}
      </StateMessage>
    </div>
  );
}

function Catalogue({
  products,
  canBuy,
  onAnswer,
  renewSession,
}: {
  products: Product[];
  canBuy: boolean;
  onAnswer: (response: PurchaseResponse) => void;
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
      {products.map((p) => (
        <ProductCard
          key={p.sku}
          product={p}
          canBuy={canBuy}
          onAnswer={onAnswer}
          renewSession={renewSession}
        />
      ))}
    </ProductGrid>
  );
}

function StorefrontPage() {
  const products = useProducts();
  const stats = useStats();
  const session = useSession();
  const health = useHealth(Boolean(products.error));
  const { mutate } = useSWRConfig();

  const onAnswer = useCallback(
    (response: PurchaseResponse) => {
      // Show the stock the server just reported, then refetch to follow it from there.
      void mutate<ProductsBody>(PRODUCTS_PATH, (current) => applyPurchase(current, response), {
        revalidate: true,
      });
      void mutate(
        (key) => key === STATS_KEY || (typeof key === 'string' && key.startsWith('/api/log')),
      );
    },
    [mutate],
  );
  const renewSession = useCallback(() => session.mutate(), [session]);

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
            Limited stock, sold on a first-come basis. Every unit goes to exactly one shopper — the
            numbers below are live.
          </p>
        </div>
        {products.data ? (
          <Catalogue
            products={products.data.products}
            canBuy={Boolean(session.data)}
            onAnswer={onAnswer}
            renewSession={renewSession}
          />
        ) : products.error ? (
          <Unreachable redisDown={health.data?.redis === 'down'} />
        ) : (
          <LoadingCards />
        )}
        {products.data ? (
          <div className="mt-14 space-y-6">
            <StatsPanel stats={stats.data} />
            <ConflictLog products={products.data.products} shopperId={session.data?.shopperId} />
          </div>
        ) : null}
      </main>
    </>
  );
}

/** The shopper dashboard: products with Buy, the totals and the live conflict/retry log. */
export function Storefront({ pollMs }: { pollMs: number }) {
  const config = useMemo(() => storeSwrConfig(pollMs), [pollMs]);
  return (
    <SWRConfig value={config}>
      <StorefrontPage />
    </SWRConfig>
  );
}

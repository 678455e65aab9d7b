'use client';

import { useCallback, useMemo } from 'react';
import useSWR, { SWRConfig, useSWRConfig } from 'swr';
import type { MeBody, Product } from '@/lib/api-types';
import type { CheckoutResponse } from '@/components/store/hold-types';
import { formatPrice } from '@/lib/format';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { StateMessage } from '@/components/ui/state-message';
import { getConditional, type HttpError } from '@/components/store/api';
import { StoreHeader, type Connection } from '@/components/store/store-header';
import { applyOwnPurchase, ME_KEY, useMe } from '@/components/store/use-me';
import { storeSwrConfig, useSession } from '@/components/store/use-store';
import { FairnessPanel } from './fairness-panel';
import { QueueCard } from './queue-card';
import { BackToSale, StatusCard } from './status-card';
import { useJoin } from './use-join';
import { useWaitingRoom } from './use-queue';

const productPath = (sku: string) => `/api/products/${encodeURIComponent(sku)}`;

/**
 * The product, as the server rendered it; polled (conditionally) only during this shopper's
 * turn, when its stock decides what Buy can do.
 */
function useProduct(sku: string, initial: Product | null, polling: boolean, pollMs: number) {
  return useSWR<Product, HttpError>(productPath(sku), getConditional, {
    fallbackData: initial ?? undefined,
    refreshInterval: polling ? pollMs : 0,
    revalidateOnMount: initial === null,
    keepPreviousData: true,
  });
}

/** A small square of the product: its picture, or its initial on a soft gradient. */
function Thumb({ product }: { product: Product | undefined }) {
  const box = 'size-16 shrink-0 overflow-hidden rounded-xl sm:size-20';
  if (!product) return <Skeleton className={box} />;
  if (product.image)
    return (
      // eslint-disable-next-line @next/next/no-img-element -- served by the API with its own caching
      <img src={product.image} alt="" width={80} height={80} className={`${box} object-cover`} />
    );
  return (
    <div
      aria-hidden="true"
      className={`${box} grid place-items-center bg-gradient-to-br from-blue-500 to-violet-600 text-2xl font-semibold text-white/90`}
    >
      {[...product.name.trim()][0]?.toUpperCase()}
    </div>
  );
}

function ProductHeading({ sku, product }: { sku: string; product: Product | undefined }) {
  return (
    <div className="flex items-center gap-4">
      <Thumb product={product} />
      <div className="min-w-0">
        <p className="text-sm font-medium text-blue-700 dark:text-blue-400">Waiting room</p>
        <h1
          className="truncate text-2xl font-semibold tracking-tight sm:text-3xl"
          title={product?.name}
        >
          {product?.name ?? sku}
        </h1>
        {product ? (
          <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
            {formatPrice(product.priceCents)} · up to {product.limitPerShopper} per shopper
          </p>
        ) : null}
      </div>
    </div>
  );
}

function WaitingRoomPage({
  sku,
  initialProduct,
  pollMs,
}: {
  sku: string;
  initialProduct: Product | null;
  pollMs: number;
}) {
  const session = useSession();
  const hasSession = Boolean(session.data);
  const room = useWaitingRoom(sku, hasSession);
  const { status, view, serverNow } = room;
  const product = useProduct(sku, initialProduct, view?.kind === 'turn', pollMs);
  const me = useMe(hasSession, undefined);
  const { mutate } = useSWRConfig();
  const { setTicket } = room;
  const { state: joinState, join } = useJoin(sku, status?.powDifficulty ?? 0, setTicket);

  const onAnswer = useCallback(
    (response: CheckoutResponse) => {
      void mutate<MeBody>(ME_KEY, (current) => applyOwnPurchase(current, response), {
        revalidate: false,
      });
      void product.mutate();
    },
    [mutate, product],
  );
  const renewSession = useCallback(() => session.mutate(), [session]);

  const connection: Connection =
    room.statusError || session.error
      ? 'reconnecting'
      : status && hasSession
        ? 'live'
        : 'connecting';
  const missing = room.statusError?.status === 404 || product.error?.status === 404;

  let card: React.ReactNode;
  if (missing)
    card = (
      <StatusCard state="missing" title="This product is not on sale">
        <BackToSale label="See what is" />
      </StatusCard>
    );
  else if (status && view)
    card = (
      <QueueCard
        view={view}
        status={status}
        product={product.data}
        serverNow={serverNow}
        ownedUnits={me.data?.units[sku] ?? 0}
        join={{
          state:
            joinState.phase === 'idle' && session.error?.status === 429
              ? {
                  phase: 'failed',
                  message:
                    'Too many new visitors from your network right now. Joining comes back by itself in a moment.',
                }
              : joinState,
          run: () => void join(),
          ready: hasSession,
        }}
        onAnswer={onAnswer}
        renewSession={renewSession}
      />
    );
  else if (room.statusError && !status)
    card = (
      <div className="rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <StateMessage
          role="alert"
          title="The waiting room is not answering — retrying"
          icon={<Spinner className="size-6" />}
          className="py-16"
        >
          Your place is safe: it is kept with this browser. The page reconnects on its own.
        </StateMessage>
      </div>
    );
  else
    card = (
      <div
        aria-busy="true"
        className="rounded-2xl border border-zinc-200 bg-white p-5 sm:p-8 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Skeleton className="h-5 w-24 rounded-full" />
        <Skeleton className="mt-4 h-8 w-2/3" />
        <Skeleton className="mt-6 h-16 w-40" />
        <Skeleton className="mt-6 h-2.5 w-full rounded-full" />
      </div>
    );

  return (
    <>
      <StoreHeader connection={connection} />
      <main className="mx-auto max-w-3xl space-y-6 px-4 pt-8 pb-16 sm:px-6 sm:pt-12">
        <ProductHeading sku={sku} product={product.data} />
        {card}
        {status && status.state !== 'off' && !missing ? (
          <FairnessPanel status={status} ticketId={room.ticket?.id ?? null} />
        ) : null}
      </main>
    </>
  );
}

/** The waiting page of one product: its own SWR settings, like the storefront's. */
export function WaitingRoom({
  sku,
  product,
  pollMs,
}: {
  sku: string;
  /** The product as the server read it; null when it could not (the page then reads it). */
  product: Product | null;
  pollMs: number;
}) {
  const config = useMemo(() => storeSwrConfig(pollMs), [pollMs]);
  return (
    <SWRConfig value={config}>
      <WaitingRoomPage sku={sku} initialProduct={product} pollMs={pollMs} />
    </SWRConfig>
  );
}

'use client';

import { lazy, Suspense, useState } from 'react';
import type { Product, PurchaseMode } from '@/lib/api-types';
import { formatCount, formatDateTime, formatPrice, formatQuantity, formatWhen } from '@/lib/format';
import type { Outage } from '@/components/ui/api-client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { ProductStatusBadge } from '@/components/ui/status-badges';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useNow } from '@/components/ui/use-now';
import { isQueued } from '@/components/queue/types';
import {
  allInCarts,
  checkoutModeOf,
  formatHoldTime,
  heldOf,
  holdSecondsOf,
  type CheckoutResponse,
  type Hold,
} from './hold-types';
import { ProductPicture } from './product-picture';

// Only cards of products sold through a waiting room need it: a chunk of its own, so the first
// load of a storefront without one carries none of it.
const QueueGate = lazy(() => import('./queue-gate').then((m) => ({ default: m.QueueGate })));
import { PurchaseResult } from './purchase-result';
import { QuantityStepper } from './quantity-stepper';
import { usePurchase, type ClickState } from './use-purchase';

type ProductCardProps = {
  product: Product;
  /** False until the shopper session exists: Buy stays disabled before that. */
  canBuy: boolean;
  /** Units this shopper already holds of the product (from GET /api/me and its own answers). */
  ownedUnits: number;
  /** Set while the page cannot reach the store or the server: Buy is disabled and says why. */
  outage: Outage | null;
  /** This shopper's holds of the product (live and recently ended), newest answers included. */
  holds: Hold[];
  onAnswer: (response: CheckoutResponse) => void;
  /** A hold as the server now tells it (after Place order, Cancel or a refusal). */
  onHold: (hold: Hold) => void;
  renewSession: () => Promise<unknown>;
};

const BUTTON_LABELS = { scheduled: 'Not started', sold_out: 'Sold out', ended: 'Ended' } as const;
const OUTAGE_LABELS: Record<Outage, string> = {
  store: 'Store unreachable',
  server: 'Server not answering',
};
const MUTED = 'text-sm text-zinc-600 dark:text-zinc-400';

/**
 * When the sale opens or closes: a live countdown for the next hours, a date beyond, and the
 * date of an ended sale. The server render (and hydration) shows dates in UTC, which do not
 * depend on the moment or the zone; the browser's own zone and countdowns follow at once.
 */
function SaleTiming({ product, paused }: { product: Product; paused: boolean }) {
  const hydrated = useHydrated();
  const counting =
    product.status === 'scheduled' || (product.status === 'live' && product.endsAt !== null);
  const now = useNow(counting && hydrated);
  const zone = hydrated ? undefined : 'UTC';
  const when = (iso: string) => (
    <time dateTime={iso} className="tabular-nums">
      {hydrated ? formatWhen(iso, now) : `on ${formatDateTime(iso, now, zone)}`}
    </time>
  );
  if (product.status === 'scheduled') {
    const started = hydrated && Date.parse(product.startsAt) <= now;
    return (
      <p className="text-sm font-medium text-blue-700 dark:text-blue-400">
        {started ? 'Starting now…' : <>Starts {when(product.startsAt)}</>}
      </p>
    );
  }
  if (product.status === 'ended') {
    return (
      <p className={MUTED}>
        {product.endsAt ? (
          <>
            Sale ended on{' '}
            <time dateTime={product.endsAt} className="tabular-nums">
              {formatDateTime(product.endsAt, now, zone)}
            </time>
          </>
        ) : (
          'Sale ended'
        )}
      </p>
    );
  }
  if (product.status === 'sold_out') {
    return (
      <p className={MUTED}>
        {product.totalStock > 0
          ? product.totalStock === 1
            ? 'The only unit is sold'
            : `All ${formatQuantity(product.totalStock, 'unit')} sold`
          : 'No units in this sale yet'}
      </p>
    );
  }
  if (allInCarts(product)) {
    const held = heldOf(product);
    return (
      <p
        data-testid={`all-in-carts-${product.sku}`}
        className="text-sm font-medium text-amber-800 dark:text-amber-300"
      >
        All in carts — {formatCount(held)} may come back
      </p>
    );
  }
  if (product.endsAt !== null) return <p className={MUTED}>Ends {when(product.endsAt)}</p>;
  // While the store cannot be reached nobody can buy: "On sale now" would contradict Buy.
  return <p className={MUTED}>{paused ? 'Sale paused until the store answers' : 'On sale now'}</p>;
}

/** What is left of the total, as a number and a bar. The bar turns amber below a tenth. */
function StockMeter({ product }: { product: Product }) {
  const share = product.totalStock > 0 ? product.stock / product.totalStock : 0;
  const low = share > 0 && share <= 0.1;
  return (
    <div>
      <p className="flex flex-wrap items-baseline gap-x-2">
        {/* The contract's `stock-{sku}` holds digits only (docs/API.md); people read separators. */}
        <span data-testid={`stock-${product.sku}`} className="sr-only">
          {product.stock}
        </span>
        <span aria-hidden="true" className="text-3xl font-semibold tracking-tight tabular-nums">
          {formatCount(product.stock)}
        </span>
        <span className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          left of {formatCount(product.totalStock)}
          {heldOf(product) > 0 ? (
            <span data-testid={`held-${product.sku}`}>
              {' '}
              · {formatCount(heldOf(product))} in carts
            </span>
          ) : null}
        </span>
      </p>
      <div
        aria-hidden="true"
        className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${low ? 'bg-amber-500' : 'bg-blue-600 dark:bg-blue-500'}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}

const MODE_TITLES: Record<PurchaseMode, string> = {
  coalesce:
    'Coalesced: buyers queued at the same moment are decided together in one watched transaction, so they rarely conflict.',
  plain:
    'Plain: one watched transaction per buyer, so simultaneous buyers abort each other and retry — the raw race.',
};

/** How this product's purchases run; the hover text says what that means for the race. */
function PurchaseModeBadge({ mode }: { mode: PurchaseMode }) {
  return (
    <span title={MODE_TITLES[mode]} data-testid="purchase-mode" data-mode={mode}>
      <Badge tone={mode === 'plain' ? 'caution' : 'neutral'}>
        {mode === 'plain' ? 'plain · 1 tx per buyer' : 'coalesced'}
      </Badge>
    </span>
  );
}

// Only shoppers with holds see it: in a chunk of its own, off the storefront's first load.
const HeldUnits = lazy(() => import('./held-units').then((m) => ({ default: m.HeldUnits })));

/** True when the last click placed a hold that has ended since: its card box says how. */
function endedHold(state: ClickState, holds: Hold[]): boolean {
  if (state.phase !== 'answered' || state.response.outcome !== 'held') return false;
  const id = 'hold' in state.response ? state.response.hold?.id : undefined;
  return holds.some((h) => h.id === id && h.state !== 'held');
}

/** A product in `hold` mode: Buy puts units in the shopper's cart for this long. */
function HoldModeBadge({ seconds }: { seconds: number }) {
  return (
    <span
      title={`Hold at checkout: Buy holds the units for you for ${formatHoldTime(seconds)}; place the order within that time or they go back on sale.`}
      data-testid="checkout-mode"
      data-mode="hold"
    >
      <Badge tone="accent">hold · {formatHoldTime(seconds)}</Badge>
    </span>
  );
}

/** The line under Buy: the limit, and how much of it this shopper has used. */
function limitNote(limit: number, owned: number): string {
  if (owned === 0)
    return limit === 1 ? 'One per shopper' : `Up to ${formatCount(limit)} per shopper`;
  if (owned >= limit) return `You have ${formatCount(owned)} — the most one shopper may buy`;
  return `You have ${formatCount(owned)} of ${formatCount(limit)} per shopper`;
}

/**
 * One product: price, live stock, sale status, and Buy with a quantity up to what this shopper
 * may still buy. The card's height never depends on the last answer, so neighbours never move.
 */
export function ProductCard({
  product,
  canBuy,
  ownedUnits,
  outage,
  holds,
  onAnswer,
  onHold,
  renewSession,
}: ProductCardProps) {
  const { sku, status, limitPerShopper } = product;
  const checkout = checkoutModeOf(product);
  const { state, buy, retry, clear } = usePurchase(sku, { onAnswer, renewSession, checkout });
  const [wanted, setWanted] = useState(1);
  // A reset (or a delete and re-create) is the only way `sold` goes down: the last answer on
  // this card then speaks of an order that no longer exists.
  const [lastSold, setLastSold] = useState(product.sold);
  if (product.sold !== lastSold) {
    setLastSold(product.sold);
    if (product.sold < lastSold) clear();
  }
  const allowance = Math.max(0, limitPerShopper - ownedUnits);
  const limitReached = allowance === 0;
  // Never offer more than the shopper may still buy, nor more than is left.
  const max = Math.max(1, Math.min(allowance, product.stock > 0 ? product.stock : allowance));
  const quantity = Math.min(wanted, max);
  const buying = state.phase === 'buying';
  const live = status === 'live';
  const inCarts = allInCarts(product);
  const blocked = !live || limitReached || outage !== null || inCarts;
  const nameId = `product-name-${sku}`;
  // A queued product is bought in this shopper's turn only: until then the card leads to the
  // waiting room; sold out or ended, it says so like any other.
  const queued = isQueued(product);
  const gated = queued && (status === 'live' || status === 'scheduled');

  let label: React.ReactNode;
  if (buying)
    label = (
      <>
        <Spinner />
        {checkout === 'hold' ? 'Holding…' : 'Buying…'}
      </>
    );
  else if (!live) label = BUTTON_LABELS[status];
  else if (outage) label = OUTAGE_LABELS[outage];
  else if (limitReached) label = 'Limit reached';
  else if (inCarts) label = 'All in carts';
  else
    label = (
      <>
        Buy<span className="sr-only"> {product.name}</span>
      </>
    );

  /** Buy with its quantity and the line under it (`note`: the shopper's turn, when queued). */
  const buyArea = (note: string | null) => (
    <>
      <div className="flex items-center gap-3">
        {limitPerShopper > 1 ? (
          <QuantityStepper
            label={`Quantity of ${product.name}`}
            value={quantity}
            max={max}
            onChange={setWanted}
            disabled={blocked || buying}
          />
        ) : null}
        <Button
          data-testid={`buy-${sku}`}
          size="lg"
          className="min-w-0 flex-1"
          disabled={blocked || !canBuy || buying}
          aria-busy={buying}
          aria-describedby={`limit-${sku}`}
          onClick={() => void buy(quantity)}
        >
          {label}
        </Button>
      </div>
      <p
        id={`limit-${sku}`}
        data-testid={`limit-${sku}`}
        className="mt-2 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
      >
        {outage && live
          ? outage === 'store'
            ? 'The stock database is not answering; Buy comes back by itself.'
            : 'The server is not answering; Buy comes back by itself.'
          : inCarts
            ? 'Every unit is in a shopper’s cart. Units not ordered in time come back here.'
            : (note ??
              (checkout === 'hold'
                ? `${limitNote(limitPerShopper, ownedUnits)} · held ${formatHoldTime(holdSecondsOf(product))} while you check out`
                : limitNote(limitPerShopper, ownedUnits)))}
      </p>
    </>
  );

  return (
    <article
      id={`product-${sku}`}
      data-testid={`product-${sku}`}
      data-status={status}
      data-checkout={checkout}
      data-all-in-carts={inCarts || undefined}
      aria-labelledby={nameId}
      className="flex min-w-0 flex-col rounded-2xl border border-zinc-200 bg-white p-5 shadow-xs transition-shadow hover:shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <ProductPicture product={product} />
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          {outage && live ? (
            <Badge tone="warning" dot="pulse">
              paused
            </Badge>
          ) : (
            <ProductStatusBadge status={status} />
          )}
          <PurchaseModeBadge mode={product.purchaseMode} />
          {checkout === 'hold' ? <HoldModeBadge seconds={holdSecondsOf(product)} /> : null}
          {queued ? (
            <span title="Shoppers are let in one by one, in a shuffled order anyone can check.">
              <Badge tone="accent">waiting room</Badge>
            </span>
          ) : null}
        </div>
        <p className="text-base font-semibold tabular-nums">{formatPrice(product.priceCents)}</p>
      </div>
      <h2
        id={nameId}
        title={product.name}
        className="mt-4 line-clamp-3 text-lg leading-snug font-semibold tracking-tight text-balance [overflow-wrap:anywhere]"
      >
        {product.name}
      </h2>
      <div className="mt-1">
        <SaleTiming product={product} paused={outage !== null} />
      </div>
      <div className="mt-5">
        <StockMeter product={product} />
      </div>
      <div className="mt-auto pt-6">
        {holds.length > 0 ? (
          <Suspense fallback={null}>
            <HeldUnits sku={sku} holds={holds} onHold={onHold} />
          </Suspense>
        ) : null}
        {gated ? (
          <Suspense fallback={<Skeleton className="h-16 w-full rounded-lg" />}>
            <QueueGate sku={sku} name={product.name} enabled={canBuy} renderBuy={buyArea} />
          </Suspense>
        ) : (
          buyArea(null)
        )}
        <PurchaseResult
          sku={sku}
          state={endedHold(state, holds) ? { phase: 'idle' } : state}
          onRetry={retry}
        />
      </div>
    </article>
  );
}

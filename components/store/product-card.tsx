'use client';

import { useState } from 'react';
import type { Product, PurchaseResponse } from '@/lib/api-types';
import { formatClock, formatCountdown, formatPrice } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { ProductStatusBadge } from '@/components/ui/status-badges';
import { PurchaseResult } from './purchase-result';
import { QuantityStepper } from './quantity-stepper';
import { useNow } from '@/components/ui/use-now';
import { usePurchase } from './use-purchase';

type ProductCardProps = {
  product: Product;
  /** False until the shopper session exists: Buy stays disabled before that. */
  canBuy: boolean;
  onAnswer: (response: PurchaseResponse) => void;
  renewSession: () => Promise<unknown>;
};

const BUTTON_LABELS = { scheduled: 'Not started', sold_out: 'Sold out', ended: 'Ended' } as const;

/** When the sale opens or closes, counting down live; "On sale now" otherwise. */
function SaleTiming({ product }: { product: Product }) {
  const counting =
    product.status === 'scheduled' || (product.status === 'live' && product.endsAt !== null);
  const now = useNow(counting);
  const muted = 'text-sm text-zinc-600 dark:text-zinc-400';
  if (product.status === 'scheduled') {
    const ms = Date.parse(product.startsAt) - now;
    return (
      <p className="text-sm font-medium text-blue-700 dark:text-blue-400">
        {ms > 0 ? (
          <>
            Starts in{' '}
            <time dateTime={product.startsAt} className="tabular-nums">
              {formatCountdown(ms)}
            </time>
          </>
        ) : (
          'Starting now…'
        )}
      </p>
    );
  }
  if (product.status === 'ended') {
    return (
      <p className={muted}>
        Sale ended{product.endsAt ? ` at ${formatClock(product.endsAt)}` : ''}
      </p>
    );
  }
  if (product.status === 'sold_out') return <p className={muted}>All {product.totalStock} sold</p>;
  if (product.endsAt !== null) {
    return (
      <p className={muted}>
        Ends in{' '}
        <time dateTime={product.endsAt} className="tabular-nums">
          {formatCountdown(Date.parse(product.endsAt) - now)}
        </time>
      </p>
    );
  }
  return <p className={muted}>On sale now</p>;
}

/** What is left of the total, as a number and a bar. The bar turns amber below a tenth. */
function StockMeter({ product }: { product: Product }) {
  const share = product.totalStock > 0 ? product.stock / product.totalStock : 0;
  const low = share > 0 && share <= 0.1;
  return (
    <div>
      <p className="flex items-baseline gap-2">
        <span
          data-testid={`stock-${product.sku}`}
          className="text-3xl font-semibold tracking-tight tabular-nums"
        >
          {product.stock}
        </span>
        <span className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          left of {product.totalStock}
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

/** One product: price, live stock, sale status, and Buy with a quantity up to the shopper limit. */
export function ProductCard({ product, canBuy, onAnswer, renewSession }: ProductCardProps) {
  const { sku, status } = product;
  const { state, buy, retry } = usePurchase(sku, { onAnswer, renewSession });
  const [wanted, setWanted] = useState(1);
  // Never offer more than the limit, nor more than is left (a race can still say insufficient_stock).
  const max = Math.max(
    1,
    Math.min(product.limitPerShopper, product.stock > 0 ? product.stock : product.limitPerShopper),
  );
  const quantity = Math.min(wanted, max);
  const buying = state.phase === 'buying';
  const live = status === 'live';
  const nameId = `product-name-${sku}`;

  return (
    <article
      data-testid={`product-${sku}`}
      aria-labelledby={nameId}
      className="flex flex-col rounded-2xl border border-zinc-200 bg-white p-5 shadow-xs transition-shadow hover:shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between gap-3">
        <ProductStatusBadge status={status} />
        <p className="text-base font-semibold tabular-nums">{formatPrice(product.priceCents)}</p>
      </div>
      <h3
        id={nameId}
        className="mt-4 text-lg leading-snug font-semibold tracking-tight text-balance"
      >
        {product.name}
      </h3>
      <div className="mt-1">
        <SaleTiming product={product} />
      </div>
      <div className="mt-5">
        <StockMeter product={product} />
      </div>
      <div className="mt-auto pt-6">
        <div className="flex items-center gap-3">
          {product.limitPerShopper > 1 ? (
            <QuantityStepper
              label={`Quantity of ${product.name}`}
              value={quantity}
              max={max}
              onChange={setWanted}
              disabled={!live || buying}
            />
          ) : null}
          <Button
            data-testid={`buy-${sku}`}
            size="lg"
            className="min-w-0 flex-1"
            disabled={!live || !canBuy || buying}
            aria-busy={buying}
            onClick={() => void buy(quantity)}
          >
            {buying ? (
              <>
                <Spinner />
                Buying…
              </>
            ) : live ? (
              <>
                Buy<span className="sr-only"> {product.name}</span>
              </>
            ) : (
              BUTTON_LABELS[status]
            )}
          </Button>
        </div>
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {product.limitPerShopper === 1
            ? 'One per shopper'
            : `Up to ${product.limitPerShopper} per shopper`}
        </p>
        <PurchaseResult
          sku={sku}
          state={state}
          limitPerShopper={product.limitPerShopper}
          onRetry={retry}
        />
      </div>
    </article>
  );
}

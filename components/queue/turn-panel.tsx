'use client';

import { useState } from 'react';
import type { Product } from '@/lib/api-types';
import { formatCountdown, formatPrice } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { CheckoutResponse } from '@/components/store/hold-types';
import { PurchaseResult } from '@/components/store/purchase-result';
import { QuantityStepper } from '@/components/store/quantity-stepper';
import { usePurchase } from '@/components/store/use-purchase';

/**
 * Whole minutes left, to the nearest (the countdown beside it gives the seconds): a 5-minute
 * window reads "5 minutes" at its start, "1 minute" at its end.
 */
function minutesLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** "It's your turn — you have N minutes" as a heading, for the page's status line. */
export function turnTitle(endsAt: string, serverNow: number): string {
  return `It’s your turn — you have ${minutesLeft(Date.parse(endsAt) - serverNow)}`;
}

/** A product held at checkout is bought through its storefront card (its holds live there). */
function sellsThroughHolds(product: Product): boolean {
  return product.checkoutMode === 'hold';
}

/**
 * The admitted shopper's window: a countdown, and Buy right here (or, for a product held at
 * checkout, the way to its card on the storefront, where the hold starts).
 */
export function TurnPanel({
  product,
  endsAt,
  serverNow,
  ownedUnits,
  onAnswer,
  renewSession,
}: {
  product: Product;
  endsAt: string;
  serverNow: number;
  ownedUnits: number;
  onAnswer: (response: CheckoutResponse) => void;
  renewSession: () => Promise<unknown>;
}) {
  const { state, buy, retry } = usePurchase(product.sku, { onAnswer, renewSession });
  const [wanted, setWanted] = useState(1);
  const allowance = Math.max(0, product.limitPerShopper - ownedUnits);
  const max = Math.max(1, Math.min(allowance, product.stock > 0 ? product.stock : allowance));
  const quantity = Math.min(wanted, max);
  const buying = state.phase === 'buying';
  const left = Date.parse(endsAt) - serverNow;
  const blocked = allowance === 0 || product.stock === 0;
  return (
    <div>
      <p className="text-sm text-emerald-800 dark:text-emerald-300">
        Your window closes in{' '}
        <span data-testid="queue-turn-left" className="font-semibold tabular-nums">
          {formatCountdown(left)}
        </span>
        . Nobody else can take your turn meanwhile.
      </p>
      {sellsThroughHolds(product) ? (
        <a
          href={`/#product-${encodeURIComponent(product.sku)}`}
          data-testid="queue-to-store"
          className="mt-5 inline-flex h-12 items-center rounded-lg bg-blue-600 px-5 text-base font-medium text-white shadow-sm hover:bg-blue-700"
        >
          Go to {product.name} and put it in your cart
        </a>
      ) : (
        <>
          <div className="mt-5 flex items-center gap-3">
            {product.limitPerShopper > 1 ? (
              <QuantityStepper
                label={`Quantity of ${product.name}`}
                value={quantity}
                max={max}
                onChange={setWanted}
                disabled={blocked || buying}
              />
            ) : null}
            <Button
              size="lg"
              data-testid={`buy-${product.sku}`}
              className="min-w-0 flex-1 sm:flex-none"
              disabled={blocked || buying}
              aria-busy={buying}
              onClick={() => void buy(quantity)}
            >
              {buying ? (
                <>
                  <Spinner />
                  Buying…
                </>
              ) : allowance === 0 ? (
                'Limit reached'
              ) : (
                <>
                  Buy {quantity > 1 ? `${quantity} ` : ''}for{' '}
                  {formatPrice(product.priceCents * quantity)}
                  <span className="sr-only"> {product.name}</span>
                </>
              )}
            </Button>
          </div>
          <PurchaseResult sku={product.sku} state={state} onRetry={retry} />
        </>
      )}
    </div>
  );
}

'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import type { MeBody, Product, PurchaseResponse } from '@/lib/api-types';

export const ME_KEY = '/api/me';

/** True when a product still on the page has sold fewer units than it had (a reset). */
export function soldWentDown(before: Map<string, number>, products: Product[]): boolean {
  return products.some((p) => p.sold < (before.get(p.sku) ?? 0));
}

/**
 * This shopper's units per product (GET /api/me, private), asked once the session exists, when
 * the tab regains focus, and when a product's units sold go down (a reset; a product that merely
 * leaves the sale is no reason): the page's poll stays one snapshot request. Purchase answers
 * update it at once through `applyOwnPurchase`.
 */
export function useMe(hasSession: boolean, products: Product[] | undefined) {
  const me = useSWR<MeBody>(hasSession ? ME_KEY : null, { refreshInterval: 0 });
  const lastSold = useRef(new Map<string, number>());
  const { mutate } = me;
  useEffect(() => {
    if (!products) return;
    if (soldWentDown(lastSold.current, products)) void mutate();
    lastSold.current = new Map(products.map((p) => [p.sku, p.sold]));
  }, [products, mutate]);
  return me;
}

/** Adds the units a purchase answer just bought to the shopper's own counts. */
export function applyOwnPurchase(
  me: MeBody | undefined,
  answer: PurchaseResponse,
): MeBody | undefined {
  if (!me || answer.outcome !== 'purchased' || answer.replay) return me;
  const units = { ...me.units, [answer.sku]: (me.units[answer.sku] ?? 0) + answer.quantity };
  return { ...me, units };
}

'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import type { MeBody, Product, PurchaseResponse } from '@/lib/api-types';

export const ME_KEY = '/api/me';

/**
 * This shopper's units per product (GET /api/me, private), asked once the session exists, when
 * the tab regains focus, and when the units sold anywhere go down (a reset): the page's poll
 * stays one snapshot request. Purchase answers update it at once through `applyOwnPurchase`.
 */
export function useMe(hasSession: boolean, products: Product[] | undefined) {
  const me = useSWR<MeBody>(hasSession ? ME_KEY : null, { refreshInterval: 0 });
  const sold = products?.reduce((sum, p) => sum + p.sold, 0);
  const lastSold = useRef(sold);
  const { mutate } = me;
  useEffect(() => {
    if (sold !== undefined && lastSold.current !== undefined && sold < lastSold.current)
      void mutate();
    lastSold.current = sold;
  }, [sold, mutate]);
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

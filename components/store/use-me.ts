'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import type { MeBody, Product } from '@/lib/api-types';
import { heldOf, type CheckoutResponse, type Hold } from './hold-types';

export const ME_KEY = '/api/me';

/** GET /api/me: the shopper's units and holds (live ones and those ended in the last minutes). */
export type Me = MeBody;

/** True when a product still on the page has sold fewer units than it had (a reset). */
export function soldWentDown(before: Map<string, number>, products: Product[]): boolean {
  return products.some((p) => p.sold < (before.get(p.sku) ?? 0));
}

/**
 * True when a product this shopper holds units of has fewer units in carts than before: one of
 * the holds may have ended without this page (expired, or released by an admin).
 */
export function heldWentDown(
  before: Map<string, number>,
  products: Product[],
  me: Me | undefined,
): boolean {
  const mine = new Set(me?.holds?.filter((h) => h.state === 'held').map((h) => h.sku));
  return products.some((p) => mine.has(p.sku) && heldOf(p) < (before.get(p.sku) ?? 0));
}

/**
 * This shopper's units and holds per product (GET /api/me, private), asked once the session
 * exists, when the tab regains focus, when a product's units sold go down (a reset; a product
 * that merely leaves the sale is no reason), and when a product it holds units of has fewer in
 * carts: the page's poll stays one snapshot request. Purchase and hold answers update it at once
 * through `applyOwnPurchase` and `applyOwnHold`.
 */
export function useMe(hasSession: boolean, products: Product[] | undefined) {
  const me = useSWR<Me>(hasSession ? ME_KEY : null, { refreshInterval: 0 });
  const lastSold = useRef(new Map<string, number>());
  const lastHeld = useRef(new Map<string, number>());
  const { mutate, data } = me;
  useEffect(() => {
    if (!products) return;
    if (soldWentDown(lastSold.current, products) || heldWentDown(lastHeld.current, products, data))
      void mutate();
    lastSold.current = new Map(products.map((p) => [p.sku, p.sold]));
    lastHeld.current = new Map(products.map((p) => [p.sku, heldOf(p)]));
  }, [products, mutate, data]);
  return me;
}

function withUnits(me: Me, sku: string, delta: number): Me['units'] {
  const units = { ...me.units };
  const next = (units[sku] ?? 0) + delta;
  if (next > 0) units[sku] = next;
  else delete units[sku];
  return units;
}

/** Adds the units a purchase or hold answer just took to the shopper's own counts (and its hold). */
export function applyOwnPurchase(me: Me | undefined, answer: CheckoutResponse): Me | undefined {
  if (!me || answer.replay) return me;
  if (answer.outcome === 'purchased')
    return { ...me, units: withUnits(me, answer.sku, answer.quantity) };
  if (answer.outcome === 'held' && 'hold' in answer && answer.hold) {
    const { hold } = answer;
    const others = (me.holds ?? []).filter((h) => h.id !== hold.id);
    return { ...me, units: withUnits(me, answer.sku, answer.quantity), holds: [hold, ...others] };
  }
  return me;
}

/**
 * Puts a hold as the server now tells it into the shopper's list; a hold that ended without an
 * order gives its units back to the shopper's allowance.
 */
export function applyOwnHold(me: Me | undefined, hold: Hold): Me | undefined {
  if (!me) return me;
  const before = me.holds?.find((h) => h.id === hold.id);
  const released =
    before?.state === 'held' && (hold.state === 'cancelled' || hold.state === 'expired');
  const holds = before
    ? (me.holds ?? []).map((h) => (h.id === hold.id ? hold : h))
    : [hold, ...(me.holds ?? [])];
  return {
    ...me,
    holds,
    units: released ? withUnits(me, hold.sku, -hold.quantity) : me.units,
  };
}

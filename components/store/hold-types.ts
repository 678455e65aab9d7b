/**
 * The holds part of docs/API.md as the browser reads it (CONTRACT: issue 20). Kept here, beside
 * the components, until lib/api-types.ts carries the holds; the helpers read a product's hold
 * fields so a product from an older server (without them) still reads as `instant`.
 */
import type { Product, PurchaseResponse } from '@/lib/api-types';

export type HoldState = 'held' | 'ordered' | 'cancelled' | 'expired';
export type HoldEndedBy = 'shopper' | 'admin' | 'expiry';

export type Hold = {
  id: string;
  sku: string;
  quantity: number;
  priceCents: number;
  state: HoldState;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  orderId: string | null;
  endedBy: HoldEndedBy | null;
};

/** A live hold as the admin lists it: with the shopper's pseudonym for this product. */
export type AdminHold = Hold & { shopper: string };

export type CheckoutMode = 'instant' | 'hold';

/** `POST /api/products/{sku}/holds`: a hold placed (200) or refused (409/503), like a purchase. */
export type HoldResponse = Omit<PurchaseResponse, 'outcome' | 'orderId'> & {
  outcome: Exclude<PurchaseResponse['outcome'], 'purchased'> | 'held' | 'all_in_carts';
  hold?: Hold;
};

export type OrderResponse = {
  outcome: 'ordered';
  hold: Hold;
  orderId: string;
  attempts: number;
  conflicts: number;
  replay?: true;
};
export type CancelResponse = { outcome: 'cancelled'; hold: Hold; replay?: true };

export type AdminOrder = {
  id: string;
  shopper: string;
  quantity: number;
  priceCents: number;
  at: string;
  state: 'placed' | 'cancelled';
};

type WithHolds = { checkoutMode?: CheckoutMode; holdSeconds?: number; held?: number };

/** How Buy works for a product: `hold` puts the units in the shopper's cart first. */
export function checkoutModeOf(product: Product): CheckoutMode {
  return (product as Product & WithHolds).checkoutMode ?? 'instant';
}

/** Units of the product in live holds (in someone's cart). */
export function heldOf(product: Product): number {
  return (product as Product & WithHolds).held ?? 0;
}

/** Seconds a hold of this product lasts. */
export function holdSecondsOf(product: Product): number {
  return (product as Product & WithHolds).holdSeconds ?? 300;
}

/** Nothing on sale, yet units in carts may come back: "All in carts", never "Sold out". */
export function allInCarts(product: Product): boolean {
  return product.stock === 0 && heldOf(product) > 0 && product.status === 'live';
}

/** The answer to one Buy click: a purchase (instant products) or a hold (hold products). */
export type CheckoutResponse = PurchaseResponse | HoldResponse;

/** A hold time for people: "5 min", "90 s" → "1 min 30 s", "8 s". */
export function formatHoldTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** What a log row can say: purchase outcomes and every way a hold or order ends. */
export type LogOutcome =
  | PurchaseResponse['outcome']
  | 'held'
  | 'ordered'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'all_in_carts';

/**
 * The holds part of docs/API.md as the storefront and the admin read it: the types of
 * lib/api-types.ts under the names the components use, and small readers of a product's hold
 * fields.
 */
import type {
  AdminHoldsBody,
  AdminOrdersBody,
  CheckoutMode,
  Hold,
  HoldCancelResponse,
  HoldOrderResponse,
  HoldResponse,
  LogOutcome,
  Product,
  PurchaseResponse,
} from '@/lib/api-types';

export type { CheckoutMode, Hold, HoldResponse, LogOutcome };
export type HoldState = Hold['state'];
/** A live hold as the admin lists it: with the shopper's pseudonym for this product. */
export type AdminHold = AdminHoldsBody['holds'][number];
export type AdminOrder = AdminOrdersBody['orders'][number];
export type OrderResponse = HoldOrderResponse;
export type CancelResponse = HoldCancelResponse;

/** How Buy works for a product: `hold` puts the units in the shopper's cart first. */
export function checkoutModeOf(product: Product): CheckoutMode {
  return product.checkoutMode;
}

/** Units of the product in live holds (in someone's cart). */
export function heldOf(product: Product): number {
  return product.held;
}

/** Seconds a hold of this product lasts. */
export function holdSecondsOf(product: Product): number {
  return product.holdSeconds;
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

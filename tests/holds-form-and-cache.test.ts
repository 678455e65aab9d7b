// The browser's side of holds without a browser: the product form sends the checkout
// mode and hold time only when the admin set them, in seconds whatever unit was typed; the
// shopper's own units and holds follow hold answers; a hold answer moves units from on sale to
// held on the page without calling the product sold out.
import { describe, expect, it } from 'vitest';
import { checkProductForm, initialValues, toBody } from '@/components/admin/product-form-model';
import { applyOwnHold, applyOwnPurchase, heldWentDown, type Me } from '@/components/store/use-me';
import { applyPurchase } from '@/components/store/use-store';
import { endErrorMessage } from '@/components/store/hold-end-api';
import { HttpError } from '@/components/ui/api-client';
import type { Hold, HoldResponse, Product, SnapshotBody } from '@/lib/api-types';

const HOUR = 3_600_000;
const NONE = new Set<string>();

function product(extra: Partial<Product> = {}): Product {
  return {
    sku: 'lamp',
    name: 'Lamp',
    priceCents: 7900,
    stock: 3,
    totalStock: 3,
    sold: 0,
    limitPerShopper: 2,
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: null,
    status: 'live',
    purchaseMode: 'coalesce',
    buckets: 1,
    checkoutMode: 'hold',
    holdSeconds: 300,
    held: 0,
    queue: false,
    image: null,
    version: 1,
    ...extra,
  };
}

function hold(extra: Partial<Hold> = {}): Hold {
  return {
    id: 'h1',
    sku: 'lamp',
    quantity: 1,
    priceCents: 7900,
    state: 'held',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 300_000).toISOString(),
    endedAt: null,
    orderId: null,
    endedBy: null,
    ...extra,
  };
}

const heldAnswer = (remaining: number, h = hold()): HoldResponse => ({
  outcome: 'held',
  sku: 'lamp',
  quantity: h.quantity,
  hold: h,
  remaining,
  attempts: 1,
  conflicts: 0,
  latencyMs: 1,
  batch: 1,
  queuedMs: 0,
});

describe('the product form and holds', () => {
  it('loads whole minutes as minutes and other times as seconds', () => {
    expect(initialValues(product({ holdSeconds: 300 }))).toMatchObject({
      checkout: 'hold',
      holdTime: '5',
      holdUnit: 'min',
    });
    expect(initialValues(product({ holdSeconds: 90 }))).toMatchObject({
      holdTime: '90',
      holdUnit: 's',
    });
  });

  it('sends nothing of the checkout when the admin left it, the same time in other units included', () => {
    const p = product({ holdSeconds: 300 });
    const body = toBody({ ...initialValues(p), holdTime: '300', holdUnit: 's' }, p);
    expect(body).not.toHaveProperty('checkoutMode');
    expect(body).not.toHaveProperty('holdSeconds');
  });

  it('sends the mode and the hold time in seconds when set', () => {
    const p = product({ checkoutMode: 'instant' });
    const { body } = checkProductForm(
      { ...initialValues(p), checkout: 'hold', holdTime: '2', holdUnit: 'min' },
      p,
      NONE,
    );
    expect(body).toMatchObject({ checkoutMode: 'hold', holdSeconds: 120 });
  });

  it('names a hold time out of bounds, in words with its units', () => {
    const p = product();
    const tooLong = checkProductForm({ ...initialValues(p), holdTime: '61' }, p, NONE);
    expect(tooLong.fieldErrors.holdTime).toBe('Between 2 seconds and 60 minutes.');
    const empty = checkProductForm({ ...initialValues(p), holdTime: '' }, p, NONE);
    expect(empty.fieldErrors.holdTime).toBe('Enter the hold time.');
  });

  it('a new product without a checkout chosen sends neither field (the server defaults apply)', () => {
    const values = {
      ...initialValues(undefined),
      sku: 'lamp',
      name: 'Lamp',
      price: '79',
      stock: '3',
    };
    const { body } = checkProductForm(values, undefined, NONE);
    expect(body).toBeDefined();
    expect(body).not.toHaveProperty('checkoutMode');
    expect(body).not.toHaveProperty('holdSeconds');
  });
});

describe("the shopper's own holds", () => {
  const me: Me = { shopperId: 's', units: {}, holds: [] };

  it('a hold answer adds its units and its hold; a replay adds nothing', () => {
    const after = applyOwnPurchase(me, heldAnswer(2));
    expect(after?.units).toEqual({ lamp: 1 });
    expect(after?.holds.map((h) => h.id)).toEqual(['h1']);
    expect(applyOwnPurchase(after, { ...heldAnswer(2), replay: true })).toBe(after);
  });

  it('a hold that ends without an order gives its units back, once; an order keeps them', () => {
    const holding = applyOwnPurchase(me, heldAnswer(2))!;
    const expired = applyOwnHold(holding, hold({ state: 'expired', endedBy: 'expiry' }))!;
    expect(expired.units).toEqual({});
    expect(applyOwnHold(expired, hold({ state: 'expired', endedBy: 'expiry' }))?.units).toEqual({});
    const ordered = applyOwnHold(holding, hold({ state: 'ordered', orderId: 'o1' }))!;
    expect(ordered.units).toEqual({ lamp: 1 });
    expect(ordered.holds[0]?.state).toBe('ordered');
  });

  it('asks again when a product it holds units of has fewer in carts', () => {
    const holding: Me = { ...me, holds: [hold()] };
    const before = new Map([['lamp', 2]]);
    expect(heldWentDown(before, [product({ held: 1 })], holding)).toBe(true);
    expect(heldWentDown(before, [product({ held: 3 })], holding)).toBe(false);
    expect(heldWentDown(before, [product({ held: 1 })], me)).toBe(false);
  });
});

describe('a hold answer on the page', () => {
  const snapshot = (p: Product): SnapshotBody => ({
    products: [p],
    stats: {
      requests: 0,
      purchased: 0,
      soldOut: 0,
      limitReached: 0,
      contention: 0,
      conflicts: 0,
      unitsSold: 0,
    },
    log: [],
  });

  it('moves units from on sale to held, and the last unit held keeps the product live', () => {
    const next = applyPurchase(snapshot(product({ stock: 1, held: 2 })), heldAnswer(0))!;
    expect(next.products[0]).toMatchObject({ stock: 0, held: 3, sold: 0, status: 'live' });
  });
});

describe('refusals of Place order and Cancel, in words', () => {
  const refused = (status: number, code: string) => new HttpError(status, code, code);
  it('names each way a hold ended, a foreign hold and an unknown one', () => {
    expect(endErrorMessage(refused(409, 'hold_expired'), 'order')).toMatch(/expired/);
    expect(endErrorMessage(refused(409, 'hold_cancelled'), 'order')).toMatch(/cancelled/);
    expect(endErrorMessage(refused(409, 'hold_ordered'), 'cancel')).toMatch(/Already ordered/);
    expect(endErrorMessage(refused(403, 'not_your_hold'), 'cancel')).toBe(
      'This hold belongs to another session.',
    );
    expect(endErrorMessage(refused(404, 'hold_not_found'), 'order')).toBe(
      'This hold no longer exists.',
    );
    expect(endErrorMessage(refused(0, 'network'), 'order')).toMatch(/not answering/);
  });
});

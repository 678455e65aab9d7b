// The admin product form's logic (components/admin/product-form-model.ts): its checks, the body it
// sends and what it asks to confirm — and that the body sends only what the admin set, so the
// server's defaults (STOCK_BUCKETS, PURCHASE_MODE) apply to products made in the form.
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  checkProductForm,
  confirmationsFor,
  initialValues,
  placeIssues,
  toBody,
  type FormValues,
} from '@/components/admin/product-form-model';
import { toLocalInput } from '@/components/admin/datetime';
import { productBodySchema } from '@/lib/api-schemas';
import type { Product } from '@/lib/api-types';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { configureApp } from './support/app-config';

configureApp({ STOCK_BUCKETS: '4', PURCHASE_MODE: 'plain' });

const HOUR = 3_600_000;
const NONE = new Set<string>();

/** A new product's form, filled in as an admin who never touched mode, buckets or times. */
function newForm(extra: Partial<FormValues> = {}): FormValues {
  return {
    ...initialValues(undefined),
    sku: 'neon-cap',
    name: 'Neon cap',
    price: '12.50',
    stock: '40',
    limit: '2',
    ...extra,
  };
}

/** A stored product, as the admin table hands it to the form. */
function stored(extra: Partial<Product> = {}): Product {
  return {
    sku: 'neon-cap',
    name: 'Neon cap',
    priceCents: 1250,
    stock: 40,
    totalStock: 40,
    sold: 0,
    limitPerShopper: 2,
    // Seconds and milliseconds the datetime-local input cannot show.
    startsAt: new Date(Date.now() - HOUR + 1234).toISOString(),
    endsAt: new Date(Date.now() + HOUR + 5678).toISOString(),
    status: 'live',
    purchaseMode: 'coalesce',
    buckets: 2,
    image: null,
    version: 1,
    queue: false,
    ...extra,
  };
}

describe('the body of a new product', () => {
  it('leaves out mode, buckets and start when the admin did not set them', () => {
    const { body, fieldErrors } = checkProductForm(newForm(), undefined, NONE);
    expect(fieldErrors).toEqual({});
    expect(body).toEqual({
      name: 'Neon cap',
      priceCents: 1250,
      stock: 40,
      limitPerShopper: 2,
      endsAt: null,
    });
  });

  it('carries the mode, buckets and start the admin chose', () => {
    const startsAt = toLocalInput(new Date(Date.now() + HOUR).toISOString());
    const form = newForm({ mode: 'coalesce', buckets: '3', startsAt });
    const { body } = checkProductForm(form, undefined, NONE);
    expect(body).toMatchObject({ purchaseMode: 'coalesce', buckets: 3 });
    expect(toLocalInput(body!.startsAt!)).toBe(startsAt);
  });

  it('gets the server defaults for what it leaves out, and an unchanged edit keeps them', async () => {
    const sku = `form-${Date.now().toString(36)}`;
    const created = productBodySchema.parse(toBody(newForm({ sku }), undefined));
    const { product } = await upsertProduct(sku, created);
    expect(product).toMatchObject({ buckets: 4, purchaseMode: 'plain' });
    // Saving the loaded form again (a new name only) changes neither.
    const edit = { ...initialValues(product), name: 'Renamed' };
    const again = await upsertProduct(sku, productBodySchema.parse(toBody(edit, product)));
    expect(again.product).toMatchObject({ name: 'Renamed', buckets: 4, purchaseMode: 'plain' });
  });
});

describe('the body of an edit', () => {
  it('sends times as stored when left as loaded, and mode and buckets only when changed', () => {
    const product = stored();
    const { body } = checkProductForm(initialValues(product), product, NONE);
    expect(body).toEqual({
      name: 'Neon cap',
      priceCents: 1250,
      stock: 40,
      limitPerShopper: 2,
      startsAt: product.startsAt,
      endsAt: product.endsAt,
    });
    const changed = { ...initialValues(product), mode: 'plain' as const, buckets: '8' };
    expect(checkProductForm(changed, product, NONE).body).toMatchObject({
      purchaseMode: 'plain',
      buckets: 8,
    });
  });

  it('sends stock as stored (an update ignores it) and clears the end when emptied', () => {
    const product = stored();
    const { body } = checkProductForm(
      { ...initialValues(product), stock: '999', endsAt: '' },
      product,
      NONE,
    );
    expect(body).toMatchObject({ stock: 40, endsAt: null });
  });

  it('passes an ended product saved as loaded (the end is checked against its start)', () => {
    const product = stored({
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      endsAt: new Date(Date.now() - HOUR).toISOString(),
      status: 'ended',
    });
    const { body, fieldErrors } = checkProductForm(initialValues(product), product, NONE);
    expect(fieldErrors).toEqual({});
    expect(confirmationsFor(body!)).toEqual([
      'The sale window is already over: the product will show as ended.',
    ]);
  });
});

describe('changes', () => {
  it('are the fields that differ from the loaded ones', () => {
    const product = stored();
    expect(changedFields(initialValues(product), product)).toEqual(new Set());
    const edited = { ...initialValues(product), price: '13.00', buckets: '2', limit: '5' };
    expect(changedFields(edited, product)).toEqual(new Set(['price', 'limit']));
    expect(changedFields(newForm(), undefined)).toEqual(
      new Set(['sku', 'name', 'price', 'stock', 'limit']),
    );
  });
});

describe('checks', () => {
  it('name each empty or wrong field, and give no body', () => {
    const { fieldErrors, body } = checkProductForm(
      newForm({ sku: '', name: '  ', price: '12.505', stock: '', limit: '' }),
      undefined,
      NONE,
    );
    expect(body).toBeUndefined();
    expect(fieldErrors).toEqual({
      sku: 'Enter a SKU.',
      name: 'Enter a name.',
      price: 'A price like 129 or 129.90.',
      stock: 'Enter the stock.',
      limit: 'Enter the limit.',
    });
  });

  it('refuse a SKU that exists or breaks the pattern', () => {
    const taken = checkProductForm(newForm(), undefined, new Set(['neon-cap']));
    expect(taken.fieldErrors.sku).toMatch(/exists/);
    const bad = checkProductForm(newForm({ sku: 'Neon Cap' }), undefined, NONE);
    expect(bad.fieldErrors.sku).toMatch(/Lower-case/);
  });

  it('refuse an end before the start, an emptied start and emptied buckets on an edit', () => {
    const startsAt = toLocalInput(new Date(Date.now() + 2 * HOUR).toISOString());
    const endsAt = toLocalInput(new Date(Date.now() + HOUR).toISOString());
    const early = checkProductForm(newForm({ startsAt, endsAt }), undefined, NONE);
    expect(early.fieldErrors.endsAt).toBe('The end must come after the start.');
    const product = stored();
    const emptied = { ...initialValues(product), startsAt: '', buckets: '' };
    expect(checkProductForm(emptied, product, NONE).fieldErrors).toMatchObject({
      startsAt: 'Enter a start.',
      buckets: 'Enter the number of buckets.',
    });
  });

  it('place the API’s issues on the form’s fields and keep the others apart', () => {
    expect(
      placeIssues([
        { path: 'priceCents', message: 'Too high.' },
        { path: 'limitPerShopper', message: 'Too many.' },
        { path: 'other', message: 'Odd.' },
      ]),
    ).toEqual({
      fieldErrors: { price: 'Too high.', limit: 'Too many.' },
      unplaced: ['other: Odd.'],
    });
  });
});

describe('confirmations', () => {
  it('ask before a free product or a window that is over, and not otherwise', () => {
    const now = Date.now();
    const base = { name: 'x', priceCents: 100, stock: 1, limitPerShopper: 1 };
    expect(confirmationsFor({ ...base, endsAt: null }, now)).toEqual([]);
    expect(confirmationsFor({ ...base, priceCents: 0 }, now)).toEqual([
      'The price is $0.00: every unit is given away.',
    ]);
    const over = { ...base, endsAt: new Date(now).toISOString() };
    expect(confirmationsFor(over, now)).toEqual([
      'The sale window is already over: the product will show as ended.',
    ]);
  });
});

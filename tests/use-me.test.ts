// When the storefront asks again for the shopper's own units: after a reset (a product's units
// sold went down), not because another product left the sale.
import { describe, expect, it } from 'vitest';
import type { Product } from '@/lib/api-types';
import { soldWentDown } from '@/components/store/use-me';

const product = (sku: string, sold: number) => ({ sku, sold }) as Product;

describe('soldWentDown', () => {
  const before = new Map([
    ['a', 3],
    ['b', 5],
  ]);
  it('is true when a product still listed has sold fewer units (a reset)', () => {
    expect(soldWentDown(before, [product('a', 0), product('b', 5)])).toBe(true);
  });
  it('is false when a product leaves the sale or sales go on', () => {
    expect(soldWentDown(before, [product('a', 3)])).toBe(false);
    expect(soldWentDown(before, [product('a', 4), product('b', 6), product('c', 0)])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { changesBetween, reapply } from '@/components/admin/edit-conflict';
import type { Product } from '@/lib/api-types';

const opened: Product = {
  sku: 'comet-backpack',
  name: 'Comet Backpack',
  priceCents: 8900,
  stock: 250,
  totalStock: 250,
  sold: 0,
  limitPerShopper: 3,
  startsAt: '2026-11-27T12:00:00.000Z',
  endsAt: null,
  status: 'live',
  purchaseMode: 'coalesce',
  buckets: 1,
  image: null,
  version: 1,
  queue: false,
};

describe('an edit refused because another admin saved first', () => {
  it("lists the other admin's changes to edited fields, not stock", () => {
    const current = { ...opened, priceCents: 8000, stock: 200, sold: 50, version: 2 };
    expect(changesBetween(opened, current)).toEqual([
      { label: 'Price', before: '$89.00', after: '$80.00' },
    ]);
  });

  it("reapplies this admin's changed fields onto the current values and keeps theirs elsewhere", () => {
    const at = (name: string, price: string) => ({ name, price, limit: '3' });
    const mine = reapply(
      at('Comet Backpack', '89.00'),
      at('Comet Backpack XL', '89.00'),
      at('Comet Backpack', '80.00'),
    );
    expect(mine).toEqual(at('Comet Backpack XL', '80.00'));
  });
});

// The due index: a sweep visits only products with live holds (what it costs does not depend on
// how many products exist or are archived), placing holds notes the product, a sweep re-scores it
// to its next expiry or takes it out, and an instance's start rebuilds what a lost write left out.
import { describe, expect, it } from 'vitest';
import { rebuildDueIndex } from '@/lib/holds/due-index';
import { placeHold } from '@/lib/holds/place';
import { startHoldSweeper, sweepHolds } from '@/lib/holds/sweeper';
import { archiveProduct } from '@/lib/inventory/retire';
import { appContext } from '@/lib/redis/client';
import { addIdleProducts, counting } from './support/counting';
import { createHoldProduct, makeDue, until } from './support/holds';
import { auditOf, newShopperId } from './support/store';

const scoreOf = async (sku: string) => {
  const { store, keys } = appContext();
  const score = await store.zscore(keys.dueProducts, sku);
  return score === null ? null : Number(score);
};

async function holdOf(sku: string): Promise<{ id: string; expiresAt: number }> {
  const placed = await placeHold({ sku, shopperId: newShopperId(), quantity: 1 });
  if (!placed.ok || !placed.response.hold) throw new Error('no hold');
  return { id: placed.response.hold.id, expiresAt: Date.parse(placed.response.hold.expiresAt) };
}

describe('the due index', () => {
  it('a sweep costs the same with 5 or 205 products without live holds', async () => {
    await addIdleProducts(5, 2);
    const few = counting(appContext());
    await sweepHolds(few.ctx);
    await addIdleProducts(200, 190);
    const many = counting(appContext());
    await sweepHolds(many.ctx);
    expect(many.sent()).toBe(few.sent());
    expect(many.sent()).toBeLessThanOrEqual(2);
  });

  it('placing a hold notes its product at the hold’s expiry; the earliest counts', async () => {
    const sku = await createHoldProduct(5, { holdSeconds: 300 });
    const first = await holdOf(sku);
    await until(async () => (await scoreOf(sku)) === first.expiresAt);
    await holdOf(sku);
    // A later hold never moves the score later.
    await new Promise((resolve) => setImmediate(resolve));
    expect(await scoreOf(sku)).toBe(first.expiresAt);
  });

  it('a sweep re-scores a product to its next expiry, and takes it out once none is left', async () => {
    const sku = await createHoldProduct(5, { holdSeconds: 300 });
    const early = await holdOf(sku);
    const late = await holdOf(sku);
    await makeDue(sku, early.id);
    expect(await sweepHolds(appContext())).toBe(1);
    expect(await scoreOf(sku)).toBe(late.expiresAt);
    await makeDue(sku, late.id);
    expect(await sweepHolds(appContext())).toBe(1);
    expect(await scoreOf(sku)).toBeNull();
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 5, held: 0 });
  });

  it('an archived product’s live holds are still swept', async () => {
    const sku = await createHoldProduct(3);
    const { id } = await holdOf(sku);
    await archiveProduct(sku);
    await makeDue(sku, id);
    expect(await sweepHolds(appContext())).toBe(1);
  });

  it('a product the index lost is found again by the rebuild an instance runs at its start', async () => {
    const sku = await createHoldProduct(3);
    const { id } = await holdOf(sku);
    await makeDue(sku, id);
    const { store, keys } = appContext();
    await until(async () => (await scoreOf(sku)) !== null);
    await store.zrem(keys.dueProducts, sku);
    // Lost: a sweep does not see it.
    expect(await sweepHolds(appContext())).toBe(0);
    expect(await rebuildDueIndex(appContext())).toBeGreaterThanOrEqual(1);
    await store.zrem(keys.dueProducts, sku);
    const sweeper = startHoldSweeper(appContext());
    await until(async () => (await auditOf(sku)).held === 0);
    await sweeper.stop();
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 3, held: 0 });
  });
});

// The sweeper as every instance runs it: started per context, it brings due holds back on sale by
// itself (two instances sweeping the same product, each hold once), and stops when told.
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { placeHold } from '@/lib/holds/place';
import { startHoldSweeper } from '@/lib/holds/sweeper';
import { getProduct } from '@/lib/inventory/catalogue';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { createHoldProduct, makeDue, until } from './support/holds';
import { auditOf, newShopperId } from './support/store';

const contexts: StoreContext[] = [];
function instance(): StoreContext {
  const ctx = createStoreContext(parseConfig({ ...process.env, HOLD_SWEEP_MS: '20' }));
  contexts.push(ctx);
  return ctx;
}
afterAll(async () => {
  for (const ctx of contexts) await closeStoreContext(ctx);
});

describe('the hold sweeper', () => {
  it('sweeps every 200 ms by default: a due unit is back on sale well within a second', () => {
    // A hold falls due between two passes: it is back after at most one interval plus the pass.
    const { HOLD_SWEEP_MS, HOLD_SWEEP_CHUNK } = parseConfig({ ...process.env });
    expect(HOLD_SWEEP_MS).toBe(200);
    expect(HOLD_SWEEP_CHUNK).toBe(200);
  });

  it('two instances sweeping: every due hold comes back once, by itself', async () => {
    const sku = await createHoldProduct(60, { buckets: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const placed = await placeHold({ sku, shopperId: newShopperId(), quantity: 2 });
      if (placed.ok && placed.response.hold) ids.push(placed.response.hold.id);
    }
    expect(ids).toHaveLength(30);
    const sweepers = [startHoldSweeper(instance()), startHoldSweeper(instance())];
    for (const id of ids) await makeDue(sku, id);
    await until(async () => (await getProduct(sku))?.held === 0);
    await Promise.all(sweepers.map((s) => s.stop()));
    expect(await auditOf(sku)).toMatchObject({
      ok: true,
      stock: 60,
      held: 0,
      holdUnits: 0,
      stuckHolds: 0,
    });
  });
});

// Every hold transaction through a connection that loses exactly one EXEC reply (Redis ran it, the
// app never hears so): placing a hold, Place order, Cancel, an expiry sweep and a refund each commit
// once, resolved by their own token on the next try — never a second hold, order or return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { endHold } from '@/lib/holds/end';
import { placeHold } from '@/lib/holds/place';
import { expireChunk } from '@/lib/holds/sweeper';
import { refundOrder } from '@/lib/inventory/refund';
import {
  appContext,
  closeStoreContext,
  createStoreContext,
  type StoreContext,
} from '@/lib/redis/client';
import { startFaultProxy, type FaultProxy } from '../scripts/lib/fault-proxy';
import { faultyTx } from './support/faulty-tx';
import { createHoldProduct, makeDue } from './support/holds';
import { auditOf, newShopperId } from './support/store';

let proxy: FaultProxy;
let lossy: StoreContext;

beforeAll(async () => {
  proxy = await startFaultProxy(Number(new URL(process.env.REDIS_URL!).port));
  lossy = createStoreContext(
    parseConfig({ ...process.env }),
    faultyTx({}, `redis://127.0.0.1:${proxy.port}`),
  );
});

afterAll(async () => {
  await closeStoreContext(lossy);
  await proxy.close();
});

/** Runs `fn` with the next EXEC reply lost, and checks exactly one was. */
async function losingOneReply<T>(fn: () => Promise<T>): Promise<T> {
  const before = proxy.dropped();
  proxy.loseNextExecReply();
  const result = await fn();
  expect(proxy.dropped()).toBe(before + 1);
  return result;
}

describe('hold transactions whose EXEC reply is lost', () => {
  it('a hold is placed once and answered held', async () => {
    const sku = await createHoldProduct(5);
    const placed = await losingOneReply(() =>
      placeHold({ sku, shopperId: newShopperId(), quantity: 2 }, lossy),
    );
    expect(placed).toMatchObject({ ok: true, response: { outcome: 'held', attempts: 2 } });
    const { store, keys } = appContext();
    expect(await store.zcard(keys.holdsDue(sku))).toBe(1);
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 3, held: 2, holdUnits: 2 });
  });

  it('Place order, Cancel, an expiry and a refund each commit once', async () => {
    const sku = await createHoldProduct(6);
    const shopper = newShopperId();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await placeHold({ sku, shopperId: shopper, quantity: 1 });
      if (r.ok && r.response.hold) ids.push(r.response.hold.id);
    }
    const [toOrder, toCancel, toExpire] = ids as [string, string, string];
    const ordered = await losingOneReply(() => endHold(sku, toOrder, 'order', shopper, lossy));
    expect(ordered).toMatchObject({ ok: true, outcome: 'ordered', replay: false });
    const cancelled = await losingOneReply(() => endHold(sku, toCancel, 'cancel', shopper, lossy));
    expect(cancelled).toMatchObject({ ok: true, outcome: 'cancelled', replay: false });
    await makeDue(sku, toExpire);
    const swept = await losingOneReply(() => expireChunk(lossy, sku, [toExpire], 0));
    expect(swept.expired).toHaveLength(1);
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 5, held: 0, sold: 1 });
    const orderId = ordered.ok ? ordered.hold.orderId! : '';
    const refunded = await losingOneReply(() => refundOrder(sku, orderId, lossy));
    expect(refunded).toMatchObject({ ok: true, quantity: 1 });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 6, held: 0, sold: 0 });
  });
});

// Every way a hold ends, raced against another, deterministically: the other end is forced
// between a try's WATCH round trip and its EXEC (faultyTx's beforeExec), on another context (another
// instance: its own connections and instance number). Exactly one wins each time, the loser is
// told what happened, the units move once, and the audit's books add up.
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { endHold, type EndAction } from '@/lib/holds/end';
import { placeHold } from '@/lib/holds/place';
import { expireChunk, sweepProduct } from '@/lib/holds/sweeper';
import { getProduct } from '@/lib/inventory/catalogue';
import { refundOrder } from '@/lib/inventory/refund';
import {
  appContext,
  closeStoreContext,
  createStoreContext,
  type StoreContext,
} from '@/lib/redis/client';
import { faultyTx } from './support/faulty-tx';
import { createHoldProduct, makeDue, until } from './support/holds';
import { auditOf, newShopperId } from './support/store';

const contexts: StoreContext[] = [];
function instance(hooks: Parameters<typeof faultyTx>[0] = {}): StoreContext {
  const ctx = createStoreContext(parseConfig({ ...process.env }), faultyTx(hooks));
  contexts.push(ctx);
  return ctx;
}
afterAll(async () => {
  for (const ctx of contexts) await closeStoreContext(ctx);
});

/** A context whose first try runs `change` right before its EXEC. */
const racing = (change: () => Promise<unknown>) =>
  instance({ beforeExec: async (_conn, attempt) => void (attempt === 1 && (await change())) });

async function heldUnits(stock: number, quantity: number, holdSeconds = 300, buckets = 1) {
  const sku = await createHoldProduct(stock, { holdSeconds, buckets });
  const shopper = newShopperId();
  const placed = await placeHold({ sku, shopperId: shopper, quantity });
  if (!placed.ok || !placed.response.hold) throw new Error('no hold');
  return { sku, shopper, id: placed.response.hold.id, expiresAt: placed.response.hold.expiresAt };
}

describe('a shopper or admin end racing another end', () => {
  const cases: [EndAction, EndAction, string][] = [
    ['order', 'cancel', 'hold_cancelled'],
    ['cancel', 'order', 'hold_ordered'],
    ['order', 'release', 'hold_cancelled'],
    ['release', 'order', 'hold_ordered'],
  ];
  it.each(cases)('%s loses to %s forced before its EXEC: told %s', async (loser, winner, told) => {
    const { sku, shopper, id } = await heldUnits(5, 2);
    const other = () => endHold(sku, id, winner, winner === 'release' ? undefined : shopper);
    const first = racing(other);
    const result = await endHold(sku, id, loser, loser === 'release' ? undefined : shopper, first);
    expect(result).toMatchObject({ ok: false, reason: told, conflicts: 1 });
    const ordered = winner === 'order';
    expect(await auditOf(sku)).toMatchObject({
      ok: true,
      held: 0,
      holdUnits: 0,
      stock: ordered ? 3 : 5,
      sold: ordered ? 2 : 0,
    });
  });
});

describe('Place order racing the expiry', () => {
  it('the sweep commits first: the order is told hold_expired, the units are back once', async () => {
    const { sku, shopper, id, expiresAt } = await heldUnits(4, 1, 2);
    const sweeper = instance();
    let swept = 0;
    const order = racing(async () => {
      // Time passes between the order's read and its EXEC: the hold falls due and is swept.
      await until(() => Date.now() >= Date.parse(expiresAt));
      swept = (await expireChunk(sweeper, sku, [id], 0)).expired.length;
    });
    const result = await endHold(sku, id, 'order', shopper, order);
    expect(swept).toBe(1);
    expect(result).toMatchObject({ ok: false, reason: 'hold_expired', hold: { state: 'expired' } });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 4, held: 0, sold: 0 });
  });

  it('the order commits first (decided before the expiry): the sweep finds nothing to expire', async () => {
    const { sku, shopper, id, expiresAt } = await heldUnits(4, 1, 2);
    let sweeperRead!: () => void;
    const read = new Promise<void>((resolve) => (sweeperRead = resolve));
    let orderDone!: () => void;
    const done = new Promise<void>((resolve) => (orderDone = resolve));
    const sweeper = instance({
      beforeExec: async (_conn, attempt) => {
        if (attempt !== 1) return;
        sweeperRead();
        await done;
      },
    });
    let sweep: ReturnType<typeof expireChunk> | undefined;
    const order = racing(async () => {
      await until(() => Date.now() >= Date.parse(expiresAt));
      // The sweeper reads the hold held and due, and waits before its EXEC…
      sweep = expireChunk(sweeper, sku, [id], 1);
      await read;
      // …while the order, decided before the hold fell due, commits first.
    });
    const result = await endHold(sku, id, 'order', shopper, order);
    orderDone();
    const chunk = await sweep!;
    expect(result).toMatchObject({ ok: true, outcome: 'ordered', conflicts: 0 });
    expect(chunk).toMatchObject({ expired: [], conflicts: 1 });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 3, held: 0, sold: 1 });
  });
});

describe('two sweepers on two instances', () => {
  it('one hold: the second sweeper aborts and finds it expired already', async () => {
    const { sku, id } = await heldUnits(6, 3, 300, 2);
    await makeDue(sku, id);
    const second = instance();
    let secondExpired = 0;
    const first = racing(async () => {
      secondExpired = (await expireChunk(second, sku, [id], 1)).expired.length;
    });
    const chunk = await expireChunk(first, sku, [id], 0);
    expect(secondExpired).toBe(1);
    expect(chunk).toMatchObject({ expired: [], conflicts: 1 });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 6, held: 0 });
  });

  it('500 holds due at once, three instances sweeping together: each expired once', async () => {
    const sku = await createHoldProduct(500, { buckets: 3 });
    const ids = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const r = await placeHold({ sku, shopperId: newShopperId(), quantity: 1 });
        return r.ok ? r.response.hold!.id : '';
      }),
    );
    expect(ids.filter(Boolean)).toHaveLength(500);
    for (const id of ids) await makeDue(sku, id);
    const sweepers = [instance(), instance(), instance()];
    const counts = await Promise.all(
      sweepers.map((ctx, i) => sweepProduct(ctx, sku, i, Date.now())),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(500);
    expect(await getProduct(sku)).toMatchObject({ stock: 500, held: 0 });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 500, held: 0, stuckHolds: 0 });
  });
});

describe('two refunds of one order', () => {
  it('the second refund, forced before the first EXEC, wins; the first is told order_cancelled', async () => {
    const { sku, shopper, id } = await heldUnits(5, 2);
    const ordered = await endHold(sku, id, 'order', shopper);
    if (!ordered.ok) throw new Error('not ordered');
    const orderId = ordered.hold.orderId!;
    const first = racing(() => refundOrder(sku, orderId));
    const result = await refundOrder(sku, orderId, first);
    expect(result).toEqual({ ok: false, reason: 'order_cancelled' });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 5, sold: 0, orderUnits: 0 });
  });

  it('many refunds of one order at once: exactly one refunded', async () => {
    const { sku, shopper, id } = await heldUnits(5, 1);
    const ordered = await endHold(sku, id, 'order', shopper);
    const orderId = ordered.ok ? ordered.hold.orderId! : '';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        refundOrder(sku, orderId, i % 2 ? appContext() : instance()),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'order_cancelled')).toHaveLength(19);
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 5, sold: 0 });
  });
});

// One hung EXEC must not stall its product: transaction connections time out after
// TX_COMMAND_TIMEOUT_MS (on a single node as on Cluster), the timed-out connection is fenced, and
// the product's admission lane answers the buyers waiting behind it while the EXEC is still held.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { audit } from '@/lib/inventory/audit';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { createTxPools } from '@/lib/redis/tx-pool';
import { startFaultProxy, type FaultProxy } from '../scripts/lib/fault-proxy';
import { newShopperId } from './support/store';

let proxy: FaultProxy;
let ctx: StoreContext;

beforeAll(async () => {
  proxy = await startFaultProxy(Number(new URL(process.env.REDIS_URL!).port));
  const cfg = parseConfig({
    ...process.env,
    TX_COMMAND_TIMEOUT_MS: '1000',
    PURCHASE_MODE: 'coalesce',
    ADMISSION_IN_FLIGHT: '1',
  });
  ctx = createStoreContext(cfg, (c, store) =>
    createTxPools(c, store, `redis://127.0.0.1:${proxy.port}`),
  );
});

afterAll(async () => {
  await closeStoreContext(ctx);
  await proxy.close();
});

describe('a hung EXEC on a single node', () => {
  it('gives transaction connections TX_COMMAND_TIMEOUT_MS', async () => {
    const lease = await ctx.tx.acquire(ctx.keys.product('any'));
    expect(lease.conn.options.commandTimeout).toBe(1000);
    lease.release();
  });

  // Bounded by condition: every buyer is answered while the proxy still holds the first EXEC.
  it('times out, and the lane answers every waiting buyer before the EXEC is let go', async () => {
    const sku = `hung-${randomBytes(4).toString('hex')}`;
    await upsertProduct(sku, { name: 'Hung', priceCents: 100, stock: 10, limitPerShopper: 5 }, ctx);
    const held = proxy.holdNextExec();
    const buy = () => purchase({ sku, shopperId: newShopperId(), quantity: 1 }, ctx);
    const first = buy();
    await held.caught;
    // The lane's one transaction is in flight: these wait in its queue behind the held EXEC.
    const waiting = Array.from({ length: 5 }, buy);
    const answers = await Promise.all([first, ...waiting]);
    // Only now is the held EXEC delivered: its connection was fenced, so it never runs.
    expect(await held.release()).toBe('lost');
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: true, response: { outcome: 'purchased' } });
    }
    expect(answers[0]).toMatchObject({ response: { attempts: 2, batch: 1 } });
    const row = (await audit(ctx)).products.find((p) => p.sku === sku);
    expect(row).toMatchObject({ ok: true, sold: 6, orderUnits: 6 });
  }, 30_000);
});

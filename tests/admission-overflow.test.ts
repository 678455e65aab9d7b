// A product's admission queue that is full answers the next buyer at once with the contract's
// `contention` (503, Retry-After, nothing bought), while the buyers already queued are served.
// The lane is held busy by an EXEC the fault proxy keeps back, so the queue fills by condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { startFaultProxy, type FaultProxy } from '../scripts/lib/fault-proxy';
import { appContext, closeAppContext, unlinkMatching } from '@/lib/redis/client';
import { configureApp } from './support/app-config';
import { params, req, shopperCookie } from './support/http';
import { auditOf, createProduct } from './support/store';

const QUEUE_MAX = 2;
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(Number(new URL(process.env.REDIS_URL!).port));
  // The whole app context reaches Redis through the proxy; set before anything uses the context.
  configureApp({
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    PURCHASE_MODE: 'coalesce',
    ADMISSION_IN_FLIGHT: '1',
    ADMISSION_QUEUE_MAX: String(QUEUE_MAX),
    // Longer than this test: the held EXEC must not time out and free the lane on its own.
    TX_COMMAND_TIMEOUT_MS: '60000',
  });
});

afterAll(async () => {
  // Before the proxy goes: the per-file clean-up would find the store unreachable.
  await unlinkMatching(appContext(), appContext().keys.everything);
  await closeAppContext();
  await proxy.close();
});

describe('admission overflow', () => {
  it('answers the buyer past ADMISSION_QUEUE_MAX at once with 503 contention, nothing bought', async () => {
    const sku = await createProduct(10);
    const cookies = await Promise.all(Array.from({ length: QUEUE_MAX + 2 }, shopperCookie));
    const buy = (cookie: string) =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
    const held = proxy.holdNextExec();
    const first = buy(cookies[0]!);
    await held.caught;
    // The lane's one transaction is held: of these, QUEUE_MAX wait and one finds the queue full.
    const rest = cookies.slice(1).map(buy);
    // Only the refused one can be answered while the EXEC is held.
    const refused = await Promise.race(rest);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
    expect(await refused.json()).toMatchObject({
      outcome: 'contention',
      sku,
      quantity: 1,
      remaining: 0,
      attempts: 0,
      conflicts: 0,
      batch: 0,
    });
    expect(await held.release()).toBe('ran');
    const served = await Promise.all([first, ...rest]);
    expect(served.map((r) => r.status).sort()).toEqual([200, 200, 200, 503]);
    expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 3 });
  });
});

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { auditOf, createProduct } from './support/store';

type ChildResult = {
  counts: Record<string, number>;
  conflicts: number;
  elapsedMs: number;
  lastPurchaseAt: number;
};
type Buyer = { ready: Promise<void>; go: () => void; done: Promise<ChildResult> };

/** An OS process buying through the lib; it connects, says ready, and buys on `go()`. */
function startBuyer(env: Record<string, string>): Buyer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/buyer-process.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`buyer process exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
  return { ready, done, go: () => child.send('go', () => child.disconnect()) };
}

describe.each(['plain', 'coalesce'] as const)(
  'four OS processes buying at once (%s mode)',
  (mode) => {
    it('sell exactly the stock of 500 in 2,000 attempts, with real conflicts', async () => {
      const sku = await createProduct(500);
      const buyers = Array.from({ length: 4 }, () =>
        startBuyer({ BUY_SKU: sku, BUY_COUNT: '500', BUY_CONCURRENCY: '32', PURCHASE_MODE: mode }),
      );
      await Promise.all(buyers.map((b) => b.ready));
      const started = performance.now();
      const startedAt = Date.now();
      buyers.forEach((b) => b.go());
      const results = await Promise.all(buyers.map((b) => b.done));
      const wallMs = performance.now() - started;
      const sum = (outcome: string) => results.reduce((n, r) => n + (r.counts[outcome] ?? 0), 0);
      const purchased = sum('purchased');
      const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
      const sellingMs = Math.max(1, Math.max(...results.map((r) => r.lastPurchaseAt)) - startedAt);
      console.log(
        `[${mode}] purchased ${purchased}, sold_out ${sum('sold_out')}, contention ${sum('contention')}, ` +
          `conflicts ${conflicts} (${(conflicts / purchased).toFixed(2)} per sale), ` +
          `${Math.round(2000 / (wallMs / 1000))} answers/s over ${Math.round(wallMs)} ms, ` +
          `${Math.round(purchased / (sellingMs / 1000))} purchases/s until the last sale (${sellingMs} ms)`,
      );
      expect(purchased + sum('sold_out') + sum('contention')).toBe(2000);
      expect(purchased).toBeLessThanOrEqual(500);
      expect(await auditOf(sku)).toMatchObject({
        ok: true,
        sold: purchased,
        stock: 500 - purchased,
      });
      // 128 buyers in four processes on one key: some EXECs must have lost their race.
      expect(conflicts).toBeGreaterThan(0);
      // Contention is bounded: the stock sells while buyers still want it.
      expect(purchased).toBeGreaterThan(mode === 'plain' ? 0 : 490);
    });
  },
);

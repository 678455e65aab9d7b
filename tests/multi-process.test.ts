import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { auditOf, createProduct } from './support/store';

type ChildResult = { counts: Record<string, number>; conflicts: number; elapsedMs: number };

function runBuyer(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/buyer-process.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`buyer process exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

describe.each(['plain', 'coalesce'] as const)(
  'four OS processes buying at once (%s mode)',
  (mode) => {
    it('sell exactly the stock of 500 in 2,000 attempts, with real conflicts', async () => {
      const sku = await createProduct(500);
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          runBuyer({ BUY_SKU: sku, BUY_COUNT: '500', BUY_CONCURRENCY: '32', PURCHASE_MODE: mode }),
        ),
      );
      const wallMs = performance.now() - started;
      const sum = (outcome: string) => results.reduce((n, r) => n + (r.counts[outcome] ?? 0), 0);
      const purchased = sum('purchased');
      const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
      const slowest = Math.max(...results.map((r) => r.elapsedMs));
      console.log(
        `[${mode}] purchased ${purchased}, sold_out ${sum('sold_out')}, contention ${sum('contention')}, ` +
          `conflicts ${conflicts} (${(conflicts / purchased).toFixed(2)} per sale), ` +
          `${Math.round(purchased / (slowest / 1000))} purchases/s in the buyers (${Math.round(wallMs)} ms with process start)`,
      );
      expect(purchased + sum('sold_out') + sum('contention')).toBe(2000);
      expect(purchased).toBeLessThanOrEqual(500);
      expect(await auditOf(sku)).toMatchObject({
        ok: true,
        sold: purchased,
        stock: 500 - purchased,
      });
      // With 128 buyers on one key no run sells out without losing races: contention really happened.
      expect(conflicts).toBeGreaterThan(0);
      // Contention is bounded: almost every unit sells while buyers still want it.
      expect(purchased).toBeGreaterThan(mode === 'plain' ? 0 : 490);
    });
  },
);

import type { StoreContext } from '@/lib/redis/client';
import { createProduct } from './store';

/**
 * `ctx` with a shared client that counts the commands sent through it (the real client and
 * Redis underneath): for checks that some work does not grow with the catalogue.
 */
export function counting(ctx: StoreContext): { ctx: StoreContext; sent: () => number } {
  let sent = 0;
  const store = new Proxy(ctx.store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        sent++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ctx: { ...ctx, store }, sent: () => sent };
}

/** `n` products without holds, the first `archived` of them archived, made through the lib. */
export async function addIdleProducts(n: number, archived: number): Promise<void> {
  const { archiveProduct } = await import('@/lib/inventory/retire');
  const tag = Math.random().toString(36).slice(2, 8);
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const sku = await createProduct(5, 5, `idle-${tag}-${i}`);
      if (i < archived) await archiveProduct(sku);
    }),
  );
}

import type { StoreContext } from '@/lib/redis/client';

/**
 * State kept per store context (one per Redis connection set: the app's, or a test's), made on
 * first use and gone with its context: `const seen = perContext(() => new Map())`, then
 * `seen(ctx)` is that context's map, or `seen.peek(ctx)` without making one.
 */
export function perContext<T>(make: () => T): ((ctx: StoreContext) => T) & {
  peek(ctx: StoreContext): T | undefined;
} {
  const states = new WeakMap<StoreContext, T>();
  const of = (ctx: StoreContext): T => {
    let state = states.get(ctx);
    if (state === undefined) {
      state = make();
      states.set(ctx, state);
    }
    return state;
  };
  return Object.assign(of, { peek: (ctx: StoreContext) => states.get(ctx) });
}

import { onStockEvent } from '@/lib/inventory/stock-events';
import { appContext, type StoreContext, type Subscription } from '@/lib/redis/client';

type Entry = { epoch: number; at: number; value?: unknown; loading?: Promise<unknown> };

export type ReadCacheOptions = {
  /** How long a loaded value is served from memory; 0 shares only the reads in flight. */
  ttlMs: number;
  /** Entries kept at most; past it the cache starts over (SKU-keyed reads come from the URL). */
  maxEntries?: number;
  /** The clock, so a test can move it. */
  now?: () => number;
};

export type ReadCacheCounts = { loads: number; hits: number; joined: number };

/**
 * An in-memory cache of identical reads: concurrent callers of one key share one load in flight,
 * and a loaded value is served for `ttlMs`. `invalidate()` makes every later read load afresh,
 * and a load that started before it is never served after it.
 */
export type ReadCache = {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
  counts(): ReadCacheCounts;
};

/** Creates a read cache; the app's own is `readCache()`, invalidated by stock events. */
export function createReadCache({
  ttlMs,
  maxEntries = 1000,
  now = Date.now,
}: ReadCacheOptions): ReadCache {
  const entries = new Map<string, Entry>();
  let epoch = 0;
  const counts: ReadCacheCounts = { loads: 0, hits: 0, joined: 0 };

  function read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const entry = entries.get(key);
    if (entry?.epoch === epoch) {
      if ('value' in entry && now() - entry.at < ttlMs) {
        counts.hits++;
        return Promise.resolve(entry.value as T);
      }
      if (entry.loading) {
        counts.joined++;
        return entry.loading as Promise<T>;
      }
    }
    if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
    counts.loads++;
    const started = now();
    const next: Entry = { epoch, at: started };
    const loading = load().then(
      (value) => {
        // A newer load or an invalidation replaced this entry: leave it as it is.
        if (entries.get(key) === next) {
          next.value = value;
          delete next.loading;
        }
        return value;
      },
      (error: unknown) => {
        if (entries.get(key) === next) entries.delete(key);
        throw error;
      },
    );
    next.loading = loading;
    entries.set(key, next);
    return loading;
  }

  return {
    read,
    invalidate: () => {
      epoch++;
      entries.clear();
    },
    counts: () => ({ ...counts }),
  };
}

type AppReadCache = { cache: ReadCache; events: Subscription };
// On globalThis, like the app's context, so dev hot reloads reuse it with its subscription.
const globalRef = globalThis as typeof globalThis & {
  __stockrushReadCaches?: WeakMap<StoreContext, AppReadCache>;
};

function appReadCache(ctx: StoreContext): AppReadCache {
  const caches = (globalRef.__stockrushReadCaches ??= new WeakMap());
  let found = caches.get(ctx);
  if (!found) {
    const cache = createReadCache({ ttlMs: ctx.config.READ_CACHE_MS });
    const events = onStockEvent(ctx, cache.invalidate, cache.invalidate);
    found = { cache, events };
    caches.set(ctx, found);
  }
  return found;
}

/**
 * The instance's read cache for the public reads of a context (READ_CACHE_MS). A stock event from
 * any instance (sale, restock, edit, reset) empties it at once; while the subscription is down
 * only the short lifetime bounds how stale it can be, and each time it comes back it starts over.
 */
export function readCache(ctx: StoreContext = appContext()): ReadCache {
  return appReadCache(ctx).cache;
}

/** True while stock events are sure to reach this instance's read cache. */
export function readCacheIsLive(ctx: StoreContext = appContext()): boolean {
  return appReadCache(ctx).events.isLive();
}

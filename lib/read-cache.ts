import { config } from '@/lib/config';
import { appContext, subscribe, type StoreContext, type Subscription } from '@/lib/redis/client';

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
const globalRef = globalThis as typeof globalThis & { __stockrushReadCache?: AppReadCache };

/**
 * The instance's read cache for the public reads (READ_CACHE_MS). A stock event from any instance
 * (restock, edit, reset, sale) empties it at once; while the subscription is down only the short
 * lifetime bounds how stale it can be, and each time it comes back the cache starts over.
 */
export function readCache(): ReadCache {
  if (!globalRef.__stockrushReadCache) {
    const cache = createReadCache({ ttlMs: config().READ_CACHE_MS });
    const ctx = appContext();
    const events = subscribe(ctx, ctx.keys.stockEvents, cache.invalidate, cache.invalidate);
    globalRef.__stockrushReadCache = { cache, events };
  }
  return globalRef.__stockrushReadCache.cache;
}

/** True while stock events are sure to reach this instance's read cache. */
export function readCacheIsLive(): boolean {
  return globalRef.__stockrushReadCache?.events.isLive() ?? false;
}

/** Empties this instance's read cache now (a write here; the stock event reaches the others). */
export function invalidateReads(): void {
  globalRef.__stockrushReadCache?.cache.invalidate();
}

/**
 * Tells every instance that units of `skus` were sold, once they are in the store: this
 * instance's read cache empties at once, the others' when the stock event reaches them.
 */
export async function announceSales(ctx: StoreContext, skus: Iterable<string>): Promise<void> {
  const { store, keys } = ctx;
  await Promise.allSettled([...new Set(skus)].map((sku) => store.publish(keys.stockEvents, sku)));
  globalRef.__stockrushReadCache?.cache.invalidate();
}

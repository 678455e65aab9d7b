import type { LogEntry } from '@/lib/api-types';
import { appContext, type StoreContext } from '@/lib/redis/client';

/**
 * The newest `limit` log entries, newest first, optionally of one SKU only: one LRANGE of the
 * overall log or of the product's own, so a filtered read costs what it returns.
 */
export async function readLog(
  limit: number,
  sku?: string,
  ctx: StoreContext = appContext(),
): Promise<LogEntry[]> {
  const { store, keys } = ctx;
  const key = sku ? keys.productLog(sku) : keys.log;
  return (await store.lrange(key, 0, limit - 1)).map((raw) => JSON.parse(raw) as LogEntry);
}

import type { LogEntry } from '@/lib/api-types';
import { shared } from '@/lib/redis/client';

const CHUNK = 500;

/** The newest `limit` log entries, newest first, optionally of one SKU only. */
export async function readLog(limit: number, sku?: string): Promise<LogEntry[]> {
  const { store, keys } = shared();
  if (!sku) {
    return (await store.lrange(keys.log, 0, limit - 1)).map((raw) => JSON.parse(raw) as LogEntry);
  }
  const entries: LogEntry[] = [];
  // Walk the capped list in chunks until enough entries of the SKU are found.
  for (let start = 0; ; start += CHUNK) {
    const chunk = await store.lrange(keys.log, start, start + CHUNK - 1);
    for (const raw of chunk) {
      const entry = JSON.parse(raw) as LogEntry;
      if (entry.sku === sku) entries.push(entry);
      if (entries.length === limit) return entries;
    }
    if (chunk.length < CHUNK) return entries;
  }
}

import type { LogEntry, PurchaseOutcome } from '@/lib/api-types';
import { shared } from '@/lib/redis/client';

const CHUNK = 500;

function toEntry(id: string, flat: string[]): LogEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
  return {
    id,
    at: new Date(Number(f.at)).toISOString(),
    sku: f.sku ?? '',
    shopper: f.shopper ?? '',
    outcome: (f.outcome ?? 'contention') as PurchaseOutcome,
    quantity: Number(f.quantity ?? 0),
    attempts: Number(f.attempts ?? 0),
    conflicts: Number(f.conflicts ?? 0),
    latencyMs: Number(f.latencyMs ?? 0),
    ...(f.replay ? { replay: true } : {}),
  };
}

/** The newest `limit` log entries, newest first, optionally of one SKU only. */
export async function readLog(limit: number, sku?: string): Promise<LogEntry[]> {
  const { store, keys } = shared();
  const entries: LogEntry[] = [];
  let end = '+';
  // Walk back through the capped stream in chunks until enough entries of the SKU are found.
  for (;;) {
    const count = sku ? CHUNK : limit;
    const chunk = await store.xrevrange(keys.log, end, '-', 'COUNT', count);
    for (const [id, flat] of chunk) {
      const entry = toEntry(id, flat);
      if (!sku || entry.sku === sku) entries.push(entry);
      if (entries.length === limit) return entries;
    }
    const last = chunk.at(-1);
    if (!sku || chunk.length < count || !last) return entries;
    end = `(${last[0]}`;
  }
}

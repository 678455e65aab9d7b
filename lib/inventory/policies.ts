import type { Config } from '@/lib/config';
import type { WatchPolicy } from '@/lib/redis/watched';

/**
 * How hard a watched write tries, from the configuration. Admin writes retry longer than
 * purchases (an admin waits, a crowd does not) and back off less, so a restock lands between a
 * crowd's batches. With DURABILITY=replica a write is confirmed only once a replica has it.
 */
export function watchPolicy(cfg: Config, kind: 'purchase' | 'admin'): WatchPolicy {
  const purchase = kind === 'purchase';
  return {
    maxAttempts: purchase ? cfg.PURCHASE_MAX_ATTEMPTS : cfg.ADMIN_WRITE_MAX_ATTEMPTS,
    backoffBaseMs: cfg.PURCHASE_BACKOFF_BASE_MS,
    backoffMaxMs: purchase ? cfg.PURCHASE_BACKOFF_MAX_MS : cfg.ADMIN_WRITE_BACKOFF_MAX_MS,
    maxStoreErrors: cfg.STORE_ERROR_RETRIES,
    ...(cfg.DURABILITY === 'replica'
      ? { confirm: { replicas: 1, timeoutMs: cfg.REPLICA_WAIT_MS } }
      : {}),
  };
}

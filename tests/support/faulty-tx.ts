// A transaction-connection source that runs a hook before each try's read (the WATCH round
// trip) and before its EXEC: a test uses them to change a watched key, kill the connection or
// count tries, at exactly that point of the transaction. It can also replace the leases' fence.
import type { Redis } from 'ioredis';
import type { Config } from '@/lib/config';
import type { Store } from '@/lib/redis/client';
import { createTxPools, type TxSource } from '@/lib/redis/tx-pool';

/** `attempt` counts the connections lent so far (1 for the first try). */
export type TxHooks = {
  beforeRead?: (conn: Redis, attempt: number) => Promise<void>;
  beforeExec?: (conn: Redis, attempt: number) => Promise<void>;
  /** Stands in for a lease's fence (e.g. one that fails as if the node were out of reach). */
  fence?: () => Promise<void>;
};

type Queue = { exec: () => Promise<unknown> };

function hookExec<Q extends Queue>(queue: Q, hook: (() => Promise<void>) | undefined): Q {
  if (!hook) return queue;
  const exec = queue.exec.bind(queue);
  queue.exec = async () => {
    await hook();
    return exec();
  };
  return queue;
}

/** A TxSource factory for createStoreContext, with `hooks` around every try. */
export function faultyTx(hooks: TxHooks, url?: string) {
  return (cfg: Config, store: Store): TxSource => {
    const real = createTxPools(cfg, store, url);
    let attempt = 0;
    return {
      ...real,
      async acquire(key) {
        const lease = await real.acquire(key);
        const n = ++attempt;
        const { conn } = lease;
        const before = (hook?: (c: Redis, a: number) => Promise<void>) =>
          hook && (() => hook(conn, n));
        const wrapped = new Proxy(conn, {
          get(target, property, receiver) {
            if (property === 'pipeline') {
              return () => hookExec(target.pipeline(), before(hooks.beforeRead));
            }
            if (property === 'multi') {
              return () => hookExec(target.multi(), before(hooks.beforeExec));
            }
            const value: unknown = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        return { ...lease, conn: wrapped, ...(hooks.fence ? { fence: hooks.fence } : {}) };
      },
    };
  };
}

import { Cluster, Redis } from 'ioredis';
import { config } from '@/lib/config';
import { keysFor, type Keys } from './keys';

export type Store = Redis | Cluster;

type Shared = { store: Store; keys: Keys };

const globalRef = globalThis as typeof globalThis & { __stockrushShared?: Shared };

/** Parses `host:port,host:port` into Cluster seed nodes. */
export function clusterSeeds(list: string): { host: string; port: number }[] {
  return list.split(',').map((node) => {
    const [host = '127.0.0.1', port = '6379'] = node.split(':');
    return { host, port: Number(port) };
  });
}

function createStore(): Store {
  const cfg = config();
  // Plain reads and the log: auto-pipelined, failing fast (one retry) when the store is away.
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 3000 };
  const store: Store = cfg.REDIS_CLUSTER_NODES
    ? new Cluster(clusterSeeds(cfg.REDIS_CLUSTER_NODES), {
        enableAutoPipelining: true,
        redisOptions: options,
      })
    : new Redis(cfg.REDIS_URL, { ...options, enableAutoPipelining: true });
  // Without a listener ioredis would print every reconnect failure as an unhandled error.
  store.on('error', () => {});
  return store;
}

/**
 * The shared client and key names, created once per process (kept on globalThis so dev hot
 * reloads reuse it). Only for plain reads and non-transactional writes: never WATCH on it.
 */
export function shared(): Shared {
  globalRef.__stockrushShared ??= { store: createStore(), keys: keysFor(config().REDIS_PREFIX) };
  return globalRef.__stockrushShared;
}

/** True while the shared client holds a live connection. */
export function isConnected(): boolean {
  const store = globalRef.__stockrushShared?.store;
  return store?.status === 'ready';
}

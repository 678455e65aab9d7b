import { Cluster, Redis } from 'ioredis';
import type { Config } from '@/lib/config';
import { toStoreError } from './errors';

export type Store = Redis | Cluster;

/** Parses `host:port,host:port` into Cluster seed nodes. */
export function clusterSeeds(list: string): { host: string; port: number }[] {
  return list.split(',').map((node) => {
    const [host = '127.0.0.1', port = '6379'] = node.split(':');
    return { host, port: Number(port) };
  });
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as Promise<unknown> | undefined)?.then === 'function';

/**
 * Every rejected call of `target` (a command, or a pipeline's `exec`) rejects with the store
 * layer's error classes instead of ioredis's, so callers and the HTTP layer tell "unreachable"
 * from "wrong command" by type.
 */
function typedErrors<T extends object>(target: T): T {
  const proxy: T = new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (isPromise(result)) {
          return result.catch((error: unknown) => Promise.reject(toStoreError(error)));
        }
        // pipeline() and multi() hand back a command queue whose exec must be typed too, and a
        // Cluster's nodes() the clients of its nodes.
        if (property === 'pipeline' || property === 'multi') return typedErrors(result as object);
        if (property === 'nodes') return (result as object[]).map((node) => typedErrors(node));
        return result === object ? proxy : result;
      };
    },
  });
  return proxy;
}

/** Commands defined on the client after it is made (rate-limiter-flexible's `rlflxIncr`). */
export const LATE_COMMANDS = ['rlflxIncr'];

/** The shared client of a configuration: auto-pipelined, failing fast when the store is away. */
export function createStore(cfg: Config): Store {
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 3000 };
  // The rate limiters define their Lua command on this client when first used: an auto-pipeline
  // already open in that tick (the hold sweeper's, any request's) lacks it and would fail the
  // call and misalign the batch's replies (ioredis#1931). Such commands go out on their own.
  const pipelining = { enableAutoPipelining: true, autoPipeliningIgnoredCommands: LATE_COMMANDS };
  const store: Store = cfg.REDIS_CLUSTER_NODES
    ? new Cluster(clusterSeeds(cfg.REDIS_CLUSTER_NODES), { ...pipelining, redisOptions: options })
    : new Redis(cfg.REDIS_URL, { ...options, ...pipelining });
  // Without a listener ioredis would print every reconnect failure as an unhandled error.
  store.on('error', () => {});
  return typedErrors(store);
}

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

const subscribers: Store[] = [];

/** A channel subscription; messages are only sure to arrive while it is live. */
export type Subscription = { isLive: () => boolean };

/**
 * Subscribes to `channel` on a connection of its own. `onLive` runs each time the subscription
 * is (re-)established: messages published while it was not live may have been missed.
 */
export function subscribe(
  channel: string,
  onMessage: (message: string) => void,
  onLive: () => void,
): Subscription {
  const { store } = shared();
  const subscriber: Store = store instanceof Cluster ? store.duplicate() : store.duplicate();
  subscribers.push(subscriber);
  let live = false;
  const establish = () =>
    subscriber.subscribe(channel).then(
      () => {
        onLive();
        live = true;
      },
      () => {},
    );
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, message: string) => onMessage(message));
  subscriber.on('close', () => {
    live = false;
  });
  let readyOnce = false;
  subscriber.on('ready', () => {
    if (readyOnce) void establish();
    readyOnce = true;
  });
  void establish();
  return { isLive: () => live };
}

/** Every key name matching `pattern` is removed, on every master (reset, test clean-up). */
export async function unlinkMatching(pattern: string): Promise<void> {
  const { store } = shared();
  const nodes = store instanceof Cluster ? store.nodes('master') : [store];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      // One key per command: on Cluster the keys of one node still live in different slots.
      if (found.length) await Promise.all(found.map((key) => node.unlink(key)));
    } while (cursor !== '0');
  }
}

/** Closes the shared client and subscribers of this process (scripts and tests). */
export function closeShared(): void {
  for (const s of subscribers.splice(0)) s.disconnect();
  globalRef.__stockrushShared?.store.disconnect();
  delete globalRef.__stockrushShared;
}

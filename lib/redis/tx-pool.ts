import calculateSlot from 'cluster-key-slot';
import { createPool, type Pool } from 'generic-pool';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '@/lib/config';
import type { Store } from './store';
import { StoreContentionError, StoreUnavailableError } from './errors';

/**
 * A transaction connection never reconnects, queues or resends: a reconnect silently drops WATCH,
 * and a resent MULTI…EXEC can run unguarded or twice. When it closes it is thrown away. Its
 * command timeout (TX_COMMAND_TIMEOUT_MS, the same on both topologies) is set per pool.
 */
const TX_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  enableAutoPipelining: false,
  retryStrategy: () => null,
  lazyConnect: true,
  connectTimeout: 2000,
};

/** The CLIENT LIST name of an app's transaction connections (operators, fault-injection tests). */
export function txConnectionName(prefix: string): string {
  return `stockrush-tx:${prefix}`;
}

/** A connection lent for one watched transaction; hand it back exactly once. */
export type TxLease = {
  conn: Redis;
  /** Back to the pool: its WATCH must already be cleared (EXEC or UNWATCH). */
  release: () => void;
  /** Thrown away: after an error its state (and any WATCH) is unknown. */
  discard: () => void;
  /**
   * Makes sure the server runs nothing more from this connection, even a command still on its
   * way (CLIENT KILL ID from another connection of the same node); resolves once the server has
   * dropped it, or had already. Usable after `discard`. Rejects when the node cannot be reached.
   */
  fence: () => Promise<void>;
};

/** Where watched transactions get their dedicated connections. */
export type TxSource = {
  /** A connection on the node that owns `key`, waiting at most TX_ACQUIRE_TIMEOUT_MS. */
  acquire: (key: string) => Promise<TxLease>;
  /** After a failed transaction on Cluster the slot may have moved: learn the slot map again. */
  refreshTopology: () => void;
  close: () => Promise<void>;
};

type NodePool = { pool: Pool<Redis>; lastCreateError: number };

const SINGLE = 'single';

/** Waits (bounded) until the Cluster client has connected and learnt the slot map. */
async function clusterReady(cluster: Cluster, timeoutMs: number): Promise<void> {
  if (cluster.status === 'ready') return;
  if (cluster.status === 'wait') void cluster.connect().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StoreUnavailableError('the cluster is not ready')),
      timeoutMs,
    );
    cluster.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Bounded pools of transaction connections, one per Redis node (the single server, or each
 * Cluster master), so a watched transaction always runs on the master that owns its slot.
 * `url` overrides where single-node connections go (a fault-injecting proxy in tests).
 */
export function createTxPools(cfg: Config, store: Store, url = cfg.REDIS_URL): TxSource {
  const pools = new Map<string, NodePool>();
  const name = txConnectionName(cfg.REDIS_PREFIX);

  /** Each connection's id on its server (CLIENT ID, asked once at connect), for `fence`. */
  const clientIds = new WeakMap<Redis, number>();

  function connectTo(node: string): Redis {
    const options = {
      ...TX_OPTIONS,
      connectionName: name,
      commandTimeout: cfg.TX_COMMAND_TIMEOUT_MS,
    };
    if (node === SINGLE || !(store instanceof Cluster)) return new Redis(url, options);
    const [host = '127.0.0.1', port = '6379'] = node.split(':');
    return new Redis({ ...store.options.redisOptions, ...options, host, port: Number(port) });
  }

  function makePool(node: string): NodePool {
    const entry: NodePool = { pool: undefined as unknown as Pool<Redis>, lastCreateError: 0 };
    entry.pool = createPool<Redis>(
      {
        async create() {
          const conn = connectTo(node);
          conn.on('error', () => {});
          try {
            await conn.connect();
            clientIds.set(conn, Number(await conn.client('ID')));
            return conn;
          } catch (error) {
            entry.lastCreateError = Date.now();
            conn.disconnect();
            throw error;
          }
        },
        async destroy(conn) {
          conn.disconnect();
        },
        async validate(conn) {
          return conn.status === 'ready';
        },
      },
      {
        max: cfg.TX_POOL_SIZE,
        min: 0,
        testOnBorrow: true,
        acquireTimeoutMillis: cfg.TX_ACQUIRE_TIMEOUT_MS,
        idleTimeoutMillis: 60_000,
        evictionRunIntervalMillis: 30_000,
        fifo: false,
      },
    );
    return entry;
  }

  /** The node that owns `key`: the single server, or its slot's master on Cluster. */
  async function nodeFor(key: string): Promise<string> {
    if (!(store instanceof Cluster)) return SINGLE;
    const slot = calculateSlot(key);
    if (!store.slots[slot]?.[0]) await clusterReady(store, cfg.TX_ACQUIRE_TIMEOUT_MS);
    const owner = store.slots[slot]?.[0];
    if (!owner) throw new StoreUnavailableError('no cluster node owns this slot');
    return owner;
  }

  /** The shared client's connection to `node` (the single server, or that Cluster master). */
  function adminOf(node: string): Redis {
    if (!(store instanceof Cluster)) return store;
    const found = store
      .nodes('master')
      .find(({ options }) => `${options.host}:${options.port}` === node);
    if (!found) throw new StoreUnavailableError('the node of a transaction is gone');
    return found;
  }

  /** CLIENT KILL ID of `conn` on `node`: once it answers, nothing more of `conn` can run there. */
  async function fence(node: string, conn: Redis): Promise<void> {
    const id = clientIds.get(conn);
    if (id === undefined) throw new StoreUnavailableError('a transaction connection has no id');
    await adminOf(node).client('KILL', 'ID', String(id));
  }

  return {
    async acquire(key) {
      const node = await nodeFor(key);
      let entry = pools.get(node);
      if (!entry) {
        entry = makePool(node);
        pools.set(node, entry);
      }
      const { pool } = entry;
      let conn: Redis;
      try {
        conn = await pool.acquire();
      } catch (error) {
        // Connections that cannot be made mean the store is away; otherwise all are busy.
        if (Date.now() - entry.lastCreateError < cfg.TX_ACQUIRE_TIMEOUT_MS + 1000) {
          throw new StoreUnavailableError(undefined, { cause: error });
        }
        throw new StoreContentionError('no transaction connection became free in time', {
          cause: error,
        });
      }
      return {
        conn,
        release: () =>
          void (conn.status === 'ready' ? pool.release(conn) : pool.destroy(conn)).catch(() => {}),
        discard: () => void pool.destroy(conn).catch(() => {}),
        fence: () => fence(node, conn),
      };
    },
    refreshTopology() {
      if (store instanceof Cluster) store.refreshSlotsCache();
    },
    async close() {
      await Promise.all(
        [...pools.values()].map(async ({ pool }) => {
          await pool.drain();
          await pool.clear();
        }),
      );
      pools.clear();
    },
  };
}

import calculateSlot from 'cluster-key-slot';
import { createPool, type Pool } from 'generic-pool';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { config } from '@/lib/config';
import { shared } from './client';
import { StoreUnavailableError } from './errors';

/**
 * A transaction connection never reconnects, queues or resends: a reconnect silently drops WATCH,
 * and a resent MULTI…EXEC can run unguarded or twice. When it closes it is thrown away.
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

/** The CLIENT LIST name of this app's transaction connections (operators, fault-injection tests). */
export function txConnectionName(): string {
  return `stockrush-tx:${config().REDIS_PREFIX}`;
}

/** Raised when no transaction connection became free in time while the store itself answers. */
export class PoolBusyError extends Error {}

type NodePool = { pool: Pool<Redis>; lastCreateError: number };
const globalRef = globalThis as typeof globalThis & { __stockrushTxPools?: Map<string, NodePool> };

function nodePools(): Map<string, NodePool> {
  globalRef.__stockrushTxPools ??= new Map();
  return globalRef.__stockrushTxPools;
}

function isUsable(conn: Redis): boolean {
  return conn.status === 'ready';
}

function makePool(connect: () => Redis): NodePool {
  const cfg = config();
  let lastCreateError = 0;
  const pool = createPool<Redis>(
    {
      async create() {
        const conn = connect();
        conn.on('error', () => {});
        try {
          await conn.connect();
          return conn;
        } catch (error) {
          lastCreateError = Date.now();
          conn.disconnect();
          throw error;
        }
      },
      async destroy(conn) {
        conn.disconnect();
      },
      async validate(conn) {
        return isUsable(conn);
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
  return {
    pool,
    get lastCreateError() {
      return lastCreateError;
    },
  };
}

/** Waits (bounded) until the Cluster client has connected and learnt the slot map. */
async function clusterReady(cluster: Cluster): Promise<void> {
  if (cluster.status === 'ready') return;
  if (cluster.status === 'wait') void cluster.connect().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StoreUnavailableError('the cluster is not ready')),
      config().TX_ACQUIRE_TIMEOUT_MS,
    );
    cluster.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const SINGLE = 'single';

/** The node that owns `key`: the single server, or the `host:port` of its slot's master on Cluster. */
async function nodeFor(key: string): Promise<string> {
  const store = shared().store;
  if (!(store instanceof Cluster)) return SINGLE;
  if (!store.slots[calculateSlot(key)]?.[0]) await clusterReady(store);
  const owner = store.slots[calculateSlot(key)]?.[0];
  if (!owner) throw new StoreUnavailableError('no cluster node owns this slot');
  return owner;
}

/** A new, not yet connected transaction connection to `node`. */
function connectTo(node: string): Redis {
  const options = { ...TX_OPTIONS, connectionName: txConnectionName() };
  const store = shared().store;
  if (node === SINGLE || !(store instanceof Cluster)) return new Redis(config().REDIS_URL, options);
  const [host = '127.0.0.1', port = '6379'] = node.split(':');
  return new Redis({ ...store.options.redisOptions, ...options, host, port: Number(port) });
}

/** After a failed transaction on Cluster the slot may have moved: ask for a fresh slot map. */
export function refreshTopology(): void {
  const store = shared().store;
  if (store instanceof Cluster) store.refreshSlotsCache();
}

/**
 * A dedicated connection for one watched transaction on the node that owns `key`. Waits at most
 * TX_ACQUIRE_TIMEOUT_MS; the caller must hand it back with `releaseTx` or `discardTx`.
 */
export async function acquireTx(key: string): Promise<{ conn: Redis; node: string }> {
  const node = await nodeFor(key);
  const pools = nodePools();
  let entry = pools.get(node);
  if (!entry) {
    entry = makePool(() => connectTo(node));
    pools.set(node, entry);
  }
  try {
    return { conn: await entry.pool.acquire(), node };
  } catch (error) {
    if (Date.now() - entry.lastCreateError < config().TX_ACQUIRE_TIMEOUT_MS + 1000) {
      throw new StoreUnavailableError(undefined, { cause: error });
    }
    throw new PoolBusyError('no transaction connection became free in time', { cause: error });
  }
}

/** Returns a healthy connection to its pool (its WATCH must already be cleared). */
export function releaseTx(node: string, conn: Redis): void {
  const entry = nodePools().get(node);
  if (!entry) return void conn.disconnect();
  if (isUsable(conn)) void entry.pool.release(conn);
  else void entry.pool.destroy(conn);
}

/** Throws a connection away: after an error its state (and any WATCH) is unknown. */
export function discardTx(node: string, conn: Redis): void {
  const entry = nodePools().get(node);
  if (entry) void entry.pool.destroy(conn);
  else conn.disconnect();
}

/** Closes every transaction connection (tests and shutdown). */
export async function closeTxPools(): Promise<void> {
  const pools = nodePools();
  await Promise.all(
    [...pools.values()].map(async ({ pool }) => {
      await pool.drain();
      await pool.clear();
    }),
  );
  pools.clear();
}

import { Cluster } from 'ioredis';
import { config, type Config } from '@/lib/config';
import { createInstanceLease, type InstanceLease } from './instance-lease';
import { createStore, type Store } from './store';
import { keysFor, type Keys } from './keys';
import { createTxPools, type TxSource } from './tx-pool';

export type { Store } from './store';

/**
 * Everything the domain needs to reach one store: its configuration, key names, the shared client
 * (plain reads and non-transactional writes — never WATCH on it) and the source of dedicated
 * transaction connections. Passed in, so a test can hand the domain another store or a faulty
 * connection source; the app uses one per process (`appContext`).
 */
export type StoreContext = {
  config: Config;
  keys: Keys;
  store: Store;
  tx: TxSource;
  /** One pub/sub connection per channel, shared by everything that listens to it. */
  channels: Map<string, Channel>;
  /** This instance's number among the live ones (it picks the stock bucket it prefers). */
  instance: InstanceLease;
};

type Listener = { onMessage: (message: string) => void; onLive: () => void };
type Channel = { connection: Store; listeners: Listener[]; live: boolean };

/** A context of its own for `cfg`; `txSource` replaces the transaction connections (tests). */
export function createStoreContext(
  cfg: Config,
  txSource?: (cfg: Config, store: Store) => TxSource,
): StoreContext {
  const store = createStore(cfg);
  const tx = (txSource ?? createTxPools)(cfg, store);
  const keys = keysFor(cfg.REDIS_PREFIX);
  const instance = createInstanceLease(store, keys, cfg.INSTANCE_LEASE_MS);
  return { config: cfg, keys, store, tx, channels: new Map(), instance };
}

/**
 * Gives the context's instance number back, then closes its transaction connections, pub/sub
 * connections and shared client.
 */
export async function closeStoreContext(ctx: StoreContext): Promise<void> {
  await ctx.instance.release();
  await ctx.tx.close();
  for (const { connection } of ctx.channels.values()) connection.disconnect();
  ctx.channels.clear();
  ctx.store.disconnect();
}

const globalRef = globalThis as typeof globalThis & { __stockrushContext?: StoreContext };

/**
 * The app's context, the one way request code reaches the store and the configuration: created
 * once per process from the environment (kept on globalThis so dev hot reloads reuse its
 * connections), unless a test or script installed its own first (`installAppContext`).
 */
export function appContext(): StoreContext {
  globalRef.__stockrushContext ??= createStoreContext(config());
  return globalRef.__stockrushContext;
}

/**
 * Makes `ctx` the app's context (tests and scripts: configure through the context, not the
 * environment). Throws when one is in use already: code may have read the other's settings.
 */
export function installAppContext(ctx: StoreContext): StoreContext {
  if (globalRef.__stockrushContext) throw new Error('the app context is made already');
  globalRef.__stockrushContext = ctx;
  return ctx;
}

/** True once the app's context has been made (and not closed since). */
export function hasAppContext(): boolean {
  return globalRef.__stockrushContext !== undefined;
}

/** Closes the app's context, if one was made (scripts and tests). */
export async function closeAppContext(): Promise<void> {
  const ctx = globalRef.__stockrushContext;
  delete globalRef.__stockrushContext;
  if (ctx) await closeStoreContext(ctx);
}

/** A channel subscription; messages are only sure to arrive while it is live. */
export type Subscription = { isLive: () => boolean };

/** Opens the context's connection for `channel` and tells its listeners when it is live. */
function openChannel(ctx: StoreContext, name: string): Channel {
  const { store } = ctx;
  const connection: Store = store instanceof Cluster ? store.duplicate() : store.duplicate();
  const channel: Channel = { connection, listeners: [], live: false };
  const establish = () =>
    connection.subscribe(name).then(
      () => {
        for (const l of channel.listeners) l.onLive();
        channel.live = true;
      },
      () => {},
    );
  connection.on('error', () => {});
  connection.on('message', (_channel: string, message: string) => {
    for (const l of channel.listeners) l.onMessage(message);
  });
  connection.on('close', () => {
    channel.live = false;
  });
  let readyOnce = false;
  connection.on('ready', () => {
    if (readyOnce) void establish();
    readyOnce = true;
  });
  void establish();
  return channel;
}

/**
 * Listens to `channel` on the context's one connection for it. `onLive` runs each time the
 * subscription is (re-)established (and at once when it already is): messages published while it
 * was not live may have been missed.
 */
export function subscribe(
  ctx: StoreContext,
  channel: string,
  onMessage: (message: string) => void,
  onLive: () => void,
): Subscription {
  let open = ctx.channels.get(channel);
  if (!open) {
    open = openChannel(ctx, channel);
    ctx.channels.set(channel, open);
  }
  open.listeners.push({ onMessage, onLive });
  if (open.live) onLive();
  const joined = open;
  return { isLive: () => joined.live };
}

/** The primaries the app writes to: the single server, or every Cluster master. */
export function primaries(ctx: StoreContext): Store[] {
  const { store } = ctx;
  return store instanceof Cluster ? store.nodes('master') : [store];
}

/**
 * Every key name matching `pattern` is removed, on every master (reset, test clean-up), but those
 * `keep` answers true for.
 */
export async function unlinkMatching(
  ctx: StoreContext,
  pattern: string,
  keep: (key: string) => boolean = () => false,
): Promise<void> {
  for (const node of primaries(ctx)) {
    let cursor = '0';
    do {
      const [next, scanned] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const found = scanned.filter((key) => !keep(key));
      // One key per command: on Cluster the keys of one node still live in different slots.
      if (found.length) await Promise.all(found.map((key) => node.unlink(key)));
    } while (cursor !== '0');
  }
}

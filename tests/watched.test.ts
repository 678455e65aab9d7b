// The watched-transaction primitive's failure paths, each forced at an exact point of the
// transaction (as ioredis's own tests do): an aborted EXEC, contention after the last try, a lost
// EXEC reply, an EXEC held past the command timeout and delivered late, a failed command inside
// EXEC, a connection closed before the WATCH round trip and before EXEC, and a store that cannot
// be reached.
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { audit } from '@/lib/inventory/audit';
import { restock, upsertProduct } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { StoreCommandError, StoreUnavailableError } from '@/lib/redis/errors';
import { runWatched, type WatchedTransaction, type WatchPolicy } from '@/lib/redis/watched';
import { startFaultProxy, type FaultProxy, type HeldExec } from '../scripts/lib/fault-proxy';
import { faultyTx, type TxHooks } from './support/faulty-tx';
import { newShopperId } from './support/store';

const policy: WatchPolicy = {
  maxAttempts: 5,
  backoffBaseMs: 0,
  backoffMaxMs: 0,
  maxStoreErrors: 2,
};

let admin: Redis;
let proxy: FaultProxy;
const contexts: StoreContext[] = [];

beforeAll(async () => {
  admin = new Redis(process.env.REDIS_URL!);
  proxy = await startFaultProxy(Number(new URL(process.env.REDIS_URL!).port));
});

afterAll(async () => {
  for (const ctx of contexts) await closeStoreContext(ctx);
  await proxy.close();
  admin.disconnect();
});

/**
 * A context of this file's prefix whose transaction connections run `hooks` (through `url`), with
 * `env` over the environment.
 */
function contextWith(
  hooks: TxHooks = {},
  url?: string,
  env: Record<string, string> = {},
): StoreContext {
  const ctx = createStoreContext(parseConfig({ ...process.env, ...env }), faultyTx(hooks, url));
  contexts.push(ctx);
  return ctx;
}

const keyOf = (ctx: StoreContext, name: string) =>
  `${ctx.keys.prefix}{w}:${name}-${randomBytes(4).toString('hex')}`;

/** Reads a counter and writes it plus one; with `tokenKey`, marks its writes with that token. */
function increment(key: string, tokenKey?: string): WatchedTransaction<number, number> {
  return {
    watch: [key],
    read: (pipe) => void pipe.get(key),
    parse: ([raw]) => Number(raw ?? 0),
    decide: (n) => ({
      write: true,
      value: n + 1,
      queue(tx) {
        tx.set(key, String(n + 1));
        if (tokenKey) tx.set(tokenKey, '1', 'EX', 60);
      },
      ...(tokenKey ? { token: { key: tokenKey } } : {}),
    }),
  };
}

/** Kills a transaction connection from outside and waits until the client has seen it end. */
async function kill(conn: Redis): Promise<void> {
  const id = await conn.client('ID');
  const ended = once(conn, 'end');
  await admin.client('KILL', 'ID', String(id));
  await ended;
}

describe('runWatched', () => {
  it('retries an EXEC aborted by another client on a fresh read (a conflict)', async () => {
    let key = '';
    const ctx = contextWith({
      beforeExec: async (_conn, attempt) => void (attempt === 1 && (await admin.set(key, '100'))),
    });
    key = keyOf(ctx, 'aborted');
    const result = await runWatched(ctx, policy, increment(key));
    expect(result).toEqual({
      status: 'written',
      value: 101,
      recovered: false,
      attempts: 2,
      conflicts: 1,
    });
    expect(await admin.get(key)).toBe('101');
  });

  it('answers contention after the last try and writes nothing', async () => {
    let key = '';
    const ctx = contextWith({ beforeExec: async () => void (await admin.incr(key)) });
    key = keyOf(ctx, 'contended');
    const result = await runWatched(ctx, { ...policy, maxAttempts: 3 }, increment(key));
    expect(result).toEqual({ status: 'contention', attempts: 3, conflicts: 3 });
    // Only the other client's three writes are there.
    expect(await admin.get(key)).toBe('3');
  });

  it('resolves a lost EXEC reply by its token and never applies the writes twice', async () => {
    const ctx = contextWith({}, `redis://127.0.0.1:${proxy.port}`);
    const key = keyOf(ctx, 'lost');
    const lostBefore = proxy.dropped();
    proxy.loseNextExecReply();
    const result = await runWatched(ctx, policy, increment(key, keyOf(ctx, 'token')));
    expect(proxy.dropped()).toBe(lostBefore + 1);
    expect(result).toEqual({
      status: 'written',
      value: 1,
      recovered: true,
      attempts: 2,
      conflicts: 0,
    });
    expect(await admin.get(key)).toBe('1');
  });

  it('answers unknown for a lost reply without a token, and does not try again', async () => {
    const ctx = contextWith({}, `redis://127.0.0.1:${proxy.port}`);
    const key = keyOf(ctx, 'untokened');
    proxy.loseNextExecReply();
    const result = await runWatched(ctx, policy, increment(key));
    expect(result).toMatchObject({ status: 'unknown', tokens: [], attempts: 1 });
    expect(await admin.get(key)).toBe('1');
  });

  describe('an EXEC held past the command timeout, then delivered while the next try runs', () => {
    /**
     * Runs `increment` with two tries through a proxy that holds the first EXEC until the second
     * try is about to EXEC (the moment a late EXEC would abort it), then delivers it.
     */
    async function runHeld(hooks: TxHooks = {}) {
      const held: HeldExec = proxy.holdNextExec();
      let late: 'ran' | 'lost' | undefined;
      const ctx = contextWith(
        {
          ...hooks,
          beforeExec: async (_conn, attempt) =>
            void (attempt === 2 && (late = await held.release())),
        },
        `redis://127.0.0.1:${proxy.port}`,
        { TX_COMMAND_TIMEOUT_MS: '1000' },
      );
      const key = keyOf(ctx, 'held');
      const result = await runWatched(
        ctx,
        { ...policy, maxAttempts: 2 },
        increment(key, keyOf(ctx, 'token')),
      );
      return { result, late, stored: await admin.get(key) };
    }

    it('fences the timed-out connection first: the late EXEC never runs, the retry writes once', async () => {
      const { result, late, stored } = await runHeld();
      expect(late).toBe('lost');
      expect(result).toEqual({
        status: 'written',
        value: 1,
        recovered: false,
        attempts: 2,
        conflicts: 0,
      });
      expect(stored).toBe('1');
    });

    it('answers unknown, never contention, when the connection could not be fenced', async () => {
      const { result, late, stored } = await runHeld({
        fence: () => Promise.reject(new StoreUnavailableError('the node is out of reach')),
      });
      // The late EXEC committed and aborted the last try: "nothing written" would be untrue.
      expect(late).toBe('ran');
      expect(stored).toBe('1');
      expect(result).toMatchObject({ status: 'unknown', attempts: 2, conflicts: 1 });
    });
  });

  it('throws a command error for a failed command inside EXEC, without trying again', async () => {
    let tries = 0;
    const ctx = contextWith({ beforeExec: async () => void tries++ });
    const key = keyOf(ctx, 'partial');
    const wrong = keyOf(ctx, 'string');
    await admin.set(wrong, 'not a hash');
    const txn = increment(key);
    const failing: WatchedTransaction<number, number> = {
      ...txn,
      decide: (n) => ({
        write: true,
        value: n + 1,
        queue: (tx) => void tx.set(key, '1').hincrby(wrong, 'f', 1),
      }),
    };
    await expect(runWatched(ctx, policy, failing)).rejects.toBeInstanceOf(StoreCommandError);
    expect(tries).toBe(1);
    // Redis ran the other command of the transaction: the error is loud, not hidden as a success.
    expect(await admin.get(key)).toBe('1');
  });

  // Closed before the WATCH round trip: nothing was sent, start again. Closed at EXEC: the writes
  // may have been sent, so the next try checks the token first, finds none, and writes once.
  it.each(['beforeRead', 'beforeExec'] as const)(
    'writes exactly once when the connection closes %s on the first try',
    async (point) => {
      const ctx = contextWith({
        [point]: async (conn: Redis, attempt: number) => void (attempt === 1 && (await kill(conn))),
      });
      const key = keyOf(ctx, `closed-${point}`);
      const result = await runWatched(ctx, policy, increment(key, keyOf(ctx, 'token')));
      expect(result).toEqual({
        status: 'written',
        value: 1,
        recovered: false,
        attempts: 2,
        conflicts: 0,
      });
      expect(await admin.get(key)).toBe('1');
    },
  );

  it('throws StoreUnavailableError when no connection can be made and nothing was sent', async () => {
    const ctx = contextWith({}, 'redis://127.0.0.1:1');
    const key = keyOf(ctx, 'away');
    await expect(runWatched(ctx, policy, increment(key))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(await admin.exists(key)).toBe(0);
  });
});

describe('purchase and restock through a connection that loses one EXEC reply', () => {
  it('answers the purchase that committed, with its order, and never buys twice', async () => {
    const ctx = contextWith({}, `redis://127.0.0.1:${proxy.port}`);
    const sku = `lost-${randomBytes(4).toString('hex')}`;
    const body = { name: 'Lost reply', priceCents: 100, stock: 5, limitPerShopper: 5 };
    await upsertProduct(sku, body, ctx);
    const lostBefore = proxy.dropped();
    proxy.loseNextExecReply();
    const result = await purchase({ sku, shopperId: newShopperId(), quantity: 2 }, ctx);
    expect(result).toMatchObject({
      ok: true,
      response: { outcome: 'purchased', remaining: 3, attempts: 2 },
    });
    expect(proxy.dropped()).toBe(lostBefore + 1);
    const orders = await admin.hkeys(ctx.keys.orders(sku));
    expect(orders).toEqual([result.ok ? result.response.orderId : '']);
    const row = (await audit(ctx)).products.find((p) => p.sku === sku);
    expect(row).toMatchObject({ ok: true, stock: 3, sold: 2, orderUnits: 2 });
  });

  it('adds a restock whose reply was lost exactly once', async () => {
    const ctx = contextWith({}, `redis://127.0.0.1:${proxy.port}`);
    const sku = `lost-${randomBytes(4).toString('hex')}`;
    await upsertProduct(
      sku,
      { name: 'Restock', priceCents: 100, stock: 5, limitPerShopper: 5 },
      ctx,
    );
    const lostBefore = proxy.dropped();
    proxy.loseNextExecReply();
    expect(await restock(sku, 7, ctx)).toMatchObject({ stock: 12, totalStock: 12 });
    expect(proxy.dropped()).toBe(lostBefore + 1);
    expect(await admin.hmget(ctx.keys.product(sku), 'stock', 'totalStock')).toEqual(['12', '12']);
  });
});

import type { ChainableCommander, Redis } from 'ioredis';
import { config } from '@/lib/config';
import { acquireTx, discardTx, releaseTx } from '@/lib/redis/tx-pool';

/** What one watched round decides: nothing to write (with a value), or writes to EXEC. */
export type WatchedStep<T> =
  { write: false; value: T } | { write: true; queue: (tx: ChainableCommander) => void; value: T };

const MAX_ROUNDS = 100;

/**
 * A small watched transaction for admin writes (restock, upsert): WATCH `key`, `read`, `decide`,
 * MULTI…EXEC on a dedicated connection, again from WATCH on a conflict, so it never overwrites a
 * concurrent purchase. An error before EXEC is retried; one at EXEC (outcome unknown) is thrown,
 * so the admin sees 503 and can look before restocking again.
 */
export async function withWatch<R, T>(
  key: string,
  read: (conn: Redis) => Promise<R>,
  decide: (snapshot: R) => WatchedStep<T>,
): Promise<T> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { conn, node } = await acquireTx(key);
    let sent = false;
    try {
      await conn.watch(key);
      const step = decide(await read(conn));
      if (!step.write) {
        await conn.unwatch();
        releaseTx(node, conn);
        return step.value;
      }
      const tx = conn.multi();
      step.queue(tx);
      sent = true;
      const replies = await tx.exec();
      releaseTx(node, conn);
      if (replies !== null) return step.value;
    } catch (error) {
      discardTx(node, conn);
      // Before EXEC nothing was written: start again from WATCH. At EXEC the outcome is unknown.
      if (sent || round >= 3) throw error;
      continue;
    }
    await new Promise((r) => setTimeout(r, Math.random() * config().PURCHASE_BACKOFF_MAX_MS));
  }
  throw new Error(`watched write on a hot key did not settle in ${MAX_ROUNDS} rounds`);
}

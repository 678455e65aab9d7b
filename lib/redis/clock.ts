import type { Store } from './store';
import type { CommandQueue } from './watched';

/**
 * The store's clock: every decision that depends on time (sale window, hold expiry, the waiting
 * room's open, start, reveal and turns) reads Redis `TIME`, never an instance's own clock, so an
 * instance whose clock is wrong decides like every other. An instance's clock is only for logs
 * and latencies.
 */

/** Milliseconds since the epoch from a `TIME` reply (`[seconds, microseconds]` as strings). */
export function parseStoreTime(reply: unknown): number {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error('TIME answered no time');
  const seconds = Number(reply[0]);
  const micros = Number(reply[1]);
  if (!Number.isFinite(seconds) || !Number.isFinite(micros)) throw new Error('TIME is not a time');
  return seconds * 1000 + Math.floor(micros / 1000);
}

/** Queues `TIME` among a transaction's reads (in the WATCH round trip): parse with parseStoreTime. */
export function queueStoreTime(pipe: CommandQueue): void {
  pipe.time();
}

/**
 * The store's time now, in ms since the epoch. On Cluster `node` is the client of the node that
 * decides (the product's master); nodes' clocks are NTP-synchronised like any servers', and a
 * decision reads the clock of the node that holds its keys.
 */
export async function readStoreTime(node: Store): Promise<number> {
  return parseStoreTime(await node.time());
}

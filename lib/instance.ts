import { setTimeout as delay } from 'node:timers/promises';
import { appContext, hasAppContext } from '@/lib/redis/client';

/** The longest a starting instance waits for its number before it serves anyway. */
const LEASE_AT_START_MS = 2000;

/**
 * Holds this server's instance number for its whole life: leased as it starts, so it counts as
 * live (a new product gets a bucket for it) before it answers, and given back as soon as it is
 * told to stop, so the next instance to start takes the number again.
 */
export async function holdInstanceNumber(): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (hasAppContext()) void appContext().instance.release();
    });
  }
  try {
    const leased = appContext().instance.number();
    // The store away: serve without; the first sale asks again.
    await Promise.race([
      leased.catch(() => {}),
      delay(LEASE_AT_START_MS, undefined, { ref: false }),
    ]);
  } catch {
    // A bad setting is reported by the first request that needs the configuration.
  }
}

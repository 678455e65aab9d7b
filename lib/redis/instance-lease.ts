import { randomUUID } from 'node:crypto';
import type { Keys } from './keys';
import type { Store } from './store';

/**
 * Instance numbers as leases. An app instance holds the lowest free slot: a key with a TTL
 * (INSTANCE_LEASE_MS), renewed every third of it and deleted when the instance stops, so the live
 * instances hold distinct numbers 0…N-1 and a stopped instance's number is taken again by the next
 * one to start. The number picks the stock bucket an instance prefers; the count of live leases is
 * the default bucket count of a new product. Neither touches correctness: two instances that
 * share a number only conflict more often.
 *
 * Keys: `instanceLease(0…INSTANCE_SLOTS-1)`, one hash tag (one Cluster slot), each holding the
 * holder's random token.
 */
export type InstanceLease = {
  /** This instance's number, taking a lease on the first call. */
  number(): Promise<number>;
  /** Gives the number back and stops renewing (the instance stops). */
  release(): Promise<void>;
};

/** Slots an instance may lease: as many instances as `npm start` runs at most (APP_INSTANCES). */
export const INSTANCE_SLOTS = 64;

/** Sets the lease's TTL again if the token still holds it, or takes it back if nobody does. */
const RENEW = `local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** Deletes the lease if the token still holds it. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const slotKeys = (keys: Keys) =>
  Array.from({ length: INSTANCE_SLOTS }, (_, i) => keys.instanceLease(i));

/** Whether a key of this prefix is an instance lease (a reset keeps them). */
export function isInstanceLease(keys: Keys): (key: string) => boolean {
  const leases = new Set(slotKeys(keys));
  return (key) => leases.has(key);
}

/** How many instances hold a lease now. */
export async function liveInstances(store: Store, keys: Keys): Promise<number> {
  return store.exists(...slotKeys(keys));
}

/** Tries to lease the lowest free slot; undefined when every slot is held. */
async function leaseLowest(store: Store, slots: string[], token: string, ttlMs: number) {
  // A slot freed between the read and the SET goes to whichever instance SETs it first.
  for (let race = 0; race < INSTANCE_SLOTS; race++) {
    const free = (await store.mget(...slots)).findIndex((holder) => holder === null);
    if (free < 0) return undefined;
    if ((await store.set(slots[free]!, token, 'PX', ttlMs, 'NX')) === 'OK') return free;
  }
  return undefined;
}

/** The lease of one store context (created with it, taken on first use). */
export function createInstanceLease(store: Store, keys: Keys, ttlMs: number): InstanceLease {
  const slots = slotKeys(keys);
  const token = randomUUID();
  /** The slot held, or undefined while none is (not yet taken, lost, every slot busy, released). */
  let held: number | undefined;
  /** The number answered: the slot held, or a stand-in while none is. */
  let current: Promise<number> | undefined;
  let renewal: NodeJS.Timeout | undefined;
  let renewing = false;
  let released = false;

  async function take(fallback: number | undefined): Promise<number> {
    const slot = await leaseLowest(store, slots, token, ttlMs);
    if (slot !== undefined) {
      held = slot;
      // Released while the lease was being taken: give it straight back, keep the number.
      if (released) await release();
    }
    // Every slot held: sell under a stand-in number until a renewal finds one free.
    return slot ?? fallback ?? Math.floor(Math.random() * INSTANCE_SLOTS);
  }

  async function renew(): Promise<void> {
    if (held !== undefined) {
      const kept = await store.eval(RENEW, 1, slots[held]!, token, ttlMs);
      if (kept === 1 || released) return;
    }
    // Lost (it expired while this instance could not reach the store, and another took it) or
    // never had one: lease the lowest free slot; until then, and if that fails, the old number stands.
    if (!current) return;
    const previous = await current;
    current = take(previous).catch(() => previous ?? 0);
    await current;
  }

  async function release(): Promise<void> {
    released = true;
    clearInterval(renewal);
    if (held === undefined) return;
    const slot = slots[held]!;
    held = undefined;
    // The store away: the TTL frees the slot instead.
    await store.eval(RELEASE, 1, slot, token).catch(() => {});
  }

  return {
    number() {
      if (current) return current;
      const taking = take(undefined);
      current = taking;
      // A failed lease (store away) is not remembered: the next sale asks again.
      taking.catch(() => {
        if (current === taking) current = undefined;
      });
      if (!renewal && !released) {
        renewal = setInterval(() => {
          if (renewing) return;
          renewing = true;
          renew()
            .catch(() => {})
            .finally(() => (renewing = false));
        }, ttlMs / 3);
        renewal.unref();
      }
      return taking;
    },
    release,
  };
}

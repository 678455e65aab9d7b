import { randomUUID } from 'node:crypto';
import { record } from '@/lib/activity/recorder';
import { watchPolicy } from '@/lib/inventory/policies';
import { parseProduct, type ProductRecord } from '@/lib/inventory/product';
import { stockChanged } from '@/lib/inventory/stock-events';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import { StoreOutcomeUnknownError } from '@/lib/redis/errors';
import { runWatched, type CommandQueue, type CommitToken, type Plan } from '@/lib/redis/watched';
import { parseHold, type EndedHoldRecord, type HoldRecord } from './hold';
import { endedHold, queueHoldEnds } from './units-back';

/** What ends a hold on request: the shopper's Place order or Cancel, or an admin's release. */
export type EndAction = 'order' | 'cancel' | 'release';

/** The hold has ended another way: what the caller is told (409), with the hold as it is. */
export type HoldEndedOtherwise = 'hold_expired' | 'hold_cancelled' | 'hold_ordered';

export type EndResult =
  | {
      ok: true;
      outcome: 'ordered' | 'cancelled';
      hold: HoldRecord;
      /** The hold had ended this very way already (a repeat): nothing written now. */
      replay: boolean;
      attempts: number;
      conflicts: number;
    }
  | {
      ok: false;
      reason: HoldEndedOtherwise;
      hold: HoldRecord;
      attempts: number;
      conflicts: number;
    }
  | { ok: false; reason: 'hold_not_found' | 'not_your_hold' | 'contention' };

/** The hold and its product as read after WATCH, with the store's time read in the same trip. */
type Snapshot = { now: number; product: ProductRecord | undefined; hold: HoldRecord | undefined };

/** What one try decided, and the log entry a write makes. */
type Value =
  | { kind: 'done'; outcome: 'ordered' | 'cancelled'; hold: HoldRecord; replay: boolean }
  | { kind: 'refused'; reason: HoldEndedOtherwise; hold: HoldRecord }
  | { kind: 'missing'; reason: 'hold_not_found' | 'not_your_hold' };

/** A plan's writes and the token that proves they committed. */
type Writes = { queue: (tx: CommandQueue) => void; token: CommitToken };

/** The refusal for a hold that ended as `state` (not the way asked). */
const REFUSAL = {
  expired: 'hold_expired',
  cancelled: 'hold_cancelled',
  ordered: 'hold_ordered',
} as const;

/** The plan for `action` on the hold as read, at the store's time of the read (pure). */
function planEnd(
  action: EndAction,
  { now, product, hold }: Snapshot,
  shopperId: string | undefined,
  bucketOf: (product: ProductRecord | undefined) => number,
  writes: (ended: EndedHoldRecord, bucket: number) => Writes,
): Plan<Value> {
  if (!hold) return { write: false, value: { kind: 'missing', reason: 'hold_not_found' } };
  if (shopperId !== undefined && hold.shopper !== shopperId) {
    return { write: false, value: { kind: 'missing', reason: 'not_your_hold' } };
  }
  const wanted = action === 'order' ? 'ordered' : 'cancelled';
  if (hold.state === wanted) {
    return { write: false, value: { kind: 'done', outcome: wanted, hold, replay: true } };
  }
  if (hold.state !== 'held') {
    return {
      write: false,
      value: { kind: 'refused', reason: REFUSAL[hold.state], hold },
    };
  }
  if (now >= hold.expiresAt) {
    // Due but not swept yet: this transaction is the expiry (units back) and says so.
    const expired = endedHold(hold, 'expired', 'expiry', now);
    return {
      write: true,
      ...writes(expired, bucketOf(product)),
      value: { kind: 'refused', reason: 'hold_expired', hold: expired },
    };
  }
  const ended =
    action === 'order'
      ? endedHold(hold, 'ordered', 'shopper', now, randomUUID())
      : endedHold(hold, 'cancelled', action === 'release' ? 'admin' : 'shopper', now);
  return {
    write: true,
    ...writes(ended, bucketOf(product)),
    value: { kind: 'done', outcome: wanted, hold: ended, replay: false },
  };
}

/**
 * Ends hold `id` of `sku` by `action` in one watched transaction on the hold's record (and the
 * product's terms): Place order turns it into an order (held → sold), Cancel and an admin's
 * release give its units back (to this instance's bucket) and the shopper's quota. Exactly once:
 * when Place order, Cancel, a release and the expiry race, one commits and the others read what
 * happened — a repeat of the same end is a replay, another end is refused with the hold as it is.
 * A hold past its expiry (by the store's clock, read in the WATCH round trip) is expired by this
 * transaction if no sweep has yet. `shopperId` (unset:
 * an admin) must own the hold. A lost EXEC reply is resolved by the write's own token.
 */
export async function endHold(
  sku: string,
  id: string,
  action: EndAction,
  shopperId: string | undefined,
  ctx: StoreContext = appContext(),
): Promise<EndResult> {
  const { keys } = ctx;
  const started = performance.now();
  const instance = await ctx.instance.number();
  const holdKey = keys.hold(sku, id);
  const result = await runWatched<Snapshot, Value>(
    ctx,
    watchPolicy(ctx.config, shopperId === undefined ? 'admin' : 'purchase'),
    {
      watch: [keys.terms(sku), holdKey],
      read: (pipe) => {
        queueStoreTime(pipe);
        pipe.hgetall(keys.product(sku)).get(holdKey);
      },
      parse: ([time, hash, raw]) => ({
        now: parseStoreTime(time),
        product: parseProduct(sku, hash as Record<string, string>),
        hold: parseHold(raw as string | null),
      }),
      decide: (snapshot) =>
        planEnd(
          action,
          snapshot,
          shopperId,
          (product) => instance % (product?.buckets ?? 1),
          (ended, bucket) => {
            const token = { key: keys.writeToken(sku, randomUUID()) };
            return {
              token,
              queue(tx) {
                queueHoldEnds(ctx, tx, [ended], bucket);
                tx.set(token.key, '1', 'EX', ctx.config.IDEMPOTENCY_TTL_S);
              },
            };
          },
        ),
    },
  );
  switch (result.status) {
    case 'contention':
      return { ok: false, reason: 'contention' };
    case 'unknown':
      throw new StoreOutcomeUnknownError('the outcome of ending a hold is unknown', {
        cause: result.cause,
      });
    case 'unconfirmed':
      throw new StoreOutcomeUnknownError('no replica confirmed the end of the hold in time');
  }
  const value = result.value;
  const { attempts, conflicts } = result;
  if (value.kind === 'missing') return { ok: false, reason: value.reason };
  const written = result.status === 'written';
  if (written) {
    stockChanged(ctx, sku).catch(() => {});
    const outcome = value.kind === 'done' ? value.outcome : 'expired';
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    await record(
      {
        sku,
        outcome,
        quantity: value.hold.quantity,
        attempts,
        conflicts,
        latencyMs,
        batch: 1,
        queuedMs: 0,
        shopperId: value.hold.shopper,
        // The log's time: this instance's clock (logs only, never a decision).
        at: Date.now(),
      },
      ctx,
    );
  }
  if (value.kind === 'done') {
    return {
      ok: true,
      outcome: value.outcome,
      hold: value.hold,
      replay: value.replay,
      attempts,
      conflicts,
    };
  }
  return { ok: false, reason: value.reason, hold: value.hold, attempts, conflicts };
}

import { randomBytes } from 'node:crypto';
import type { QueueSettingsBody } from '@/lib/api-schemas';
import type { StoreContext } from '@/lib/redis/client';
import type { Plan } from '@/lib/redis/watched';
import { reanchor } from './anchor';
import { writeQueue, type QueueSnapshot } from './anchoring';
import { queueChanged } from './events';
import { seedHashOf } from './rank.mjs';
import { nothingLeft } from './record';

/** What an admin's queue write found: done, or no such product. */
export type QueueWriteResult = 'ok' | 'not_found';

/**
 * Switches a product's waiting room on or off and sets its settings, in one watched transaction
 * on the queue and product hashes (terms fence raised, product version raised). The first switch
 * on commits a fresh secret seed (its sha256 public from then on; the seed itself at the start).
 * A rate change after the start re-anchors admission at the count reached, so nobody is admitted
 * twice or skipped. The seed is never replaced once committed.
 */
export async function configureQueue(
  ctx: StoreContext,
  sku: string,
  body: QueueSettingsBody,
  at?: number,
): Promise<QueueWriteResult> {
  const { keys } = ctx;
  const freshSeed = randomBytes(32).toString('hex');
  const result = await writeQueue<QueueWriteResult>(
    ctx,
    sku,
    ({ now, exists, record, tail, version }) => {
      if (!exists) return { write: false, value: 'not_found' };
      const seed = record.seed ?? freshSeed;
      const rate = body.ratePerSecond ?? record.ratePerSecond;
      const last = record.history[record.history.length - 1];
      const history =
        last && last.rate !== rate ? reanchor(record.history, now, tail, { rate }) : undefined;
      const fields = {
        opensBeforeSeconds: body.opensBeforeSeconds ?? record.opensBeforeSeconds,
        ratePerSecond: rate,
        admitWindowSeconds: body.admitWindowSeconds ?? record.admitWindowSeconds,
        powDifficulty: body.powDifficulty ?? record.powDifficulty,
        seed,
        seedHash: record.seedHash ?? seedHashOf(seed),
        ...(history ? { history: JSON.stringify(history) } : {}),
      };
      return {
        write: true,
        value: 'ok',
        queue(tx) {
          tx.hset(keys.queue(sku), fields);
          tx.hset(keys.product(sku), {
            queue: body.enabled ? '1' : '0',
            // The product as an admin reads it changed: its version (ETag) moves on.
            version: Math.max(version + 1, now),
          });
        },
      };
    },
    { terms: true, at },
  );
  if (result === 'ok') await queueChanged(ctx, sku);
  return result;
}

/**
 * Admission frozen or running as it should be: paused or nothing left → frozen at the count
 * reached; otherwise running from now (the store's clock). A watched write, so when every
 * instance notices the stock running out at once, one segment is appended. Answers whether it
 * appended one.
 */
export async function syncAdmission(ctx: StoreContext, sku: string, at?: number): Promise<boolean> {
  const changed = await writeQueue(ctx, sku, (snapshot) => planFreeze(ctx, sku, snapshot), { at });
  if (changed) await queueChanged(ctx, sku);
  return changed;
}

/** The plan that puts admission where it should be (and, given `paused`, records that too). */
function planFreeze(
  ctx: StoreContext,
  sku: string,
  { now, record, product, tail }: QueueSnapshot,
  paused = record.paused,
): Plan<boolean> {
  const frozen = paused || !product || nothingLeft(product);
  const last = record.history[record.history.length - 1];
  const history =
    last && last.frozen !== frozen ? reanchor(record.history, now, tail, { frozen }) : undefined;
  if (!history && paused === record.paused) return { write: false, value: false };
  return {
    write: true,
    value: true,
    queue(tx) {
      tx.hset(ctx.keys.queue(sku), {
        paused: paused ? '1' : '0',
        ...(history ? { history: JSON.stringify(history) } : {}),
      });
    },
  };
}

/**
 * Pauses or resumes admission (a watched write re-anchoring at the count reached: a pause admits
 * nobody more, a resume goes on from there, never catching up on the paused time). Resuming a
 * waiting room with nothing left keeps it frozen until stock comes back.
 */
export async function pauseQueue(
  ctx: StoreContext,
  sku: string,
  paused: boolean,
  at?: number,
): Promise<QueueWriteResult> {
  const result = await writeQueue<QueueWriteResult>(
    ctx,
    sku,
    (snapshot) => {
      if (!snapshot.exists) return { write: false, value: 'not_found' };
      const plan = planFreeze(ctx, sku, snapshot, paused);
      return plan.write ? { ...plan, value: 'ok' } : { write: false, value: 'ok' };
    },
    { at },
  );
  if (result === 'ok') await queueChanged(ctx, sku);
  return result;
}

import { randomUUID } from 'node:crypto';
import type { PurchaseResponse } from '@/lib/api-types';
import { shopperPseudonym } from '@/lib/activity/pseudonym';
import { record } from '@/lib/activity/recorder';
import { observePurchase } from '@/lib/metrics';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { StoreCommandError } from '@/lib/redis/errors';
import { admit } from './admission';
import type { Decision, PurchaseRequest } from './decide';
import { isKnownSoldOut, markSoldOut, stockEpoch } from './sold-out-cache';

export type PurchaseInput = {
  sku: string;
  shopperId: string;
  quantity: number;
  idempotencyKey?: string;
};

export type PurchaseResult =
  | { ok: true; response: PurchaseResponse }
  | { ok: false; reason: 'not_found' | 'idempotency_mismatch' };

/** One request's verdict and what its transaction took. */
type Verdict = {
  decision: Decision;
  attempts: number;
  conflicts: number;
  batch: number;
  queuedMs: number;
};

const round = (ms: number) => Math.round(ms * 100) / 100;

const NO_TRANSACTION = { attempts: 0, conflicts: 0, batch: 0, queuedMs: 0 };

/** The verdict of the watched transaction the request is admitted to (or of its overflow). */
async function transactionVerdict(ctx: StoreContext, request: PurchaseRequest): Promise<Verdict> {
  const epoch = stockEpoch(ctx, request.sku);
  const admitted = await admit(ctx, request);
  if ('overflow' in admitted) {
    return { decision: { outcome: 'contention', remaining: 0 }, ...NO_TRANSACTION };
  }
  const { sale, index, batch, queuedMs } = admitted;
  if (sale.product) markSoldOut(ctx, sale.product, epoch);
  const { attempts, conflicts } = sale;
  return { decision: sale.decisions[index]!, attempts, conflicts, batch, queuedMs };
}

/**
 * True when the sold-out memory may answer: the product is known sold out and the request is not
 * the replay of an earlier purchase (a keyed request whose key has no record is not).
 */
async function answersFromMemory(ctx: StoreContext, input: PurchaseInput): Promise<boolean> {
  if (!isKnownSoldOut(ctx, input.sku, Date.now())) return false;
  if (!input.idempotencyKey) return true;
  const key = ctx.keys.idempotency(input.sku, input.shopperId, input.idempotencyKey);
  return (await ctx.store.exists(key)) === 0;
}

/**
 * Buys `quantity` units of `sku` for a shopper through the watched transaction: never sells more
 * than the stock or the shopper's limit, never buys twice for one Idempotency-Key. Every answer
 * with a purchase outcome writes one log entry (under the same shopper pseudonym the answer
 * carries); the log never changes the outcome. Throws only when the store fails, or
 * (StoreCommandError) when this request's stored idempotency record cannot be read; the other
 * requests of its batch are decided as usual.
 */
export async function purchase(
  input: PurchaseInput,
  ctx: StoreContext = appContext(),
): Promise<PurchaseResult> {
  const started = performance.now();
  const request: PurchaseRequest = { ...input, orderId: randomUUID() };
  const verdict: Verdict = (await answersFromMemory(ctx, input))
    ? { decision: { outcome: 'sold_out', remaining: 0 }, ...NO_TRANSACTION }
    : await transactionVerdict(ctx, request);
  const { decision, attempts, conflicts, batch, queuedMs } = verdict;
  if (decision.outcome === 'unreadable_record') {
    // Bad data, not a busy store: a 500 for this request alone (its batch was decided apart).
    throw new StoreCommandError('the Idempotency-Key record of this purchase cannot be read');
  }
  if (decision.outcome === 'not_found' || decision.outcome === 'idempotency_mismatch') {
    return { ok: false, reason: decision.outcome };
  }
  const latencyMs = round(performance.now() - started);
  const response: PurchaseResponse = {
    outcome: decision.outcome,
    sku: input.sku,
    quantity: input.quantity,
    ...(decision.outcome === 'purchased' ? { orderId: decision.orderId } : {}),
    remaining: decision.remaining,
    attempts,
    conflicts,
    latencyMs,
    batch,
    queuedMs: round(queuedMs),
    ...(decision.outcome === 'purchased' && decision.replay ? { replay: true } : {}),
    shopper: shopperPseudonym(ctx, input.sku, input.shopperId),
  };
  observePurchase(response.outcome, attempts, latencyMs);
  await record({ ...response, shopperId: input.shopperId, at: Date.now() }, ctx);
  return { ok: true, response };
}

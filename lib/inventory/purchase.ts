import { randomUUID } from 'node:crypto';
import type { PurchaseResponse } from '@/lib/api-types';
import { shopperPseudonym } from '@/lib/activity/pseudonym';
import { record, type Activity } from '@/lib/activity/recorder';
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
  | { ok: false; reason: 'not_found' | 'idempotency_mismatch' | 'hold_required' };

/** One request's verdict and what its transaction took. */
export type Verdict = {
  decision: Decision;
  attempts: number;
  conflicts: number;
  batch: number;
  queuedMs: number;
};

export const round = (ms: number) => Math.round(ms * 100) / 100;

const NO_TRANSACTION = { attempts: 0, conflicts: 0, batch: 0, queuedMs: 0 };

/** The verdict of the watched transaction the request is admitted to (or of its overflow). */
async function transactionVerdict(ctx: StoreContext, request: PurchaseRequest): Promise<Verdict> {
  const epoch = stockEpoch(ctx, request.sku);
  const admitted = await admit(ctx, request);
  if ('overflow' in admitted) {
    return { decision: { outcome: 'contention', remaining: 0 }, ...NO_TRANSACTION };
  }
  const { sale, index, batch, queuedMs } = admitted;
  if (sale.product && sale.now !== undefined) markSoldOut(ctx, sale.product, sale.now, epoch);
  const { attempts, conflicts } = sale;
  return { decision: sale.decisions[index]!, attempts, conflicts, batch, queuedMs };
}

/**
 * True when the sold-out memory may answer: the product is known sold out (for this request's
 * checkout mode) and the request is not the replay of an earlier grant (a keyed request whose key
 * has no record is not).
 */
async function answersFromMemory(ctx: StoreContext, request: PurchaseRequest): Promise<boolean> {
  const mode = request.kind === 'hold' ? 'hold' : 'instant';
  if (!isKnownSoldOut(ctx, request.sku, mode)) return false;
  if (!request.idempotencyKey) return true;
  const key = ctx.keys.idempotency(request.sku, request.shopperId, request.idempotencyKey);
  return (await ctx.store.exists(key)) === 0;
}

/** What a purchase or hold answer says of its request and transaction, as its log entry does. */
type Told = Pick<
  PurchaseResponse,
  'remaining' | 'attempts' | 'conflicts' | 'latencyMs' | 'batch' | 'queuedMs' | 'shopper'
>;

/** The part every purchase and hold answer shares: the transaction's figures and the pseudonym. */
export function toldOf(
  ctx: StoreContext,
  input: PurchaseInput,
  verdict: Verdict,
  remaining: number,
  started: number,
): Told {
  return {
    remaining,
    attempts: verdict.attempts,
    conflicts: verdict.conflicts,
    latencyMs: round(performance.now() - started),
    batch: verdict.batch,
    queuedMs: round(verdict.queuedMs),
    shopper: shopperPseudonym(ctx, input.sku, input.shopperId),
  };
}

/**
 * Counts an answered purchase or hold in the metrics and writes its one log entry (the log never
 * changes the outcome), then hands the answer back.
 */
export async function announce<R extends Told & { outcome: Activity['outcome']; replay?: true }>(
  ctx: StoreContext,
  input: PurchaseInput,
  response: R,
): Promise<R> {
  const { outcome, attempts, conflicts, latencyMs, batch, queuedMs, replay } = response;
  observePurchase(outcome, attempts, latencyMs);
  await record(
    {
      sku: input.sku,
      outcome,
      quantity: input.quantity,
      attempts,
      conflicts,
      latencyMs,
      batch,
      queuedMs,
      ...(replay ? { replay } : {}),
      shopperId: input.shopperId,
      // The log's time: this instance's clock (logs and latencies only, never a decision).
      at: Date.now(),
    },
    ctx,
  );
  return response;
}

/**
 * The verdict of one purchase or hold request: from the sold-out memory when it may answer, else
 * from the watched transaction its admission lane runs it in (coalesced with the product's other
 * requests). Throws StoreCommandError when the request's idempotency record cannot be read.
 */
export async function decideRequest(ctx: StoreContext, request: PurchaseRequest): Promise<Verdict> {
  const verdict: Verdict = (await answersFromMemory(ctx, request))
    ? { decision: { outcome: 'sold_out', remaining: 0 }, ...NO_TRANSACTION }
    : await transactionVerdict(ctx, request);
  if (verdict.decision.outcome === 'unreadable_record') {
    // Bad data, not a busy store: a 500 for this request alone (its batch was decided apart).
    throw new StoreCommandError('the Idempotency-Key record of this request cannot be read');
  }
  return verdict;
}

/**
 * Buys `quantity` units of `sku` for a shopper through the watched transaction: never sells more
 * than the stock or the shopper's limit, never buys twice for one Idempotency-Key. Every answer
 * with a purchase outcome writes one log entry (under the same shopper pseudonym the answer
 * carries); the log never changes the outcome. Throws only when the store fails, or
 * (StoreCommandError) when this request's stored idempotency record cannot be read; the other
 * requests of its batch are decided as usual. A product in checkout mode `hold` is refused with
 * `hold_required` (nothing bought): it is bought by placing a hold and ordering it.
 */
export async function purchase(
  input: PurchaseInput,
  ctx: StoreContext = appContext(),
): Promise<PurchaseResult> {
  const started = performance.now();
  const request: PurchaseRequest = { ...input, orderId: randomUUID() };
  const verdict = await decideRequest(ctx, request);
  const { decision } = verdict;
  if (
    decision.outcome === 'not_found' ||
    decision.outcome === 'idempotency_mismatch' ||
    decision.outcome === 'hold_required'
  ) {
    return { ok: false, reason: decision.outcome };
  }
  // Never for a purchase: decided only for holds (a hold-mode key reused for a purchase mismatches).
  if (
    decision.outcome === 'held' ||
    decision.outcome === 'wrong_checkout_mode' ||
    decision.outcome === 'unreadable_record'
  ) {
    return { ok: false, reason: 'idempotency_mismatch' };
  }
  const purchased = decision.outcome === 'purchased' ? decision : undefined;
  const response: PurchaseResponse = await announce(ctx, input, {
    outcome: decision.outcome,
    sku: input.sku,
    quantity: input.quantity,
    ...(purchased ? { orderId: purchased.orderId } : {}),
    ...toldOf(ctx, input, verdict, decision.remaining, started),
    ...(purchased?.replay ? { replay: true as const } : {}),
  });
  return { ok: true, response };
}

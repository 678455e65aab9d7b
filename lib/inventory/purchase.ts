import { randomUUID } from 'node:crypto';
import type { PurchaseResponse } from '@/lib/api-types';
import { record } from '@/lib/activity/recorder';
import { config } from '@/lib/config';
import { observePurchase } from '@/lib/metrics';
import { admit } from './admission';
import type { Decision, PurchaseRequest } from './decide';
import { isKnownSoldOut, markSoldOut, stockEpoch } from './sold-out-cache';
import { runWatchedBatch, type BatchResult } from './watched-batch';

export type PurchaseInput = {
  sku: string;
  shopperId: string;
  quantity: number;
  idempotencyKey?: string;
};

export type PurchaseResult =
  | { ok: true; response: PurchaseResponse }
  | { ok: false; reason: 'not_found' | 'idempotency_mismatch' };

type Verdict = { decision: Decision; attempts: number; conflicts: number };

const round = (ms: number) => Math.round(ms * 100) / 100;

async function decide(request: PurchaseRequest): Promise<Verdict> {
  const epoch = stockEpoch(request.sku);
  let result: BatchResult;
  let index = 0;
  if (config().PURCHASE_MODE === 'plain') {
    result = await runWatchedBatch([request]);
  } else {
    const admitted = await admit(request);
    if ('overflow' in admitted) {
      return { decision: { outcome: 'contention', remaining: 0 }, attempts: 0, conflicts: 0 };
    }
    ({ result, index } = admitted);
  }
  if (result.product) markSoldOut(result.product, epoch);
  return {
    decision: result.decisions[index]!,
    attempts: result.attempts,
    conflicts: result.conflicts,
  };
}

/**
 * Buys `quantity` units of `sku` for a shopper through the watched transaction: never sells more
 * than the stock or the shopper's limit, never buys twice for one Idempotency-Key. Every answer
 * with a purchase outcome writes one log entry; the log never changes the outcome. Throws only
 * when the store fails.
 */
export async function purchase(input: PurchaseInput): Promise<PurchaseResult> {
  const started = performance.now();
  const request: PurchaseRequest = { ...input, orderId: randomUUID() };
  // A keyed request may be a replay of a purchase made before the sell-out: it needs the store.
  const verdict: Verdict =
    !input.idempotencyKey && isKnownSoldOut(input.sku, Date.now())
      ? { decision: { outcome: 'sold_out', remaining: 0 }, attempts: 0, conflicts: 0 }
      : await decide(request);
  const { decision, attempts, conflicts } = verdict;
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
    ...(decision.outcome === 'purchased' && decision.replay ? { replay: true } : {}),
  };
  observePurchase(response.outcome, attempts, latencyMs);
  await record({ ...response, shopperId: input.shopperId, at: Date.now() });
  return { ok: true, response };
}

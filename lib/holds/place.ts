import { randomUUID } from 'node:crypto';
import type { HoldResponse } from '@/lib/api-types';
import type { PurchaseRequest } from '@/lib/inventory/decide';
import { announce, decideRequest, toldOf, type PurchaseInput } from '@/lib/inventory/purchase';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { parseHold, toHold } from './hold';

export type HoldResult =
  | { ok: true; response: HoldResponse }
  | { ok: false; reason: 'not_found' | 'idempotency_mismatch' | 'wrong_checkout_mode' };

/**
 * Places a hold of `quantity` units of `sku` for a shopper through the same admission lane and
 * watched transaction as purchases (coalesced with them, from the same buckets, under the same
 * per-shopper limit counting held and bought units, with the same Idempotency-Key): the units
 * leave the sale (stock−, held+) and come back unless the hold is ordered before it expires.
 * Never holds more than the stock; one Idempotency-Key never holds twice (a repeat answers the
 * hold as it is now). A product sold instantly is refused with `wrong_checkout_mode`.
 */
export async function placeHold(
  input: PurchaseInput,
  ctx: StoreContext = appContext(),
): Promise<HoldResult> {
  const started = performance.now();
  const request: PurchaseRequest = { ...input, orderId: randomUUID(), kind: 'hold' };
  const verdict = await decideRequest(ctx, request);
  const { decision } = verdict;
  switch (decision.outcome) {
    case 'not_found':
    case 'idempotency_mismatch':
    case 'wrong_checkout_mode':
      return { ok: false, reason: decision.outcome };
    case 'purchased':
    case 'hold_required':
    case 'unreadable_record':
      // Never for a hold request (a purchase's key reused for a hold mismatches).
      return { ok: false, reason: 'idempotency_mismatch' };
  }
  let hold = decision.outcome === 'held' ? decision.hold : undefined;
  if (decision.outcome === 'held' && !hold) {
    // A replay: the hold as it is now (it may have been ordered or have ended since).
    hold = parseHold(await ctx.store.get(ctx.keys.hold(input.sku, decision.holdId)));
    // Its record outlived: the grant is proven by the key, the details are gone.
    if (!hold) return { ok: false, reason: 'idempotency_mismatch' };
  }
  const response: HoldResponse = await announce(ctx, input, {
    outcome: decision.outcome,
    sku: input.sku,
    quantity: input.quantity,
    ...(hold ? { hold: toHold(hold) } : {}),
    ...toldOf(ctx, input, verdict, decision.remaining, started),
    ...(decision.outcome === 'held' && decision.replay ? { replay: true as const } : {}),
  });
  return { ok: true, response };
}

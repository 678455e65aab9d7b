import { HOLD_ID_PATTERN } from '@/lib/limits';
import type { EndResult } from '@/lib/holds/end';
import { toHold } from '@/lib/holds/hold';
import { RefusalError } from './handler';
import { errorJson, errorJsonWith, json } from './responses';

/** 404 `hold_not_found`: no hold has this id (or it was forgotten after HOLD_RECORD_TTL_S). */
export function holdNotFound(): RefusalError {
  return new RefusalError(errorJson(404, 'hold_not_found', 'No hold of this product has this id.'));
}

/** 403 `not_your_hold`: the hold belongs to another shopper session. */
export function notYourHold(): RefusalError {
  return new RefusalError(
    errorJson(403, 'not_your_hold', 'This hold belongs to another shopper session.'),
  );
}

/** The hold id of a path; anything that cannot be one is a 404, like an unknown one. */
export async function holdIdParam(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  if (!HOLD_ID_PATTERN.test(id)) throw holdNotFound();
  return id;
}

const ENDED_OTHERWISE = {
  hold_expired: 'The hold has expired: its units went back on sale.',
  hold_cancelled: 'The hold was cancelled: its units went back on sale.',
  hold_ordered: 'The hold was ordered already: cancel the order instead (an admin refund).',
} as const;

/** The answer of Place order, Cancel or a release: 200, or why not (the hold as it is now). */
export function endAnswer(result: EndResult): Response {
  if (result.ok) {
    const { outcome, hold, replay, attempts, conflicts } = result;
    const body = {
      outcome,
      hold: toHold(hold),
      ...(outcome === 'ordered' ? { orderId: hold.orderId } : {}),
      attempts,
      conflicts,
      ...(replay ? { replay: true } : {}),
    };
    return json(body);
  }
  switch (result.reason) {
    case 'hold_not_found':
      throw holdNotFound();
    case 'not_your_hold':
      throw notYourHold();
    case 'contention':
      return errorJson(503, 'contention', 'The store is busy with this hold; try again shortly.', {
        headers: { 'retry-after': '1' },
      });
    default:
      return errorJsonWith(409, result.reason, ENDED_OTHERWISE[result.reason], {
        hold: toHold(result.hold),
      });
  }
}

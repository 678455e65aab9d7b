import { readShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import type { Admission } from '@/lib/queue/ticket';
import { queueAdmin } from '@/lib/queue/admin';
import { pauseQueue } from '@/lib/queue/settings';
import { appContext } from '@/lib/redis/client';
import { notFound, requireAdmin, skuParam } from './guards';
import { handle, RefusalError } from './handler';
import { readCookie } from './request';
import { errorJson, json } from './responses';

/** The shopper of a read of their own (no state change, so no origin check); 401 without one. */
export async function readingShopper(request: Request): Promise<string> {
  const shopperId = await readShopper(readCookie(request, SHOPPER_COOKIE));
  if (!shopperId) {
    throw new RefusalError(
      errorJson(401, 'no_session', 'Start a shopper session first (POST /api/session).'),
    );
  }
  return shopperId;
}

const WHY: Record<Exclude<Admission, { ok: true }>['reason'], string> = {
  no_ticket: 'This product sells through its waiting room: join it first (POST …/queue/join).',
  waiting: 'It is not your turn yet: keep your place in the waiting room.',
  turn_passed: 'Your turn in the waiting room has passed.',
};

/**
 * 403 `not_admitted` for a purchase or hold on a queued product from a session not admitted now,
 * with the shopper's `position` (rank − admitted; null without a ticket) and the `reason`.
 */
export function notAdmitted(refusal: Exclude<Admission, { ok: true }>): RefusalError {
  return new RefusalError(
    json(
      {
        error: { code: 'not_admitted', message: WHY[refusal.reason], issues: [] },
        position: refusal.position,
        reason: refusal.reason,
      },
      403,
    ),
  );
}

/**
 * `POST …/queue/pause` (`paused` true: admission stops at the count reached) and `…/resume`
 * (admits again from there at the rate, never catching up on the pause): one watched re-anchor,
 * answered with the admin's view of the queue.
 */
export function pauseRoute(paused: boolean) {
  return handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
    await requireAdmin(request);
    const sku = await skuParam(ctx.params);
    const store = appContext();
    if ((await pauseQueue(store, sku, paused)) === 'not_found') throw notFound();
    const body = await queueAdmin(store, sku);
    if (!body) throw notFound();
    return json(body);
  });
}

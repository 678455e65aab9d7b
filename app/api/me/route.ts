import { readShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import { handle } from '@/lib/http/handler';
import { readCookie } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { readMine } from '@/lib/shopper/me';

export const dynamic = 'force-dynamic';

/**
 * This shopper's own units per product (held + bought) and holds (live, and ended in the last 10
 * minutes): private to the cookie, never kept by any cache.
 */
export const GET = handle(async (request: Request) => {
  const shopperId = await readShopper(readCookie(request, SHOPPER_COOKIE));
  if (!shopperId) {
    return errorJson(401, 'no_session', 'Start a shopper session first (POST /api/session).');
  }
  const { units, holds } = await readMine(shopperId);
  return json({ shopperId, units, holds }, 200, { 'cache-control': 'private, no-store' });
});

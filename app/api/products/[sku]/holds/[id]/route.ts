import { readShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import { handle } from '@/lib/http/handler';
import { skuParam } from '@/lib/http/guards';
import { holdIdParam, holdNotFound, notYourHold } from '@/lib/http/hold-answers';
import { readCookie } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { toHold } from '@/lib/holds/hold';
import { readHold } from '@/lib/holds/list';

export const dynamic = 'force-dynamic';

/** One of this shopper's holds, as it is now: private, never cached. */
export const GET = handle(
  async (request: Request, ctx: { params: Promise<{ sku: string; id: string }> }) => {
    const shopperId = await readShopper(readCookie(request, SHOPPER_COOKIE));
    if (!shopperId) {
      return errorJson(401, 'no_session', 'Start a shopper session first (POST /api/session).');
    }
    const sku = await skuParam(ctx.params);
    const hold = await readHold(sku, await holdIdParam(ctx.params));
    if (!hold) throw holdNotFound();
    if (hold.shopper !== shopperId) throw notYourHold();
    return json({ hold: toHold(hold) });
  },
);

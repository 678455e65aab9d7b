import { handle } from '@/lib/http/handler';
import { requireShopper, skuParam } from '@/lib/http/guards';
import { endAnswer, holdIdParam } from '@/lib/http/hold-answers';
import { limitShopperWrite } from '@/lib/http/shopper-limits';
import { endHold } from '@/lib/holds/end';

export const dynamic = 'force-dynamic';

/** Cancel: the held units go back on sale and the quota back to the shopper, exactly once. */
export const POST = handle(
  async (request: Request, ctx: { params: Promise<{ sku: string; id: string }> }) => {
    const shopperId = await requireShopper(request);
    const sku = await skuParam(ctx.params);
    const id = await holdIdParam(ctx.params);
    await limitShopperWrite(request, shopperId);
    return endAnswer(await endHold(sku, id, 'cancel', shopperId));
  },
);

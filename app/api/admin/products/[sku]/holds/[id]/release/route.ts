import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { endAnswer, holdIdParam } from '@/lib/http/hold-answers';
import { endHold } from '@/lib/holds/end';

export const dynamic = 'force-dynamic';

/** Releases a shopper's hold (like its Cancel, ended by `admin`): the units go back on sale. */
export const POST = handle(
  async (request: Request, ctx: { params: Promise<{ sku: string; id: string }> }) => {
    await requireAdmin(request);
    const sku = await skuParam(ctx.params);
    const id = await holdIdParam(ctx.params);
    return endAnswer(await endHold(sku, id, 'release', undefined));
  },
);

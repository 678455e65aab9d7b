import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { listOrders } from '@/lib/holds/list';

export const dynamic = 'force-dynamic';

/** The product's newest orders, placed or cancelled. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  return json({ orders: await listOrders(await skuParam(ctx.params)) });
});

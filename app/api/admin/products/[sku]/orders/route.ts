import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { pageQuerySchema } from '@/lib/api-schemas';
import { parseWith } from '@/lib/http/request';
import { listOrders } from '@/lib/inventory/admin-lists';

export const dynamic = 'force-dynamic';

/** One page of the product's orders, newest first, placed or cancelled (?limit, ?cursor). */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { limit, cursor } = parseWith(pageQuerySchema, query, 'query');
  const page = await listOrders(sku, { cursor: cursor ?? null, limit });
  return json({ orders: page.items, nextCursor: page.nextCursor });
});

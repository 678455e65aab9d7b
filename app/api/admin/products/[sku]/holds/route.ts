import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { pageQuerySchema } from '@/lib/api-schemas';
import { parseWith } from '@/lib/http/request';
import { listLiveHolds } from '@/lib/inventory/admin-lists';

export const dynamic = 'force-dynamic';

/** One page of the product's live holds, soonest expiry first, with pseudonyms (?limit, ?cursor). */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { limit, cursor } = parseWith(pageQuerySchema, query, 'query');
  const page = await listLiveHolds(sku, { cursor: cursor ?? null, limit });
  return json({ holds: page.items, nextCursor: page.nextCursor });
});

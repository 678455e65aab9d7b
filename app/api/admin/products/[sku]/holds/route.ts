import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { listLiveHolds } from '@/lib/holds/list';

export const dynamic = 'force-dynamic';

/** The product's live holds, soonest expiry first, each with its shopper's log pseudonym. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  return json({ holds: await listLiveHolds(await skuParam(ctx.params)) });
});

import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { publicJson } from '@/lib/http/public-json';
import { queueStatusBody } from '@/lib/queue/status';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The waiting room's public status: the same for everyone, cacheable like the snapshot. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const body = await queueStatusBody(await skuParam(ctx.params));
  if (!body) throw notFound();
  return publicJson(request, body);
});

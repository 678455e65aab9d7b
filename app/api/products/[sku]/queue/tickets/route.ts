import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { publicJson } from '@/lib/http/public-json';
import { errorJson } from '@/lib/http/responses';
import { queueTicketsBody } from '@/lib/queue/admin';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The seed and the pre-start tickets in rank order, for anyone to recompute (after the start). */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const body = await queueTicketsBody(await skuParam(ctx.params));
  if (!body) throw notFound();
  if (body === 'not_revealed') {
    return errorJson(409, 'not_revealed', 'The seed and the tickets are published at the start.');
  }
  return publicJson(request, body);
});

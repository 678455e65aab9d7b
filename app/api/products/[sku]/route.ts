import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { publicJson } from '@/lib/http/public-json';
import { productBody } from '@/lib/public-reads';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const body = await productBody(await skuParam(ctx.params));
  if (!body) throw notFound();
  return publicJson(request, body);
});

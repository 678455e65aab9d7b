import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { getProduct } from '@/lib/inventory/catalogue';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const product = await getProduct(await skuParam(ctx.params));
  if (!product) throw notFound();
  return json(product);
});

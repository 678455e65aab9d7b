import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { archiveProduct } from '@/lib/inventory/retire';

export const dynamic = 'force-dynamic';

/** Ends the product's sale now and takes it off the storefront; its orders stay. */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const result = await archiveProduct(await skuParam(ctx.params));
  if (!result.ok) throw notFound();
  return json(result.product);
});

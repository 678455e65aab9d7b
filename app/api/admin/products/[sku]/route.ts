import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { readJson } from '@/lib/http/request';
import { json } from '@/lib/http/responses';
import { productBodySchema } from '@/lib/http/schemas';
import { upsertProduct } from '@/lib/inventory/catalogue';

export const dynamic = 'force-dynamic';

export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const input = await readJson(request, productBodySchema);
  const { created, product } = await upsertProduct(sku, input);
  return json(product, created ? 201 : 200);
});

import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { readJson } from '@/lib/http/request';
import { errorJson, json, noContent } from '@/lib/http/responses';
import { productBodySchema } from '@/lib/api-schemas';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { deleteProduct } from '@/lib/inventory/retire';
import { notFound } from '@/lib/http/guards';

export const dynamic = 'force-dynamic';

export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const input = await readJson(request, productBodySchema);
  const { created, product } = await upsertProduct(sku, input);
  return json(product, created ? 201 : 200);
});

/** Deletes a product without orders; one with orders is kept (archive it instead). */
export const DELETE = handle(
  async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
    await requireAdmin(request);
    const result = await deleteProduct(await skuParam(ctx.params));
    if (result.ok) return noContent();
    if (result.reason === 'not_found') throw notFound();
    return errorJson(409, 'has_orders', 'This product has orders: archive it instead.');
  },
);

import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { conditional, productJson, readIfMatch } from '@/lib/http/product-version';
import { readJson } from '@/lib/http/request';
import { errorJson, noContent } from '@/lib/http/responses';
import { productBodySchema } from '@/lib/api-schemas';
import { getProduct, upsertProduct } from '@/lib/inventory/catalogue';
import { deleteProduct } from '@/lib/inventory/retire';

export const dynamic = 'force-dynamic';

/** The product as an admin edits it, its version as ETag (send it back as If-Match). */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const product = await getProduct(await skuParam(ctx.params));
  if (!product) throw notFound();
  return productJson(product);
});

/** Creates or edits a product; with If-Match, only if nobody changed it since that version. */
export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const ifMatch = readIfMatch(request);
  const input = await readJson(request, productBodySchema);
  const { created, product } = await conditional(() =>
    upsertProduct(sku, input, undefined, ifMatch),
  );
  return productJson(product, created ? 201 : 200);
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

import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { conditional, productJson, readIfMatch } from '@/lib/http/product-version';
import { readJson } from '@/lib/http/request';
import { errorJson } from '@/lib/http/responses';
import { formatCount } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { restockBodySchema } from '@/lib/api-schemas';
import { restock } from '@/lib/inventory/catalogue';

export const dynamic = 'force-dynamic';

/** Adds units; If-Match is optional (adding is right whatever was edited) and honoured when sent. */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const ifMatch = readIfMatch(request);
  const { add } = await readJson(request, restockBodySchema);
  const product = await conditional(() => restock(sku, add, undefined, ifMatch));
  if (!product) throw notFound();
  if (product === 'stock_ceiling') {
    const message = `Stock may hold at most ${formatCount(LIMITS.stock)} units.`;
    return errorJson(400, 'invalid_request', message, { issues: [{ path: 'add', message }] });
  }
  return productJson(product);
});

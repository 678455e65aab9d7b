import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { readJson } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { formatCount } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { restockBodySchema } from '@/lib/api-schemas';
import { restock } from '@/lib/inventory/catalogue';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const { add } = await readJson(request, restockBodySchema);
  const product = await restock(sku, add);
  if (!product) throw notFound();
  if (product === 'stock_ceiling') {
    const message = `Stock may hold at most ${formatCount(LIMITS.stock)} units.`;
    return errorJson(400, 'invalid_request', message, { issues: [{ path: 'add', message }] });
  }
  return json(product);
});

import { handle } from '@/lib/http/handler';
import { notFound, requireShopper, skuParam } from '@/lib/http/guards';
import { parseWith, readJson } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { limitShopperWrite } from '@/lib/http/shopper-limits';
import { idempotencyKeySchema, purchaseBodySchema } from '@/lib/api-schemas';
import { purchase } from '@/lib/inventory/purchase';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await requireShopper(request);
  const sku = await skuParam(ctx.params);
  await limitShopperWrite(request, shopperId);
  const key = request.headers.get('idempotency-key');
  const idempotencyKey =
    key === null ? undefined : parseWith(idempotencyKeySchema, key, 'Idempotency-Key header');
  const { quantity } = await readJson(request, purchaseBodySchema, { emptyAsObject: true });
  const result = await purchase({ sku, shopperId, quantity, idempotencyKey });
  if (!result.ok && result.reason === 'not_found') throw notFound();
  if (!result.ok && result.reason === 'hold_required') {
    const path = `/api/products/${sku}/holds`;
    return errorJson(409, 'hold_required', `This product is held at checkout: POST ${path}.`);
  }
  if (!result.ok) {
    return errorJson(
      422,
      'idempotency_mismatch',
      'This Idempotency-Key was used with another quantity.',
    );
  }
  const { outcome } = result.response;
  // A refusal (sold out, limit, window) is 409; only lost races ask to retry.
  const status = outcome === 'purchased' ? 200 : outcome === 'contention' ? 503 : 409;
  return json(result.response, status, status === 503 ? { 'retry-after': '1' } : {});
});

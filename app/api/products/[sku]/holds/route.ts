import { handle } from '@/lib/http/handler';
import { notFound, requireShopper, skuParam } from '@/lib/http/guards';
import { parseWith, readJson } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { limitShopperWrite } from '@/lib/http/shopper-limits';
import { holdRequestSchema, idempotencyKeySchema } from '@/lib/api-schemas';
import { placeHold } from '@/lib/holds/place';

export const dynamic = 'force-dynamic';

/** Holds units for this shopper (checkout mode `hold`): like a purchase, until ordered or expired. */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await requireShopper(request);
  const sku = await skuParam(ctx.params);
  await limitShopperWrite(request, shopperId);
  const key = request.headers.get('idempotency-key');
  const idempotencyKey =
    key === null ? undefined : parseWith(idempotencyKeySchema, key, 'Idempotency-Key header');
  const { quantity } = await readJson(request, holdRequestSchema, { emptyAsObject: true });
  const result = await placeHold({ sku, shopperId, quantity, idempotencyKey });
  if (!result.ok && result.reason === 'not_found') throw notFound();
  if (!result.ok && result.reason === 'wrong_checkout_mode') {
    const path = `/api/products/${sku}/purchase`;
    return errorJson(409, 'wrong_checkout_mode', `This product is bought at once: POST ${path}.`);
  }
  if (!result.ok) {
    return errorJson(
      422,
      'idempotency_mismatch',
      'This Idempotency-Key was used with another quantity or request.',
    );
  }
  const { outcome } = result.response;
  const status = outcome === 'held' ? 200 : outcome === 'contention' ? 503 : 409;
  return json(result.response, status, status === 503 ? { 'retry-after': '1' } : {});
});

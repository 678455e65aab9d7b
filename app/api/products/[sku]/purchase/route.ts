import { handle } from '@/lib/http/handler';
import { readCheckout } from '@/lib/http/checkout-request';
import { notFound } from '@/lib/http/guards';
import { errorJson, json } from '@/lib/http/responses';
import { purchase } from '@/lib/inventory/purchase';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  // A product with a waiting room sells only to the session whose turn it is (lib/queue).
  const checkout = await readCheckout(request, ctx.params);
  const { sku } = checkout;
  const result = await purchase(checkout);
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

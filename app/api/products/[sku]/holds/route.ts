import { handle } from '@/lib/http/handler';
import { readCheckout } from '@/lib/http/checkout-request';
import { notFound } from '@/lib/http/guards';
import { errorJson, json } from '@/lib/http/responses';
import { placeHold } from '@/lib/holds/place';

export const dynamic = 'force-dynamic';

/** Holds units for this shopper (checkout mode `hold`): like a purchase, until ordered or expired. */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  // A product with a waiting room holds only for the session whose turn it is; Place order and
  // Cancel of a hold placed in that turn are not gated.
  const checkout = await readCheckout(request, ctx.params);
  const { sku } = checkout;
  const result = await placeHold(checkout);
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

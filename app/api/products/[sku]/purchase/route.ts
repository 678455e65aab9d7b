import { consume, refund } from '@/lib/auth/rate-limits';
import { handle } from '@/lib/http/handler';
import { notFound, rateLimited, requireShopper, skuParam } from '@/lib/http/guards';
import { clientIp, parseWith, readJson } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { idempotencyKeySchema, purchaseBodySchema } from '@/lib/api-schemas';
import { purchase } from '@/lib/inventory/purchase';
import { notAdmitted } from '@/lib/http/queue-responses';
import { requireAdmitted } from '@/lib/queue/ticket';
import { appContext } from '@/lib/redis/client';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await requireShopper(request);
  const sku = await skuParam(ctx.params);
  // Per session first: shoppers behind one address (an office, a carrier's NAT) each have their
  // own allowance; the address's ceiling is far higher and counts only what a session may send.
  // Both are counted in one round trip; a session over its allowance gives the address's back.
  const ip = clientIp(request);
  const [wait, waitAddress] = await Promise.all([
    consume('purchase', shopperId),
    consume('purchaseAddress', ip),
  ]);
  if (wait > 0) {
    if (waitAddress === 0) await refund('purchaseAddress', ip);
    throw rateLimited(wait, 'Too many purchase attempts from this session');
  }
  if (waitAddress > 0) {
    throw rateLimited(waitAddress, 'Too many purchase attempts from this address');
  }
  const key = request.headers.get('idempotency-key');
  const idempotencyKey =
    key === null ? undefined : parseWith(idempotencyKeySchema, key, 'Idempotency-Key header');
  const { quantity } = await readJson(request, purchaseBodySchema, { emptyAsObject: true });
  // A product with a waiting room sells only to the session whose turn it is (lib/queue).
  const admission = await requireAdmitted(appContext(), sku, shopperId);
  if (!admission.ok) throw notAdmitted(admission);
  const result = await purchase({ sku, shopperId, quantity, idempotencyKey });
  if (!result.ok && result.reason === 'not_found') throw notFound();
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

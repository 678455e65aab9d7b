import { idempotencyKeySchema, purchaseBodySchema } from '@/lib/api-schemas';
import { requireShopper, skuParam } from '@/lib/http/guards';
import { notAdmitted } from '@/lib/http/queue-responses';
import { parseWith, readJson } from '@/lib/http/request';
import { limitShopperWrite } from '@/lib/http/shopper-limits';
import { requireAdmitted } from '@/lib/queue/ticket';
import { appContext } from '@/lib/redis/client';

/** A purchase or a hold as its route reads it: who, what, how many, under which key. */
export type CheckoutRequest = {
  shopperId: string;
  sku: string;
  quantity: number;
  idempotencyKey?: string;
};

/**
 * What a purchase and a hold both check before their watched transaction, in this order: the
 * shopper session, the SKU, the session's and the address's limits, the Idempotency-Key header,
 * the body, and — on a product with a waiting room — that this session's turn is now (403
 * `not_admitted` with its place otherwise).
 */
export async function readCheckout(
  request: Request,
  params: Promise<{ sku: string }>,
): Promise<CheckoutRequest> {
  const shopperId = await requireShopper(request);
  const sku = await skuParam(params);
  await limitShopperWrite(request, shopperId);
  const key = request.headers.get('idempotency-key');
  const idempotencyKey =
    key === null ? undefined : parseWith(idempotencyKeySchema, key, 'Idempotency-Key header');
  const { quantity } = await readJson(request, purchaseBodySchema, { emptyAsObject: true });
  const admission = await requireAdmitted(appContext(), sku, shopperId);
  if (!admission.ok) throw notAdmitted(admission);
  return { shopperId, sku, quantity, idempotencyKey };
}

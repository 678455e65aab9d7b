import { randomBytes } from 'node:crypto';
import { audit } from '@/lib/inventory/audit';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { purchase, type PurchaseResult } from '@/lib/inventory/purchase';

/** A fresh product, live since a minute ago. */
export async function createProduct(
  stock: number,
  limitPerShopper = 1000,
  sku = `p-${randomBytes(4).toString('hex')}`,
) {
  await upsertProduct(sku, {
    name: `Product ${sku}`,
    priceCents: 1000,
    stock,
    limitPerShopper,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  });
  return sku;
}

/** A shopper id of the shape sessions make. */
export function newShopperId(): string {
  return randomBytes(12).toString('base64url');
}

/** The outcome name of a purchase result (or the refusal reason). */
export function outcomeOf(result: PurchaseResult): string {
  return result.ok ? result.response.outcome : result.reason;
}

/** Fires `n` purchases at once and returns their results. */
export function buyAtOnce(
  sku: string,
  n: number,
  make: (i: number) => {
    shopperId?: string;
    quantity?: number;
    idempotencyKey?: string;
  } = () => ({}),
) {
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const { shopperId = newShopperId(), quantity = 1, idempotencyKey } = make(i);
      return purchase({ sku, shopperId, quantity, idempotencyKey });
    }),
  );
}

/** Counts of each outcome. */
export function tally(results: PurchaseResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[outcomeOf(r)] = (counts[outcomeOf(r)] ?? 0) + 1;
  return counts;
}

/** The audit row of one product. */
export async function auditOf(sku: string) {
  const report = await audit();
  const row = report.products.find((p) => p.sku === sku);
  if (!row) throw new Error(`no audit row for ${sku}`);
  return row;
}

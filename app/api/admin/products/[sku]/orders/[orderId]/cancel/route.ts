import { handle } from '@/lib/http/handler';
import { requireAdmin, skuParam } from '@/lib/http/guards';
import { errorJson, json } from '@/lib/http/responses';
import { HOLD_ID_PATTERN } from '@/lib/limits';
import { refundOrder } from '@/lib/inventory/refund';

export const dynamic = 'force-dynamic';

const notFound = () => errorJson(404, 'order_not_found', 'This product has no order with this id.');

/** Cancels an order (a refund): its units go back on sale exactly once. */
export const POST = handle(
  async (request: Request, ctx: { params: Promise<{ sku: string; orderId: string }> }) => {
    await requireAdmin(request);
    const sku = await skuParam(ctx.params);
    const { orderId } = await ctx.params;
    if (!HOLD_ID_PATTERN.test(orderId)) return notFound();
    const result = await refundOrder(sku, orderId);
    if (result.ok) {
      const { quantity, attempts, conflicts } = result;
      return json({ outcome: 'refunded', orderId, quantity, attempts, conflicts });
    }
    if (result.reason === 'order_not_found') return notFound();
    if (result.reason === 'contention') {
      return errorJson(503, 'contention', 'The store is busy with this order; try again shortly.', {
        headers: { 'retry-after': '1' },
      });
    }
    return errorJson(409, 'order_cancelled', 'This order was cancelled already.');
  },
);

'use client';

import { formatClock, formatCount, formatPrice, formatQuantity } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { AdminOrder } from '@/components/store/hold-types';

const MUTED = 'text-zinc-500 dark:text-zinc-400';

function OrderItem({
  order,
  asking,
  pending,
  onAsk,
  onConfirm,
  onKeep,
}: {
  order: AdminOrder;
  asking: boolean;
  pending: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const cancelled = order.state === 'cancelled';
  return (
    <li data-testid={`admin-order-${order.id}`} data-state={order.state} className="px-3 py-2.5">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p
            className={`truncate font-mono text-xs ${cancelled ? `${MUTED} line-through` : 'text-zinc-900 dark:text-zinc-100'}`}
            title={order.id}
          >
            {order.id}
          </p>
          <p className={`mt-0.5 text-xs tabular-nums ${MUTED}`}>
            <span className="font-mono">{order.shopper}</span> ·{' '}
            <time dateTime={order.at}>{formatClock(order.at)}</time> ·{' '}
            {formatQuantity(order.quantity, 'unit')} ·{' '}
            {formatPrice(order.priceCents * order.quantity)}
          </p>
        </div>
        <div className="shrink-0">
          {cancelled ? (
            <Badge tone="neutral">refunded</Badge>
          ) : asking ? null : (
            <Button
              size="sm"
              variant="ghost"
              className="text-red-700 dark:text-red-400"
              onClick={onAsk}
              aria-label={`Cancel order ${order.id}…`}
            >
              Cancel order…
            </Button>
          )}
        </div>
      </div>
      {asking && !cancelled ? (
        <div
          role="group"
          aria-label={`Confirm cancelling order ${order.id}`}
          className="mt-2 flex flex-wrap items-center justify-end gap-2 rounded-lg bg-red-50 px-2.5 py-1.5 ring-1 ring-red-200 ring-inset dark:bg-red-950/40 dark:ring-red-900"
        >
          <span className="mr-auto text-xs text-red-800 dark:text-red-200">
            Refund {formatCount(order.quantity)}? The units go back on sale.
          </span>
          <Button size="sm" variant="ghost" disabled={pending} onClick={onKeep}>
            Keep
          </Button>
          <Button size="sm" variant="danger" disabled={pending} onClick={onConfirm}>
            {pending ? 'Cancelling…' : 'Cancel order'}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * A product's newest orders, each with Cancel order: the first click asks (how many units go
 * back), the second refunds. A refunded order stays listed, struck through.
 */
export function OrdersList({
  orders,
  asking,
  pending,
  onAsk,
  onConfirm,
}: {
  orders: AdminOrder[];
  /** The order whose confirm step is open (null: none). */
  asking: string | null;
  /** The order being cancelled now. */
  pending: string | null;
  onAsk: (orderId: string | null) => void;
  onConfirm: (order: AdminOrder) => void;
}) {
  return (
    <div
      className="max-h-80 overflow-y-auto focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none"
      tabIndex={0}
      role="region"
      aria-label="Recent orders, newest first (scrollable)"
    >
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {orders.map((order) => (
          <OrderItem
            key={order.id}
            order={order}
            asking={asking === order.id}
            pending={pending === order.id}
            onAsk={() => onAsk(order.id)}
            onConfirm={() => onConfirm(order)}
            onKeep={() => onAsk(null)}
          />
        ))}
      </ul>
    </div>
  );
}

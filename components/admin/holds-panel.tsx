'use client';

import { useState } from 'react';
import type { Product } from '@/lib/api-types';
import { formatCount, formatCountdown } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import {
  checkoutModeOf,
  formatHoldTime,
  heldOf,
  holdSecondsOf,
  type AdminHold,
  type AdminOrder,
} from '@/components/store/hold-types';
import { inputClass, Notice } from './controls';
import { OrdersList } from './orders-list';
import { EmptyLine, ListSection } from './list-section';
import {
  adminRefusal,
  cancelOrderPath,
  releasePath,
  useAdminHolds,
  useAdminOrders,
  usePageTrail,
} from './use-holds-orders';
import { useAdminApi } from './use-admin-api';

const TH =
  'px-3 py-2 text-left text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:text-zinc-400';
const TD = 'px-3 py-2.5 align-middle';
const FIGURE = 'font-mono text-xs tabular-nums';
const MUTED = 'text-zinc-500 dark:text-zinc-400';

/** Hold products first, then those with units in carts, then by SKU: the likely choice on top. */
function byHoldInterest(a: Product, b: Product): number {
  const rank = (p: Product) => (checkoutModeOf(p) === 'hold' ? 0 : heldOf(p) > 0 ? 1 : 2);
  return rank(a) - rank(b) || a.sku.localeCompare(b.sku);
}

type Flash = { tone: 'success' | 'error'; text: string } | null;

function HoldsTable({
  holds,
  now,
  pending,
  onRelease,
}: {
  holds: AdminHold[];
  now: number;
  pending: string | null;
  onRelease: (hold: AdminHold) => void;
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Live holds, soonest expiry first</caption>
      <thead className="border-b border-zinc-200 dark:border-zinc-800">
        <tr>
          <th scope="col" className={TH}>
            Shopper
          </th>
          <th scope="col" className={`${TH} text-right`}>
            Units
          </th>
          <th scope="col" className={`${TH} text-right`}>
            Time left
          </th>
          <th scope="col" className={TH}>
            <span className="sr-only">Release</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {holds.map((hold) => {
          const left = Date.parse(hold.expiresAt) - now;
          const hurry = left <= 10_000;
          return (
            <tr key={hold.id} data-testid={`admin-hold-${hold.id}`} data-shopper={hold.shopper}>
              <td className={`${TD} ${FIGURE}`} title={`hold ${hold.id}`}>
                {hold.shopper}
              </td>
              <td className={`${TD} text-right tabular-nums`}>{formatCount(hold.quantity)}</td>
              <td
                className={`${TD} text-right whitespace-nowrap tabular-nums ${hurry ? 'font-medium text-amber-800 dark:text-amber-300' : ''}`}
              >
                {left > 0 ? formatCountdown(left) : 'expiring…'}
              </td>
              <td className={`${TD} text-right`}>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending === hold.id}
                  onClick={() => onRelease(hold)}
                  aria-label={`Release the hold of shopper ${hold.shopper}`}
                >
                  {pending === hold.id ? 'Releasing…' : 'Release'}
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One product's holds and orders, polled every second: each live hold with its shopper's
 * pseudonym, units and time left, and Release; the newest orders with Cancel order (a refund,
 * after a confirm step). Every answer is the server's decision: a hold that expired or was
 * ordered meanwhile is said so, never released twice.
 */
export function HoldsPanel({
  products,
  onChanged,
}: {
  products: Product[] | undefined;
  /** After a release or refund: the catalogue's figures changed. */
  onChanged: () => void;
}) {
  const sorted = products ? [...products].sort(byHoldInterest) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const sku = chosen && sorted.some((p) => p.sku === chosen) ? chosen : (sorted[0]?.sku ?? null);
  const product = sorted.find((p) => p.sku === sku);
  const holdPages = usePageTrail(sku);
  const orderPages = usePageTrail(sku);
  const holds = useAdminHolds(sku, holdPages.cursor);
  const orders = useAdminOrders(sku, orderPages.cursor);
  const live = holds.data?.holds ?? [];
  const now = useNow(live.length > 0);
  const [pending, setPending] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [flash, setFlash] = useState<Flash>(null);
  const callAdminApi = useAdminApi();

  async function release(hold: AdminHold) {
    if (!sku) return;
    setPending(hold.id);
    const result = await callAdminApi<unknown>(releasePath(sku, hold.id), { method: 'POST' });
    setPending(null);
    setFlash(
      result.ok
        ? {
            tone: 'success',
            text: `Released ${formatCount(hold.quantity)} from shopper ${hold.shopper}: back on sale.`,
          }
        : { tone: 'error', text: adminRefusal(result.error) },
    );
    void holds.mutate();
    void orders.mutate();
    onChanged();
  }

  async function cancelOrder(order: AdminOrder) {
    if (!sku) return;
    setPending(order.id);
    const result = await callAdminApi<{ quantity: number }>(cancelOrderPath(sku, order.id), {
      method: 'POST',
    });
    setPending(null);
    setAsking(null);
    setFlash(
      result.ok
        ? {
            tone: 'success',
            text: `Cancelled order ${order.id}: ${formatCount(result.data.quantity)} back on sale.`,
          }
        : { tone: 'error', text: adminRefusal(result.error) },
    );
    void orders.mutate();
    onChanged();
  }

  const picker = (
    <div className="flex items-center gap-2">
      <label
        htmlFor="holds-product"
        className="text-xs font-medium text-zinc-600 dark:text-zinc-400"
      >
        Product
      </label>
      <select
        id="holds-product"
        data-testid="holds-product"
        value={sku ?? ''}
        onChange={(e) => {
          setChosen(e.target.value);
          setAsking(null);
          setFlash(null);
        }}
        disabled={sorted.length === 0}
        className={inputClass(false, 'max-w-56 pr-8')}
      >
        {sorted.map((p) => (
          <option key={p.sku} value={p.sku}>
            {p.name}
            {checkoutModeOf(p) === 'hold' ? ' · hold' : ''}
          </option>
        ))}
      </select>
    </div>
  );

  const orderList = orders.data?.orders ?? [];
  return (
    <Panel
      title="Holds and orders"
      headingId="holds-heading"
      description="Units in shoppers’ carts with their time left, and the newest orders. Release puts a hold’s units back on sale; Cancel order refunds one, exactly once."
      aside={picker}
      testId="admin-holds"
    >
      <div className="space-y-3 p-4" aria-live="polite">
        {flash ? (
          <Notice tone={flash.tone} onDismiss={() => setFlash(null)}>
            {flash.text}
          </Notice>
        ) : null}
        {holds.error && !holds.data ? (
          <Notice tone="error">The holds could not be loaded: {holds.error.message}</Notice>
        ) : null}
        {product ? (
          <p className={`text-sm ${MUTED}`} data-testid="holds-summary">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{product.name}</span> ·{' '}
            {checkoutModeOf(product) === 'hold'
              ? `hold at checkout, ${formatHoldTime(holdSecondsOf(product))}`
              : 'instant checkout'}{' '}
            · <span className="tabular-nums">{formatCount(heldOf(product))} held</span> ·{' '}
            <span className="tabular-nums">{formatCount(product.sold)} sold</span>
          </p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <ListSection
            id="live-holds-heading"
            title="Live holds"
            label="live holds"
            count={live.length}
            nextCursor={holds.data?.nextCursor}
            loading={!holds.data && !holds.error && Boolean(sku)}
            empty={<EmptyLine>No units in carts right now.</EmptyLine>}
            pages={holdPages}
          >
            <HoldsTable
              holds={[...live].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt))}
              now={now}
              pending={pending}
              onRelease={(hold) => void release(hold)}
            />
          </ListSection>
          <ListSection
            id="orders-heading"
            title="Recent orders"
            label="orders"
            count={orderList.length}
            nextCursor={orders.data?.nextCursor}
            loading={!orders.data && !orders.error && Boolean(sku)}
            empty={<EmptyLine>No orders yet.</EmptyLine>}
            pages={orderPages}
          >
            <OrdersList
              orders={orderList}
              asking={asking}
              pending={pending}
              onAsk={setAsking}
              onConfirm={(order) => void cancelOrder(order)}
            />
          </ListSection>
        </div>
      </div>
    </Panel>
  );
}

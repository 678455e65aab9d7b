'use client';

import type { Product } from '@/lib/api-types';
import { formatCount, formatDateTime, formatPrice, formatWhen } from '@/lib/format';
import { Skeleton } from '@/components/ui/skeleton';
import { StateMessage } from '@/components/ui/state-message';
import { ProductStatusBadge } from '@/components/ui/status-badges';
import { RestockForm } from './restock-form';
import { useNow } from '@/components/ui/use-now';
import { Button } from '@/components/ui/button';
import { PHONE_LABEL } from './phone-table';
import {
  checkoutModeOf,
  formatHoldTime,
  heldOf,
  holdSecondsOf,
} from '@/components/store/hold-types';

// Below `xl` (a tablet, a small laptop) Total, Limit and Sale window fold into the cells beside
// them, so the row's actions stay on screen without scrolling sideways.
const WIDE = 'hidden xl:table-cell max-sm:hidden!';
const NARROW = 'xl:hidden';

const TH =
  'px-2 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase xl:px-3 dark:text-zinc-400';
const TD = 'px-2 py-3 align-top xl:px-3 max-sm:block max-sm:px-0 max-sm:py-1';
/**
 * On a phone a row becomes a small card (a three-column grid: name and Edit, then price, stock
 * and sold, then status and restock across), so nothing scrolls sideways; each figure shows its
 * column's name from `data-label` there, since the header row is hidden.
 */
const PHONE_ROW = 'max-sm:grid max-sm:grid-cols-3 max-sm:gap-x-3 max-sm:px-4 max-sm:py-3';
const PHONE_WIDE = 'max-sm:col-span-3';
const NUM = `${TD} text-right tabular-nums`;
const MUTED = 'text-zinc-500 dark:text-zinc-400';

/** What happens next in the sale window, e.g. "starts in 3 min 05 s". */
function nextEvent(product: Product, now: number): string | null {
  if (Date.parse(product.startsAt) > now) return `starts ${formatWhen(product.startsAt, now)}`;
  if (product.endsAt !== null) {
    if (Date.parse(product.endsAt) > now && product.status !== 'sold_out')
      return `ends ${formatWhen(product.endsAt, now)}`;
  }
  return null;
}

function SaleWindow({ product }: { product: Product }) {
  return (
    <>
      <div className="text-zinc-800 dark:text-zinc-200">{formatDateTime(product.startsAt)}</div>
      <div className={MUTED}>
        {product.endsAt === null ? 'no end' : `→ ${formatDateTime(product.endsAt)}`}
      </div>
    </>
  );
}

function ProductRow({
  product,
  now,
  onEdit,
  onRestocked,
}: {
  product: Product;
  now: number;
  onEdit: (p: Product) => void;
  onRestocked: (p: Product) => void;
}) {
  const next = nextEvent(product, now);
  const count = formatCount;
  return (
    <tr
      data-testid={`admin-row-${product.sku}`}
      className={`hover:bg-zinc-50/70 dark:hover:bg-zinc-800/40 ${PHONE_ROW}`}
    >
      <td className={`${TD} max-w-40 pl-4 xl:max-w-64 xl:pl-4 max-sm:col-span-2 max-sm:max-w-none`}>
        <div className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={product.name}>
          {product.name}
        </div>
        <div className={`truncate text-xs ${MUTED}`}>
          <span className="font-mono">{product.sku}</span>
        </div>
      </td>
      <td className={`${NUM} ${PHONE_LABEL}`} data-label="Price">
        <div>{formatPrice(product.priceCents)}</div>
        <div className={`text-xs whitespace-nowrap ${MUTED} ${NARROW}`}>
          limit {product.limitPerShopper}
        </div>
      </td>
      <td className={`${NUM} ${PHONE_LABEL}`} data-label="Stock">
        <div
          data-testid={`admin-stock-${product.sku}`}
          className={`font-semibold ${product.stock > 0 ? 'text-zinc-900 dark:text-zinc-100' : heldOf(product) > 0 ? 'text-amber-700 dark:text-amber-400' : 'text-red-600 dark:text-red-400'}`}
        >
          {count(product.stock)}
        </div>
        <div className={`text-xs ${MUTED} ${NARROW}`}>of {count(product.totalStock)}</div>
        {heldOf(product) > 0 ? (
          <div
            data-testid={`admin-held-${product.sku}`}
            className="text-xs whitespace-nowrap text-blue-700 dark:text-blue-300"
          >
            {count(heldOf(product))} held
          </div>
        ) : null}
      </td>
      <td className={`${NUM} ${PHONE_LABEL} text-zinc-600 dark:text-zinc-300`} data-label="Sold">
        {count(product.sold)}
      </td>
      <td className={`${NUM} ${WIDE} text-zinc-600 dark:text-zinc-300`}>
        {count(product.totalStock)}
      </td>
      <td className={`${NUM} ${WIDE} text-zinc-600 dark:text-zinc-300`}>
        {count(product.limitPerShopper)}
      </td>
      <td className={`${TD} ${WIDE} text-xs whitespace-nowrap tabular-nums`}>
        <SaleWindow product={product} />
      </td>
      <td className={`${TD} ${PHONE_WIDE} text-xs whitespace-nowrap tabular-nums`}>
        <ProductStatusBadge status={product.status} />
        <div
          data-testid={`admin-mode-${product.sku}`}
          className={`mt-1 ${product.purchaseMode === 'plain' ? 'font-medium text-violet-800 dark:text-violet-300' : MUTED}`}
        >
          {product.purchaseMode === 'plain' ? 'plain · 1 tx per buyer' : 'coalesced'}
          {product.buckets > 1 ? ` · ${product.buckets} buckets` : ''}
        </div>
        {checkoutModeOf(product) === 'hold' ? (
          <div
            data-testid={`admin-checkout-${product.sku}`}
            className="mt-1 font-medium text-blue-700 dark:text-blue-300"
          >
            hold · {formatHoldTime(holdSecondsOf(product))}
          </div>
        ) : null}
        {next ? <div className={`mt-1 ${MUTED}`}>{next}</div> : null}
        <div className={`mt-1 ${NARROW}`}>
          <SaleWindow product={product} />
        </div>
      </td>
      <td className={`${TD} ${PHONE_WIDE} pr-0 xl:pr-1`}>
        <RestockForm product={product} onRestocked={onRestocked} />
      </td>
      <td className={`${TD} pr-3 text-right max-sm:col-start-3 max-sm:row-start-1 max-sm:pr-0`}>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onEdit(product)}
          aria-label={`Edit ${product.name}`}
        >
          Edit
        </Button>
      </td>
    </tr>
  );
}

function SkeletonRows() {
  return (
    <>
      {[0, 1, 2, 3].map((i) => (
        <tr key={i} aria-hidden>
          <td className={`${TD} pl-4`}>
            <Skeleton className="h-4 w-32" />
            <Skeleton className="mt-1.5 h-3 w-24" />
          </td>
          {['', '', '', WIDE, WIDE, WIDE, '', '', ''].map((visibility, j) => (
            <td key={j} className={`${TD} ${visibility}`}>
              <Skeleton className="h-4" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** The catalogue as a dense table: figures aligned, restock and edit at the end of each row. */
export function ProductsTable({
  products,
  onEdit,
  onCreate,
  onRestocked,
}: {
  /** Undefined while the first poll is on its way. */
  products: Product[] | undefined;
  onEdit: (p: Product) => void;
  onCreate: () => void;
  onRestocked: (p: Product) => void;
}) {
  const now = useNow(true);
  const empty = products !== undefined && products.length === 0;
  return (
    <div className="sm:overflow-x-auto">
      <table
        className="w-full border-collapse text-sm max-sm:block sm:min-w-[42rem]"
        aria-busy={products === undefined}
      >
        <caption className="sr-only">Products, refreshed every second</caption>
        <thead className="max-sm:hidden border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={`${TH} pl-4 text-left xl:pl-4`}>
              Product
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Price
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Stock
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Sold
            </th>
            <th scope="col" className={`${TH} ${WIDE} text-right`}>
              Total
            </th>
            <th
              scope="col"
              className={`${TH} ${WIDE} text-right`}
              title="Units one shopper may buy"
            >
              Limit
            </th>
            <th scope="col" className={`${TH} ${WIDE} text-left`}>
              Sale window
            </th>
            <th scope="col" className={`${TH} text-left`}>
              Status
            </th>
            <th scope="col" className={`${TH} pr-0 text-right xl:pr-1`}>
              Restock
            </th>
            <th scope="col" className={`${TH} pr-3`}>
              <span className="sr-only">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 max-sm:block dark:divide-zinc-800">
          {products === undefined ? (
            <SkeletonRows />
          ) : (
            products.map((product) => (
              <ProductRow
                key={product.sku}
                product={product}
                now={now}
                onEdit={onEdit}
                onRestocked={onRestocked}
              />
            ))
          )}
        </tbody>
      </table>
      {empty ? (
        <StateMessage title="No products yet" className="py-14">
          <p>Create the first product of the sale, or load the demo catalogue with “Reset demo”.</p>
          <Button variant="primary" className="mt-4" onClick={onCreate}>
            New product
          </Button>
        </StateMessage>
      ) : null}
    </div>
  );
}

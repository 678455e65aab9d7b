'use client';

import type { Product } from '@/lib/api-types';
import { formatCountdown, formatPrice } from '@/lib/format';
import { Button } from './controls';
import { formatWhen } from './datetime';
import { RestockForm } from './restock-form';
import { StatusBadge } from './status-badge';
import { useNow } from './use-now';

const TH =
  'px-3 py-2.5 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const TD = 'px-3 py-3 align-top';
const NUM = `${TD} text-right tabular-nums`;

/** What happens next in the sale window, e.g. "starts in 3 min 05 s". */
function nextEvent(product: Product, now: number): string | null {
  const starts = Date.parse(product.startsAt);
  if (starts > now) return `starts in ${formatCountdown(starts - now)}`;
  if (product.endsAt !== null) {
    const ends = Date.parse(product.endsAt);
    if (ends > now && product.status !== 'sold_out')
      return `ends in ${formatCountdown(ends - now)}`;
  }
  return null;
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
  return (
    <tr
      data-testid={`admin-row-${product.sku}`}
      className="hover:bg-zinc-50/70 dark:hover:bg-zinc-800/40"
    >
      <td className={`${TD} max-w-56`}>
        <div className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={product.name}>
          {product.name}
        </div>
        <div className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {product.sku}
        </div>
      </td>
      <td className={NUM}>{formatPrice(product.priceCents)}</td>
      <td
        data-testid={`admin-stock-${product.sku}`}
        className={`${NUM} font-semibold ${product.stock === 0 ? 'text-red-600 dark:text-red-400' : 'text-zinc-900 dark:text-zinc-100'}`}
      >
        {product.stock.toLocaleString('en-US')}
      </td>
      <td className={`${NUM} text-zinc-600 dark:text-zinc-300`}>
        {product.sold.toLocaleString('en-US')}
      </td>
      <td className={`${NUM} text-zinc-600 dark:text-zinc-300`}>
        {product.totalStock.toLocaleString('en-US')}
      </td>
      <td className={`${NUM} text-zinc-600 dark:text-zinc-300`}>{product.limitPerShopper}</td>
      <td className={`${TD} text-xs whitespace-nowrap tabular-nums`}>
        <div className="text-zinc-800 dark:text-zinc-200">{formatWhen(product.startsAt)}</div>
        <div className="text-zinc-500 dark:text-zinc-400">
          {product.endsAt === null ? 'no end' : `→ ${formatWhen(product.endsAt)}`}
        </div>
      </td>
      <td className={TD}>
        <StatusBadge status={product.status} />
        {next ? (
          <div className="mt-1 text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">
            {next}
          </div>
        ) : null}
      </td>
      <td className={`${TD} pr-1`}>
        <RestockForm product={product} onRestocked={onRestocked} />
      </td>
      <td className={`${TD} pl-1 text-right`}>
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
          {Array.from({ length: 10 }, (_, j) => (
            <td key={j} className={TD}>
              <div className="h-4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
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
  const now = useNow(1000);
  const empty = products !== undefined && products.length === 0;
  return (
    <div className="overflow-x-auto">
      <table
        className="w-full min-w-[60rem] border-collapse text-sm"
        aria-busy={products === undefined}
      >
        <caption className="sr-only">Products, refreshed every second</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={`${TH} text-left`}>
              Product / SKU
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
            <th scope="col" className={`${TH} text-right`}>
              Total
            </th>
            <th scope="col" className={`${TH} text-right`} title="Units one shopper may buy">
              Limit
            </th>
            <th scope="col" className={`${TH} text-left`}>
              Sale window
            </th>
            <th scope="col" className={`${TH} text-left`}>
              Status
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Restock
            </th>
            <th scope="col" className={TH}>
              <span className="sr-only">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
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
        <div className="px-6 py-14 text-center">
          <p className="font-medium text-zinc-900 dark:text-zinc-100">No products yet</p>
          <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
            Create the first product of the sale, or load the demo catalogue with “Reset demo”.
          </p>
          <Button variant="primary" className="mt-4" onClick={onCreate}>
            New product
          </Button>
        </div>
      ) : null}
    </div>
  );
}

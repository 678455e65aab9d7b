'use client';

import useSWR from 'swr';
import type { Product, ProductsBody } from '@/lib/api-types';
import { formatCount, formatDateTime } from '@/lib/format';
import { fetchJson } from '@/components/ui/api-client';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';

export const ARCHIVED_PATH = '/api/admin/archived';

/** Archived products (off the storefront, orders kept), each with Restore; hidden while there are none. */
export function ArchivedPanel({ onRestore }: { onRestore: (product: Product) => void }) {
  const { data } = useSWR<ProductsBody>(ARCHIVED_PATH, fetchJson);
  if (!data || data.products.length === 0) return null;
  return (
    <Panel
      title="Archived"
      headingId="archived-heading"
      description="Off the storefront, their orders kept. Restore puts one back on sale."
    >
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {data.products.map((p) => (
          <li
            key={p.sku}
            data-testid={`archived-${p.sku}`}
            className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 text-sm"
          >
            <span className="min-w-0 truncate font-medium" title={p.name}>
              {p.name}{' '}
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{p.sku}</span>
            </span>
            <span className="flex items-center gap-3">
              <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                {formatCount(p.sold)} sold{p.endsAt ? ` · ended ${formatDateTime(p.endsAt)}` : ''}
              </span>
              <Button variant="secondary" size="sm" onClick={() => onRestore(p)}>
                Restore…
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

'use client';

import { useState } from 'react';
import type { Product } from '@/lib/api-types';
import { formatQuantity } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { useAdminApi } from './use-admin-api';

/**
 * Takes a product off the sale from its edit form: Delete when it has no orders (everything of
 * it goes), Archive otherwise (its sale ends now, it leaves the storefront, its orders stay). The
 * first click asks, the second does it.
 */
export function RetireAction({
  product,
  onRetired,
  onError,
}: {
  product: Product;
  onRetired: (text: string) => void;
  onError: (message: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();
  const deletes = product.sold === 0;
  const path = `/api/admin/products/${encodeURIComponent(product.sku)}`;

  async function retire() {
    setPending(true);
    const result = deletes
      ? await callAdminApi<undefined>(path, { method: 'DELETE' })
      : await callAdminApi<Product>(`${path}/archive`, { method: 'POST' });
    setPending(false);
    if (result.ok) onRetired(deletes ? `Deleted ${product.sku}.` : `Archived ${product.sku}.`);
    else onError(result.error.message);
  }

  if (!asking) {
    return (
      <Button
        variant="ghost"
        className="text-red-700 dark:text-red-400"
        onClick={() => setAsking(true)}
      >
        {deletes ? 'Delete…' : 'Archive…'}
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-label={deletes ? 'Confirm delete' : 'Confirm archive'}
      className="flex flex-wrap items-center gap-2"
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {deletes
          ? 'No orders: the product goes for good.'
          : `${formatQuantity(product.sold, 'unit')} sold: the sale ends now, orders stay.`}
      </p>
      <Button variant="danger" size="sm" onClick={() => void retire()} disabled={pending}>
        {pending ? 'Working…' : deletes ? 'Delete for good' : 'Archive now'}
      </Button>
    </div>
  );
}

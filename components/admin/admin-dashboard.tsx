'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import type { Product } from '@/lib/api-types';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { StateMessage } from '@/components/ui/state-message';
import { LOGIN_PATH } from './api';
import { AuditPanel } from './audit-panel';
import { Card, Notice } from './controls';
import { Modal } from './modal';
import { ProductForm } from './product-form';
import { ProductsTable } from './products-table';
import { ResetDialog } from './reset-dialog';
import { useAdminApi, useReload } from './use-admin-api';
import { useProducts } from './use-products';
import { AdminWordmark } from './wordmark';
import { Button } from '@/components/ui/button';

type Editing = { mode: 'create' } | { mode: 'edit'; product: Product } | null;
type Flash = { tone: 'success' | 'error'; text: string };

function bySku(a: Product, b: Product) {
  return a.sku.localeCompare(b.sku);
}

function LiveIndicator({ failing }: { failing: boolean }) {
  return (
    <span role="status" aria-live="polite">
      {failing ? (
        <Badge tone="warning" dot="pulse">
          reconnecting…
        </Badge>
      ) : (
        <Badge tone="success" dot>
          live · every second
        </Badge>
      )}
    </span>
  );
}

/** The admin page: the live catalogue with restock and edit, create, reset, audit and logout. */
export function AdminDashboard() {
  const { data, error, mutate } = useProducts();
  const [editing, setEditing] = useState<Editing>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  const callAdminApi = useAdminApi();
  const reload = useReload();

  const products = useMemo(() => (data ? [...data.products].sort(bySku) : undefined), [data]);
  const skus = useMemo(() => new Set(products?.map((p) => p.sku)), [products]);

  useEffect(() => {
    if (flash?.tone !== 'success') return;
    const id = window.setTimeout(() => setFlash(null), 5000);
    return () => window.clearTimeout(id);
  }, [flash]);

  function showRestocked(updated: Product) {
    // The restock answer is the product as stored: show it now, then let polling take over.
    void mutate(
      (current) =>
        current && { products: current.products.map((p) => (p.sku === updated.sku ? updated : p)) },
      { revalidate: false },
    );
  }

  async function logOut() {
    setLoggingOut(true);
    const result = await callAdminApi<undefined>('/api/admin/logout', { method: 'POST' });
    if (result.ok) {
      reload(LOGIN_PATH);
      return;
    }
    setLoggingOut(false);
    if (result.status !== 401)
      setFlash({ tone: 'error', text: `Could not log out: ${result.message}` });
  }

  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
          <AdminWordmark />
          <nav className="ml-auto flex items-center gap-1" aria-label="Admin">
            <Link
              href="/"
              className="inline-flex h-9 items-center rounded-lg px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
            >
              View store
            </Link>
            <Button variant="ghost" onClick={logOut} disabled={loggingOut}>
              {loggingOut ? 'Logging out…' : 'Log out'}
            </Button>
          </nav>
        </div>
      </header>

      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Products</h1>
            <p className="mt-1 flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
              <span className="tabular-nums">
                {products
                  ? `${products.length} ${products.length === 1 ? 'product' : 'products'}`
                  : 'Loading…'}
              </span>
              <LiveIndicator failing={error !== undefined} />
            </p>
          </div>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setResetOpen(true)}>
              Reset demo…
            </Button>
            <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
              New product
            </Button>
          </div>
        </div>

        {flash ? <Notice tone={flash.tone}>{flash.text}</Notice> : null}
        {error && products ? (
          <Notice tone="error">
            Live updates paused: {error.message} The figures below may be out of date; retrying
            every second.
          </Notice>
        ) : null}

        <Card className="overflow-hidden">
          {error && !products ? (
            <StateMessage
              role="alert"
              title="The products could not be loaded — retrying"
              icon={<Spinner className="size-6" />}
              className="py-14"
            >
              <p>{error.message}</p>
              <Button variant="secondary" className="mt-4" onClick={() => void mutate()}>
                Try now
              </Button>
            </StateMessage>
          ) : (
            <ProductsTable
              products={products}
              onEdit={(product) => setEditing({ mode: 'edit', product })}
              onCreate={() => setEditing({ mode: 'create' })}
              onRestocked={showRestocked}
            />
          )}
        </Card>

        <AuditPanel />
      </main>

      <Modal
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? `Edit ${editing.product.name}` : 'New product'}
        description={
          editing?.mode === 'edit'
            ? 'Change the name, price, limit or sale window. Stock changes only through Restock.'
            : 'The product appears in the store as soon as it is created; schedule a start to hold it back.'
        }
      >
        {editing ? (
          <ProductForm
            product={editing.mode === 'edit' ? editing.product : undefined}
            existingSkus={skus}
            onCancel={() => setEditing(null)}
            onSaved={(sku, created) => {
              setEditing(null);
              setFlash({ tone: 'success', text: created ? `Created ${sku}.` : `Saved ${sku}.` });
              void mutate();
            }}
          />
        ) : null}
      </Modal>

      <ResetDialog
        open={resetOpen}
        onClose={() => setResetOpen(false)}
        onDone={() => {
          setResetOpen(false);
          setFlash({ tone: 'success', text: 'The demo catalogue is loaded.' });
          void mutate();
        }}
      />
    </div>
  );
}

'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { Product } from '@/lib/api-types';
import { formatQuantity } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { StateMessage } from '@/components/ui/state-message';
import { ArchivedPanel, ARCHIVED_PATH } from './archived-panel';
import { AuditPanel } from './audit-panel';
import { HoldsPanel } from './holds-panel';
import { QueuePanel } from './queue-panel';
import { useSWRConfig } from 'swr';
import { Notice } from './controls';
import { Panel } from '@/components/ui/panel';
import { Modal } from './modal';
import { ProductForm } from './product-form';
import { ProductsTable } from './products-table';
import { ResetDialog } from './reset-dialog';
import { LOGIN_PATH, useAdminApi, useReload } from './use-admin-api';
import { useProducts } from '@/components/ui/use-products';
import { AdminWordmark } from './wordmark';
import { Button } from '@/components/ui/button';

type Editing =
  | { mode: 'create' }
  | { mode: 'edit'; product: Product }
  | { mode: 'restore'; product: Product }
  | null;

const DIALOG_TEXT = {
  create: {
    title: () => 'New product',
    description:
      'The product appears in the store as soon as it is created; schedule a start to hold it back.',
  },
  edit: {
    title: (name: string) => `Edit ${name}`,
    description:
      'Change the name, price, limit, sale window or checkout. Stock changes only through Restock.',
  },
  restore: {
    title: (name: string) => `Restore ${name}`,
    description:
      'Saving puts it back on the storefront with its stock and orders. Its old end is cleared: set a new one or leave Ends empty.',
  },
} as const;
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
  const { mutate: globalMutate } = useSWRConfig();

  const products = useMemo(() => (data ? [...data.products].sort(bySku) : undefined), [data]);
  const skus = useMemo(() => new Set(products?.map((p) => p.sku)), [products]);

  function showStored(updated: Product) {
    // A restock or image answer is the product as stored: show it now, polling takes over.
    void mutate(
      (current) =>
        current && { products: current.products.map((p) => (p.sku === updated.sku ? updated : p)) },
      { revalidate: false },
    );
  }

  /** Ends this session, or with `everywhere` every admin session (other browsers too). */
  async function logOut(everywhere = false) {
    setLoggingOut(true);
    const result = await callAdminApi<undefined>('/api/admin/logout', {
      method: 'POST',
      ...(everywhere ? { body: { everywhere: true } } : {}),
    });
    if (result.ok) {
      reload(LOGIN_PATH);
      return;
    }
    setLoggingOut(false);
    if (result.error.status !== 401)
      setFlash({ tone: 'error', text: `Could not log out: ${result.error.message}` });
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
            <Button variant="ghost" onClick={() => void logOut()} disabled={loggingOut}>
              {loggingOut ? 'Logging out…' : 'Log out'}
            </Button>
          </nav>
        </div>
      </header>

      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 id="products-heading" className="text-2xl font-semibold tracking-tight">
              Products
            </h1>
            <p className="mt-1 flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
              <span className="tabular-nums">
                {products ? formatQuantity(products.length, 'product') : 'Loading…'}
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

        {flash ? (
          // Stays until dismissed or replaced by the next one: no message vanishes on a timer.
          <Notice tone={flash.tone} onDismiss={() => setFlash(null)}>
            {flash.text}
          </Notice>
        ) : null}
        {error && products ? (
          <Notice tone="error">
            Live updates paused: {error.message} The figures below may be out of date; retrying
            every second.
          </Notice>
        ) : null}

        <Panel labelledBy="products-heading" className="overflow-hidden">
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
              onRestocked={showStored}
            />
          )}
        </Panel>

        <HoldsPanel products={products} onChanged={() => void mutate()} />
        <QueuePanel products={products} onChanged={() => void mutate()} />
        <AuditPanel />
        <ArchivedPanel onRestore={(product) => setEditing({ mode: 'restore', product })} />
        <section
          aria-labelledby="sessions-heading"
          className="flex flex-wrap items-center justify-between gap-3 px-1 text-sm text-zinc-600 dark:text-zinc-400"
        >
          <p>
            <span id="sessions-heading" className="font-medium text-zinc-900 dark:text-zinc-100">
              Admin sessions.
            </span>{' '}
            Signed in somewhere you should not be? This logs out every browser, this one too.
          </p>
          <Button variant="secondary" onClick={() => void logOut(true)} disabled={loggingOut}>
            End all admin sessions
          </Button>
        </section>
      </main>

      <Modal
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing
            ? DIALOG_TEXT[editing.mode].title(editing.mode === 'create' ? '' : editing.product.name)
            : ''
        }
        description={editing ? DIALOG_TEXT[editing.mode].description : undefined}
      >
        {editing ? (
          <ProductForm
            key={editing.mode === 'create' ? 'create' : `${editing.mode}-${editing.product.sku}`}
            product={
              editing.mode === 'create'
                ? undefined
                : editing.mode === 'restore'
                  ? { ...editing.product, endsAt: null }
                  : editing.product
            }
            submitLabel={editing.mode === 'restore' ? 'Restore' : undefined}
            existingSkus={skus}
            onCancel={() => setEditing(null)}
            onSaved={(sku, created) => {
              const restored = editing.mode === 'restore';
              setEditing(null);
              setFlash({
                tone: 'success',
                text: restored ? `Restored ${sku}.` : created ? `Created ${sku}.` : `Saved ${sku}.`,
              });
              void mutate();
              if (restored) void globalMutate(ARCHIVED_PATH);
            }}
            onImageSaved={showStored}
            onRetired={
              editing.mode === 'restore'
                ? undefined
                : (text) => {
                    setEditing(null);
                    setFlash({ tone: 'success', text });
                    void mutate();
                    void globalMutate(ARCHIVED_PATH);
                  }
            }
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

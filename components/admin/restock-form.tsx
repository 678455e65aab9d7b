'use client';

import { useEffect, useState, type FormEvent } from 'react';
import type { Product } from '@/lib/api-types';
import { useAdminApi } from './use-admin-api';
import { inputClass } from './controls';
import { LIMITS } from '@/lib/limits';
import { Button } from '@/components/ui/button';

/** The contract's bounds of one restock. */
const MIN_ADD = 1;
const MAX_ADD = LIMITS.restockAdd;

function validate(value: string): string | null {
  if (value.trim() === '') return 'Enter the units to add.';
  const n = Number(value);
  if (!Number.isInteger(n)) return 'Whole units only.';
  if (n < MIN_ADD) return `At least ${MIN_ADD}.`;
  if (n > MAX_ADD) return `At most ${MAX_ADD.toLocaleString('en-US')}.`;
  return null;
}

/** A row's restock action: units to add → POST …/restock; the new stock shows at once. */
export function RestockForm({
  product,
  onRestocked,
}: {
  product: Product;
  onRestocked: (p: Product) => void;
}) {
  const { sku } = product;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();

  useEffect(() => {
    if (added === null) return;
    const id = window.setTimeout(() => setAdded(null), 3000);
    return () => window.clearTimeout(id);
  }, [added]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = validate(value);
    setError(problem);
    if (problem) return;
    const add = Number(value);
    setPending(true);
    const result = await callAdminApi<Product>(
      `/api/admin/products/${encodeURIComponent(sku)}/restock`,
      {
        method: 'POST',
        body: { add },
      },
    );
    setPending(false);
    if (!result.ok) {
      setError(result.issues[0]?.message ?? result.message);
      return;
    }
    onRestocked(result.data);
    setValue('');
    setAdded(add);
  }

  const errorId = `restock-error-${sku}`;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col items-end">
      <div className="flex items-center gap-1.5">
        <span className="relative">
          <span
            aria-hidden
            className="pointer-events-none absolute inset-y-0 left-2 flex items-center text-sm text-zinc-400 dark:text-zinc-500"
          >
            +
          </span>
          <input
            data-testid={`restock-${sku}`}
            type="number"
            inputMode="numeric"
            min={MIN_ADD}
            max={MAX_ADD}
            step={1}
            placeholder="units"
            aria-label={`Units to add to ${product.name}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            className={inputClass(
              error !== null,
              'w-20 [appearance:textfield] pl-5 text-right tabular-nums shadow-none [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none',
              'sm',
            )}
          />
        </span>
        <Button
          variant="secondary"
          type="submit"
          size="sm"
          data-testid={`restock-submit-${sku}`}
          aria-label={`Restock ${product.name}`}
          disabled={pending}
        >
          {pending ? 'Adding…' : 'Restock'}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs empty:hidden">
        {error ? (
          <span id={errorId} className="mt-1 block font-medium text-red-600 dark:text-red-400">
            {error}
          </span>
        ) : added !== null ? (
          <span className="mt-1 block text-emerald-700 dark:text-emerald-400">
            +{added.toLocaleString('en-US')} added
          </span>
        ) : null}
      </p>
    </form>
  );
}

'use client';

import { useEffect, useState, type FormEvent } from 'react';
import type { Product } from '@/lib/api-types';
import { useAdminApi } from './use-admin-api';
import { inputClass } from './controls';
import { LIMITS } from '@/lib/limits';
import { formatCount } from '@/lib/format';
import { restockBodySchema } from '@/lib/api-schemas';
import { Button } from '@/components/ui/button';

/** The contract's bounds of one restock: at least one unit, and stock within LIMITS.stock. */
const MIN_ADD = 1;

/** The most units a restock may add now: the stock ceiling a product is created with. */
function maxAdd(stock: number): number {
  return Math.max(0, Math.min(LIMITS.restockAdd, LIMITS.stock - stock));
}

function validate(value: string, stock: number): string | null {
  if (value.trim() === '') return 'Enter the units to add.';
  const parsed = restockBodySchema.shape.add.safeParse(Number(value));
  if (!parsed.success) return parsed.error.issues[0]!.message;
  const most = maxAdd(stock);
  if (parsed.data > most)
    return most === 0
      ? `Stock is at its ceiling of ${formatCount(LIMITS.stock)}.`
      : `At most ${formatCount(most)}: stock holds up to ${formatCount(LIMITS.stock)}.`;
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
    const problem = validate(value, product.stock);
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
      setError(result.error.issues[0]?.message ?? result.error.message);
      return;
    }
    onRestocked(result.data);
    setValue('');
    setAdded(add);
  }

  const errorId = `restock-error-${sku}`;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col items-end max-sm:items-start">
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
            max={maxAdd(product.stock)}
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
            +{formatCount(added)} added
          </span>
        ) : null}
      </p>
    </form>
  );
}

'use client';

import { useRef, useState, type FormEvent } from 'react';
import type { Product } from '@/lib/api-types';
import { formatPrice } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { useAdminApi } from './use-admin-api';
import { Field, Notice, inputClass } from './controls';
import { fromLocalInput, timeZoneLabel, toLocalInput } from './datetime';
import { Button } from '@/components/ui/button';

const SKU_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PRICE_PATTERN = /^\d+(\.\d{1,2})?$/;

type Values = {
  sku: string;
  name: string;
  price: string;
  stock: string;
  limit: string;
  startsAt: string;
  endsAt: string;
};
type FieldName = keyof Values;
type Errors = Partial<Record<FieldName, string>>;

/** The API's body fields (and the path parameter) mapped onto the form's fields. */
const API_FIELDS: Record<string, FieldName> = {
  sku: 'sku',
  name: 'name',
  priceCents: 'price',
  stock: 'stock',
  limitPerShopper: 'limit',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
};

const ORDER: FieldName[] = ['sku', 'name', 'price', 'stock', 'limit', 'startsAt', 'endsAt'];

export type ProductBody = {
  name: string;
  priceCents: number;
  stock: number;
  limitPerShopper: number;
  startsAt: string;
  endsAt: string | null;
};

function initialValues(product: Product | undefined): Values {
  if (!product)
    return { sku: '', name: '', price: '', stock: '', limit: '1', startsAt: '', endsAt: '' };
  return {
    sku: product.sku,
    name: product.name,
    price: (product.priceCents / 100).toFixed(2),
    stock: String(product.stock),
    limit: String(product.limitPerShopper),
    startsAt: toLocalInput(product.startsAt),
    endsAt: product.endsAt === null ? '' : toLocalInput(product.endsAt),
  };
}

/** The API's bounds (lib/http/schemas.ts), checked here first for friendlier messages. */

function wholeNumber(value: string, min: number, max: number, what: string): string | undefined {
  if (value.trim() === '') return `Enter the ${what}.`;
  const n = Number(value);
  if (!Number.isInteger(n)) return 'Use a whole number.';
  if (n < min) return `At least ${min}.`;
  if (n > max) return `At most ${max.toLocaleString('en-US')}.`;
  return undefined;
}

/**
 * Checks the form and builds the PUT body. A time left as it was loaded keeps its exact stored
 * value (the input drops the seconds); an empty start on a new product means "now".
 */
function check(
  values: Values,
  product: Product | undefined,
  existingSkus: ReadonlySet<string>,
): { errors: Errors; body?: ProductBody } {
  const errors: Errors = {};
  const initial = initialValues(product);
  if (!product) {
    if (values.sku === '') errors.sku = 'Enter a SKU.';
    else if (!SKU_PATTERN.test(values.sku))
      errors.sku =
        'Lower-case letters, digits and dashes; starts with a letter or digit; at most 64.';
    else if (existingSkus.has(values.sku))
      errors.sku = 'A product with this SKU exists: edit it from the table.';
  }
  if (values.name.trim() === '') errors.name = 'Enter a name.';
  else if (values.name.trim().length > LIMITS.nameLength)
    errors.name = `At most ${LIMITS.nameLength} characters.`;
  if (values.price.trim() === '') errors.price = 'Enter a price.';
  else if (!PRICE_PATTERN.test(values.price.trim())) errors.price = 'A price like 129 or 129.90.';
  else if (Math.round(Number(values.price.trim()) * 100) > LIMITS.priceCents)
    errors.price = `At most ${formatPrice(LIMITS.priceCents)}.`;
  if (!product) {
    const stock = wholeNumber(values.stock, 0, LIMITS.stock, 'stock');
    if (stock) errors.stock = stock;
  }
  const limit = wholeNumber(values.limit, 1, LIMITS.limitPerShopper, 'limit');
  if (limit) errors.limit = limit;

  let startsAt: string | null = null;
  if (values.startsAt === '') {
    if (product) errors.startsAt = 'Enter a start.';
    else startsAt = new Date().toISOString();
  } else if (product && values.startsAt === initial.startsAt) {
    startsAt = product.startsAt;
  } else {
    startsAt = fromLocalInput(values.startsAt);
    if (startsAt === null) errors.startsAt = 'Enter a complete date and time.';
  }
  let endsAt: string | null = null;
  if (values.endsAt !== '') {
    endsAt =
      product?.endsAt && values.endsAt === initial.endsAt
        ? product.endsAt
        : fromLocalInput(values.endsAt);
    if (endsAt === null) errors.endsAt = 'Enter a complete date and time, or leave it empty.';
    else if (startsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt))
      errors.endsAt = 'The end must come after the start.';
  }
  if (Object.keys(errors).length > 0 || startsAt === null) return { errors };
  return {
    errors,
    body: {
      name: values.name.trim(),
      priceCents: Math.round(Number(values.price.trim()) * 100),
      // On update the API ignores stock (it changes only by restock); send the current value.
      stock: product ? product.stock : Number(values.stock),
      limitPerShopper: Number(values.limit),
      startsAt,
      endsAt,
    },
  };
}

/** Creates a product (PUT → 201) or edits name, price, limit and sale window of one (PUT → 200). */
export function ProductForm({
  product,
  existingSkus,
  onSaved,
  onCancel,
}: {
  /** The product to edit; undefined to create one. */
  product?: Product;
  existingSkus: ReadonlySet<string>;
  onSaved: (sku: string, created: boolean) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(product));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();
  const formRef = useRef<HTMLFormElement>(null);
  const [zone] = useState(() => timeZoneLabel());

  function set(name: FieldName, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  }

  function focusFirst(errs: Errors) {
    const first = ORDER.find((name) => errs[name]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const { errors: found, body } = check(values, product, existingSkus);
    setErrors(found);
    if (!body) {
      focusFirst(found);
      return;
    }
    setPending(true);
    const result = await callAdminApi<Product>(
      `/api/admin/products/${encodeURIComponent(values.sku)}`,
      {
        method: 'PUT',
        body,
      },
    );
    setPending(false);
    if (result.ok) {
      onSaved(values.sku, result.status === 201);
      return;
    }
    const fromApi: Errors = {};
    const unplaced: string[] = [];
    for (const issue of result.issues) {
      const field = API_FIELDS[issue.path.split('.')[0] ?? ''];
      if (field && !fromApi[field]) fromApi[field] = issue.message;
      else if (!field) unplaced.push(`${issue.path}: ${issue.message}`);
    }
    setErrors(fromApi);
    focusFirst(fromApi);
    if (Object.keys(fromApi).length === 0 || unplaced.length > 0)
      setFormError([result.message, ...unplaced].join(' '));
  }

  const input = (name: FieldName, describedBy: string | undefined, extra = '') => ({
    id: `product-${name}`,
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describedBy,
    className: inputClass(errors[name] !== undefined, `w-full ${extra}`),
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="product-sku"
          label="SKU"
          error={errors.sku}
          hint={
            product ? 'The SKU cannot change.' : 'e.g. neon-sneaker: lower-case, digits, dashes.'
          }
        >
          {(d) => (
            <input
              {...input('sku', d, 'font-mono')}
              disabled={product !== undefined}
              autoComplete="off"
              spellCheck={false}
              autoFocus={!product}
            />
          )}
        </Field>
        <Field id="product-name" label="Name" error={errors.name}>
          {(d) => (
            <input {...input('name', d)} autoComplete="off" autoFocus={product !== undefined} />
          )}
        </Field>
        <Field id="product-price" label="Price (USD)" error={errors.price}>
          {(d) => (
            <input
              {...input('price', d, 'text-right tabular-nums')}
              inputMode="decimal"
              placeholder="129.00"
            />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field
            id="product-stock"
            label="Stock"
            error={errors.stock}
            hint={product ? 'Change with Restock.' : undefined}
          >
            {(d) => (
              <input
                {...input('stock', d, 'text-right tabular-nums')}
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                disabled={product !== undefined}
              />
            )}
          </Field>
          <Field id="product-limit" label="Limit per shopper" error={errors.limit}>
            {(d) => (
              <input
                {...input('limit', d, 'text-right tabular-nums')}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
              />
            )}
          </Field>
        </div>
      </div>

      <fieldset className="rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-950/40 dark:ring-zinc-800">
        <legend className="sr-only">Sale window</legend>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200" aria-hidden>
            Sale window
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Times in <span className="font-medium text-zinc-700 dark:text-zinc-300">{zone}</span>
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="product-startsAt"
            label="Starts"
            error={errors.startsAt}
            hint={product ? undefined : 'Leave empty to start now.'}
          >
            {(d) => <input {...input('startsAt', d, 'tabular-nums')} type="datetime-local" />}
          </Field>
          <Field
            id="product-endsAt"
            label="Ends"
            error={errors.endsAt}
            hint="Leave empty for no end."
          >
            {(d) => <input {...input('endsAt', d, 'tabular-nums')} type="datetime-local" />}
          </Field>
        </div>
      </fieldset>

      {formError ? <Notice tone="error">{formError}</Notice> : null}

      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        {product ? (
          <p className="mr-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            Now {formatPrice(product.priceCents)} · {product.stock} in stock
          </p>
        ) : null}
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : product ? 'Save changes' : 'Create product'}
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useRef, useState, type FormEvent } from 'react';
import type { Product } from '@/lib/api-types';
import { formatCount, formatPrice } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { useAdminApi } from './use-admin-api';
import { Field, Notice, inputClass } from './controls';
import { timeZoneLabel } from './datetime';
import {
  checkProductForm,
  confirmationsFor,
  FIELD_ORDER,
  HOLD_SECONDS,
  initialValues,
  placeIssues,
  type FieldErrors,
  type FieldName,
  type FormValues,
} from './product-form-model';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from './conflict-notice';
import { reapply } from './edit-conflict';
import { ImageField } from './image-field';
import { RetireAction } from './retire-action';

/** A count typed in the form: whole numbers, right-aligned figures, the phone's number pad. */
const WHOLE_NUMBER = { type: 'number', step: 1, inputMode: 'numeric' } as const;
const WHOLE_NUMBER_CLASS = 'text-right tabular-nums';

const MODE_HINT = {
  '': "The server's default (its PURCHASE_MODE setting).",
  plain:
    'One watched transaction per buyer: simultaneous buyers abort each other and retry — the log shows the raw conflicts.',
  coalesce:
    'Buyers queued at the same moment are decided together in one watched transaction: few conflicts.',
} as const;

const CHECKOUT_HINT = {
  '': 'Buy is final: the click that wins the race owns the unit.',
  instant: 'Buy is final: the click that wins the race owns the unit.',
  hold: 'Buy holds the units for the shopper, who then places the order; unordered units go back on sale when the time runs out.',
} as const;

/** Creates a product (PUT → 201) or edits name, price, limit and sale window of one (PUT → 200). */
export function ProductForm({
  product,
  existingSkus,
  onSaved,
  onCancel,
  onRetired,
  onImageSaved,
  submitLabel,
}: {
  /** The product to edit; undefined to create one. */
  product?: Product;
  /** The save button's words, when not "Save changes" or "Create product". */
  submitLabel?: string;
  existingSkus: ReadonlySet<string>;
  onSaved: (sku: string, created: boolean) => void;
  onCancel: () => void;
  /** Called after the product was deleted or archived from the form, with what to tell. */
  onRetired?: (text: string) => void;
  /** Called with the product after its image was uploaded from the form. */
  onImageSaved?: (updated: Product) => void;
}) {
  const [values, setValues] = useState<FormValues>(() => initialValues(product));
  /** The version the edit is based on: the product as opened, or as reloaded after a conflict. */
  const [base, setBase] = useState(product);
  /** Another admin's save that refused this one (409): the product now, null when deleted. */
  const [conflict, setConflict] = useState<{ current: Product | null } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The warnings the admin has seen for the body about to be saved; a second submit confirms. */
  const [warned, setWarned] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();
  const formRef = useRef<HTMLFormElement>(null);
  const [zone] = useState(() => timeZoneLabel());

  function set(name: FieldName, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
    setWarned([]);
  }

  function focusFirst(errs: FieldErrors) {
    const first = FIELD_ORDER.find((name) => errs[name]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const { fieldErrors, body } = checkProductForm(values, base, existingSkus);
    setErrors(fieldErrors);
    if (!body) {
      focusFirst(fieldErrors);
      return;
    }
    const warnings = confirmationsFor(body);
    if (warnings.some((w) => !warned.includes(w))) {
      setWarned(warnings);
      return;
    }
    setPending(true);
    const result = await callAdminApi<Product>(
      `/api/admin/products/${encodeURIComponent(values.sku)}`,
      // An edit is saved only onto the version it was read at: never over another admin's save.
      { method: 'PUT', body, headers: base ? { 'if-match': `"${base.version}"` } : {} },
    );
    setPending(false);
    if (result.ok) {
      onSaved(values.sku, result.status === 201);
      return;
    }
    if (result.error.code === 'changed_since_read') {
      const { current } = result.error.body as { current: Product | null };
      setConflict({ current });
      return;
    }
    const { fieldErrors: fromApi, unplaced } = placeIssues(result.error.issues);
    setErrors(fromApi);
    focusFirst(fromApi);
    if (Object.keys(fromApi).length === 0 || unplaced.length > 0)
      setFormError([result.error.message, ...unplaced].join(' '));
  }

  /** Continues on the product as it is now: with this admin's changes (`mine`) or without. */
  function rebase(mine: boolean) {
    const current = conflict?.current;
    if (!current || !base) return;
    const now = initialValues(current);
    setValues(mine ? reapply(initialValues(base), values, now) : now);
    setBase(current);
    setConflict(null);
    setWarned([]);
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
                {...input('stock', d, WHOLE_NUMBER_CLASS)}
                {...WHOLE_NUMBER}
                min={0}
                disabled={product !== undefined}
              />
            )}
          </Field>
          <Field id="product-limit" label="Limit per shopper" error={errors.limit}>
            {(d) => <input {...input('limit', d, WHOLE_NUMBER_CLASS)} {...WHOLE_NUMBER} min={1} />}
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

      <Field
        id="product-mode"
        label="Purchase mode"
        error={errors.mode}
        hint={MODE_HINT[values.mode]}
      >
        {(d) => (
          <select {...input('mode', d)}>
            {product ? null : <option value="">Server default</option>}
            <option value="coalesce">Coalesce queued buyers</option>
            <option value="plain">Plain: one transaction per buyer</option>
          </select>
        )}
      </Field>

      <Field
        id="product-buckets"
        label="Stock buckets"
        error={errors.buckets}
        hint={`1–${LIMITS.buckets}${product ? '' : "; empty: the server's default (its STOCK_BUCKETS setting)"}. With several app instances, give a hot product one bucket per instance: each sells from its own and they stop aborting each other's transactions. The stock is spread evenly again when this changes.`}
      >
        {(d) => (
          <input
            {...input('buckets', d, `${WHOLE_NUMBER_CLASS} sm:max-w-40`)}
            {...WHOLE_NUMBER}
            min={1}
            max={LIMITS.buckets}
            placeholder={product ? undefined : 'default'}
          />
        )}
      </Field>

      <fieldset className="rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-950/40 dark:ring-zinc-800">
        <legend className="sr-only">Checkout</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="product-checkout"
            label="Checkout"
            error={errors.checkout}
            hint={CHECKOUT_HINT[values.checkout]}
          >
            {(d) => (
              <select {...input('checkout', d)}>
                {product ? null : <option value="">Instant (default)</option>}
                <option value="instant">Instant: Buy is final</option>
                <option value="hold">Hold at checkout</option>
              </select>
            )}
          </Field>
          {values.checkout === 'hold' ? (
            <Field
              id="product-holdTime"
              label="Hold time"
              error={errors.holdTime}
              hint={`From ${HOLD_SECONDS.min} seconds to ${HOLD_SECONDS.max / 60} minutes${product ? '; a change applies to new holds' : '; empty: 5 minutes'}.`}
            >
              {(d) => (
                <div className="flex gap-2">
                  <input
                    {...input('holdTime', d, `${WHOLE_NUMBER_CLASS} min-w-0 flex-1`)}
                    {...WHOLE_NUMBER}
                    min={1}
                    placeholder={product ? undefined : '5'}
                  />
                  <select
                    id="product-holdUnit"
                    name="holdUnit"
                    aria-label="Hold time unit"
                    value={values.holdUnit}
                    onChange={(e) => set('holdUnit', e.target.value)}
                    className={inputClass(false, 'w-28')}
                  >
                    <option value="min">minutes</option>
                    <option value="s">seconds</option>
                  </select>
                </div>
              )}
            </Field>
          ) : null}
        </div>
      </fieldset>

      {product ? <ImageField product={product} onUploaded={(p) => onImageSaved?.(p)} /> : null}

      {conflict && base ? (
        <ConflictNotice
          opened={base}
          current={conflict.current}
          onReapply={() => rebase(true)}
          onTakeTheirs={() => rebase(false)}
        />
      ) : null}
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      {warned.length > 0 ? (
        <Notice tone="warning">
          <p className="font-medium">Save anyway?</p>
          <ul className="mt-1 list-disc pl-5">
            {warned.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {/* Sticks to the dialog's bottom edge while the fields scroll: Save is always in view. */}
      <div
        data-testid="product-form-actions"
        className="sticky bottom-0 z-10 -mx-6 -mb-6 flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 bg-white px-6 pt-4 pb-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {product && onRetired ? (
          <RetireAction product={product} onRetired={onRetired} onError={setFormError} />
        ) : null}
        {base ? (
          <p className="mr-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            Now {formatPrice(base.priceCents)} · {formatCount(base.stock)} in stock
            {base.held > 0 ? ` · ${formatCount(base.held)} held` : ''}
          </p>
        ) : null}
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending
            ? 'Saving…'
            : warned.length > 0
              ? 'Save anyway'
              : (submitLabel ?? (product ? 'Save changes' : 'Create product'))}
        </Button>
      </div>
    </form>
  );
}

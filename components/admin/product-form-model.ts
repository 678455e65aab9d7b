// What the product form knows, without React: its fields, their checks, the PUT body they make and
// what asks for a confirmation. components/admin/product-form.tsx only renders it.
import { productBodySchema, skuSchema, type ProductBody } from '@/lib/api-schemas';
import type { Product, PurchaseMode } from '@/lib/api-types';
import type { FieldIssue } from '@/components/ui/api-client';
import type { CheckoutMode } from '@/lib/api-types';
import { LIMITS } from '@/lib/limits';
import { fromLocalInput, toLocalInput } from './datetime';

/** The unit the hold time is typed in. */
export type HoldUnit = 's' | 'min';

/** The hold bounds of docs/API.md (`holdSeconds`). */
export const HOLD_SECONDS = { min: LIMITS.holdSecondsMin, max: LIMITS.holdSecondsMax } as const;

/** The product body as the form sends it. */
export type ProductFormBody = ProductBody;

/**
 * The form's fields as typed. On a new product `mode`, `buckets`, `checkout` and `holdTime` may
 * stay empty: the server's own defaults (PURCHASE_MODE, STOCK_BUCKETS, instant, 300 s) then apply.
 */
export type FormValues = {
  sku: string;
  name: string;
  price: string;
  stock: string;
  limit: string;
  mode: PurchaseMode | '';
  buckets: string;
  startsAt: string;
  endsAt: string;
  checkout: CheckoutMode | '';
  holdTime: string;
  holdUnit: HoldUnit;
};
export type FieldName = keyof FormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The fields top to bottom: the first one in error gets the focus. */
export const FIELD_ORDER: FieldName[] = [
  'sku',
  'name',
  'price',
  'stock',
  'limit',
  'startsAt',
  'endsAt',
  'mode',
  'buckets',
  'checkout',
  'holdTime',
  'holdUnit',
];

const PRICE_PATTERN = /^\d+(\.\d{1,2})?$/;

/** The API's body fields (and the path parameter) mapped onto the form's fields. */
const FIELD_OF_API_PATH: Record<string, FieldName> = {
  sku: 'sku',
  name: 'name',
  priceCents: 'price',
  stock: 'stock',
  limitPerShopper: 'limit',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  purchaseMode: 'mode',
  buckets: 'buckets',
  checkoutMode: 'checkout',
  holdSeconds: 'holdTime',
};

/** A hold time as the form shows it: whole minutes in minutes, anything else in seconds. */
function holdFields(seconds: number | undefined): { holdTime: string; holdUnit: HoldUnit } {
  if (seconds === undefined) return { holdTime: '', holdUnit: 'min' };
  return seconds % 60 === 0
    ? { holdTime: String(seconds / 60), holdUnit: 'min' }
    : { holdTime: String(seconds), holdUnit: 's' };
}

/** The hold time typed, in seconds (NaN when malformed, null when empty). */
export function typedHoldSeconds(values: FormValues): number | null {
  if (values.holdTime.trim() === '') return null;
  const n = Number(values.holdTime);
  return values.holdUnit === 'min' ? n * 60 : n;
}

/** The fields of a new product, or of `product` as loaded. */
export function initialValues(product: Product | undefined): FormValues {
  if (!product) {
    return {
      sku: '',
      name: '',
      price: '',
      stock: '',
      limit: '1',
      mode: '',
      buckets: '',
      startsAt: '',
      endsAt: '',
      checkout: '',
      ...holdFields(undefined),
    };
  }
  return {
    sku: product.sku,
    name: product.name,
    price: (product.priceCents / 100).toFixed(2),
    stock: String(product.stock),
    limit: String(product.limitPerShopper),
    mode: product.purchaseMode,
    buckets: String(product.buckets),
    startsAt: toLocalInput(product.startsAt),
    endsAt: product.endsAt === null ? '' : toLocalInput(product.endsAt),
    checkout: product.checkoutMode,
    ...holdFields(product.holdSeconds),
  };
}

/** The fields whose value differs from how the form was loaded (every filled one, when new). */
export function changedFields(values: FormValues, product: Product | undefined): Set<FieldName> {
  const initial = initialValues(product);
  return new Set(FIELD_ORDER.filter((name) => values[name] !== initial[name]));
}

/** A number typed in a field; NaN for an empty or malformed one, which the schema then names. */
function typedNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** A time typed in a field as ISO; a malformed one stays as typed, so the schema reports it. */
function typedTime(value: string): string {
  return fromLocalInput(value) ?? value;
}

/**
 * The form as the PUT body, before validation; it carries only what the admin set. Name, price
 * and limit are always sent (the API requires them); `stock` too, though an update ignores it
 * (stock changes only by restock). Otherwise an omitted field means, per docs/API.md:
 * - `purchaseMode`, `buckets`: the server's default on a new product, unchanged on an update — so
 *   they are sent when chosen on a new product and when changed on an update;
 * - `startsAt`: now on a new product — so it is sent there only when typed; an update sends it
 *   (the end is checked against it);
 * - `endsAt`: no end — so it is always sent, `null` when empty;
 * - `checkoutMode`, `holdSeconds`: `instant` and 300 s on a new product, unchanged on an update —
 *   so they are sent when set on a new product and when changed on an update.
 * A time left as loaded is sent as stored, to the millisecond (the input drops the seconds).
 */
export function toBody(values: FormValues, product: Product | undefined): ProductFormBody {
  const changed = changedFields(values, product);
  const price = values.price.trim();
  const body: ProductFormBody = {
    name: values.name,
    priceCents: PRICE_PATTERN.test(price) ? Math.round(Number(price) * 100) : Number.NaN,
    stock: product ? product.stock : typedNumber(values.stock),
    limitPerShopper: typedNumber(values.limit),
  };
  if (changed.has('startsAt')) body.startsAt = typedTime(values.startsAt);
  else if (product) body.startsAt = product.startsAt;
  if (values.endsAt === '') body.endsAt = null;
  else body.endsAt = changed.has('endsAt') ? typedTime(values.endsAt) : product?.endsAt;
  if (changed.has('mode') && values.mode !== '') body.purchaseMode = values.mode;
  if (changed.has('buckets') && values.buckets.trim() !== '') {
    body.buckets = typedNumber(values.buckets);
  }
  if (changed.has('checkout') && values.checkout !== '') body.checkoutMode = values.checkout;
  // The same time in other units ("5 min" for "300 s") is no change.
  const holdSeconds = typedHoldSeconds(values);
  const loaded = product?.holdSeconds;
  if (holdSeconds !== null && holdSeconds !== loaded) body.holdSeconds = holdSeconds;
  return body;
}

/** Issues at API paths (`priceCents`, `sku`) as errors of the form's fields; the rest unplaced. */
export function placeIssues(issues: FieldIssue[]): {
  fieldErrors: FieldErrors;
  unplaced: string[];
} {
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = FIELD_OF_API_PATH[issue.path.split('.')[0] ?? ''];
    if (field) fieldErrors[field] ??= issue.message;
    else unplaced.push(`${issue.path}: ${issue.message}`);
  }
  return { fieldErrors, unplaced };
}

/**
 * Checks the form with the route's own schema (lib/api-schemas.ts) and builds the PUT body: the
 * body only when every field passes. The SKU's uniqueness, the price's format and the names of
 * empty fields are the form's own checks.
 */
export function checkProductForm(
  values: FormValues,
  product: Product | undefined,
  existingSkus: ReadonlySet<string>,
): { fieldErrors: FieldErrors; body?: ProductFormBody } {
  const issues: FieldIssue[] = [];
  if (!product) {
    const sku = skuSchema.safeParse(values.sku);
    if (values.sku === '') issues.push({ path: 'sku', message: 'Enter a SKU.' });
    else if (!sku.success) issues.push({ path: 'sku', message: sku.error.issues[0]!.message });
    else if (existingSkus.has(values.sku)) {
      issues.push({
        path: 'sku',
        message: 'A product with this SKU exists: edit it from the table.',
      });
    }
  }
  // An empty field is named for what it holds; the schema would only say "a whole number".
  if (!product && values.stock.trim() === '') {
    issues.push({ path: 'stock', message: 'Enter the stock.' });
  }
  if (values.limit.trim() === '') {
    issues.push({ path: 'limitPerShopper', message: 'Enter the limit.' });
  }
  if (values.price.trim() !== '' && !PRICE_PATTERN.test(values.price.trim())) {
    issues.push({ path: 'priceCents', message: 'A price like 129 or 129.90.' });
  }
  if (product && values.startsAt === '') {
    issues.push({ path: 'startsAt', message: 'Enter a start.' });
  }
  if (product && values.buckets.trim() === '') {
    issues.push({ path: 'buckets', message: 'Enter the number of buckets.' });
  }
  if (product && values.holdTime.trim() === '') {
    issues.push({ path: 'holdSeconds', message: 'Enter the hold time.' });
  }
  const body = toBody(values, product);
  if (body.holdSeconds !== undefined) {
    const s = body.holdSeconds;
    if (!Number.isInteger(s)) issues.push({ path: 'holdSeconds', message: 'Whole seconds only.' });
    else if (s < HOLD_SECONDS.min || s > HOLD_SECONDS.max)
      issues.push({
        path: 'holdSeconds',
        message: `Between ${HOLD_SECONDS.min} seconds and ${HOLD_SECONDS.max / 60} minutes.`,
      });
  }
  const parsed = productBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ path: issue.path.join('.'), message: issue.message });
    }
  }
  const { fieldErrors } = placeIssues(issues);
  return issues.length > 0 ? { fieldErrors } : { fieldErrors, body };
}

/** What deserves a second look before saving: a sale that is already over, or a free product. */
export function confirmationsFor(body: ProductFormBody, now = Date.now()): string[] {
  const asks: string[] = [];
  if (body.endsAt && Date.parse(body.endsAt) <= now) {
    asks.push('The sale window is already over: the product will show as ended.');
  }
  if (body.priceCents === 0) asks.push('The price is $0.00: every unit is given away.');
  return asks;
}

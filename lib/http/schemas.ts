import { z } from 'zod';

// The admin form checks its fields with these schemas in the browser, where the CSP forbids eval:
// zod's compiled fast path would try `new Function` there (a CSP violation), so it stays off.
if (typeof window !== 'undefined') z.config({ jitless: true });
import { formatCount, formatPrice } from '@/lib/format';
import { LIMITS, SKU_PATTERN } from '@/lib/limits';

/** The contract's input shapes (docs/API.md); strict: unknown fields are a 400. */
export const skuSchema = z
  .string()
  .regex(
    SKU_PATTERN,
    'Lower-case letters, digits and dashes; starts with a letter or digit; 1-64.',
  );

export const purchaseBodySchema = z.strictObject({
  quantity: z.number().int().min(1).max(LIMITS.quantity).default(1),
});

export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, '1-128 of A-Za-z0-9_.:-');

export const logQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sku: skuSchema.optional(),
});

export const loginBodySchema = z.strictObject({ password: z.string().min(1).max(1024) });

export const logoutBodySchema = z.strictObject({ everywhere: z.boolean().default(false) });

export const restockBodySchema = z.strictObject({
  add: wholeNumber(1, LIMITS.restockAdd),
});

/**
 * A name needs a character people can see: not only spaces, controls (U+0000) or format
 * characters (U+200B) — those made a blank heading and a Buy button named just "Buy".
 */
const VISIBLE_CHARACTER = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const CONTROL_CHARACTER = /\p{Cc}/u;

function wholeNumber(min: number, max: number) {
  return z
    .number({ error: 'Enter a whole number.' })
    .int('Whole units only.')
    .min(min, `At least ${formatCount(min)}.`)
    .max(max, `At most ${formatCount(max)}.`);
}

const isoTime = z.iso.datetime({ offset: true, error: 'Enter a complete date and time.' });

/**
 * The product an admin creates or edits. The admin form checks its fields with this same schema
 * (components/admin/product-form.tsx), so form, API and docs agree on every bound.
 */
export const productBodySchema = z
  .strictObject({
    name: z
      .string({ error: 'Enter a name.' })
      .trim()
      .min(1, 'Enter a name.')
      .max(LIMITS.nameLength, `At most ${LIMITS.nameLength} characters.`)
      .refine((name) => VISIBLE_CHARACTER.test(name), 'Use at least one visible character.')
      .refine((name) => !CONTROL_CHARACTER.test(name), 'Remove the control characters.'),
    priceCents: z
      .number({ error: 'Enter a price.' })
      .int('A price in whole cents.')
      .min(0, 'The price cannot be negative.')
      .max(LIMITS.priceCents, `At most ${formatPrice(LIMITS.priceCents)}.`),
    stock: wholeNumber(0, LIMITS.stock),
    limitPerShopper: wholeNumber(1, LIMITS.limitPerShopper),
    startsAt: isoTime.optional(),
    endsAt: isoTime.nullable().optional(),
    purchaseMode: z.enum(['coalesce', 'plain']).optional(),
    buckets: wholeNumber(1, LIMITS.buckets).optional(),
  })
  .refine(
    (p) => !p.endsAt || Date.parse(p.endsAt) > (p.startsAt ? Date.parse(p.startsAt) : Date.now()),
    { message: 'The end must come after the start.', path: ['endsAt'] },
  );

/** The admin's product body, as the routes, the domain and the form all see it. */
export type ProductBody = z.output<typeof productBodySchema>;

import { z } from 'zod';
import { SKU_PATTERN } from '@/lib/inventory/product';
import { LIMITS } from '@/lib/limits';

/** The contract's input shapes (../shared/API.md); strict: unknown fields are a 400. */
export const skuSchema = z
  .string()
  .regex(SKU_PATTERN, 'lowercase letters, digits and dashes, 1-64');

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

export const restockBodySchema = z.strictObject({
  add: z.number().int().min(1).max(LIMITS.restockAdd),
});

export const productBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(LIMITS.nameLength),
    priceCents: z.number().int().min(0).max(LIMITS.priceCents),
    stock: z.number().int().min(0).max(LIMITS.stock),
    limitPerShopper: z.number().int().min(1).max(LIMITS.limitPerShopper),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine(
    (p) => !p.endsAt || Date.parse(p.endsAt) > (p.startsAt ? Date.parse(p.startsAt) : Date.now()),
    {
      message: 'endsAt must be after startsAt',
      path: ['endsAt'],
    },
  );

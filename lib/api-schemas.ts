import { z } from 'zod';
import { SKU_PATTERN } from '@/lib/limits';

/**
 * The JSON bodies the API answers with, one zod schema per shape: the TypeScript types of
 * `lib/api-types.ts` and the OpenAPI document (`GET /api/openapi.json`) both derive from these.
 * docs/API.md says what each field means.
 */

const count = z.number().int().min(0);
const isoTime = z.iso.datetime();

export const productStatusSchema = z.enum(['scheduled', 'live', 'sold_out', 'ended']);

export const purchaseModeSchema = z
  .enum(['coalesce', 'plain'])
  .describe(
    'coalesce: queued buyers are decided together in one watched transaction; plain: one transaction per request',
  );

export const productSchema = z.object({
  sku: z.string().regex(SKU_PATTERN),
  name: z.string(),
  priceCents: count,
  stock: count,
  totalStock: count,
  sold: count,
  limitPerShopper: z.number().int().min(1),
  startsAt: isoTime,
  endsAt: isoTime.nullable(),
  status: productStatusSchema,
  purchaseMode: purchaseModeSchema,
  buckets: z
    .number()
    .int()
    .min(1)
    .describe('stock buckets: each instance sells from its own, so instances do not conflict'),
  image: z
    .string()
    .nullable()
    .describe('URL of the product image (versioned, cacheable for a year); null: none'),
});

export const purchaseOutcomeSchema = z.enum([
  'purchased',
  'sold_out',
  'insufficient_stock',
  'limit_reached',
  'not_started',
  'ended',
  'contention',
]);

/** What one watched transaction did for a request, on its answer and its log entry alike. */
const tries = {
  attempts: count.describe('WATCH…EXEC tries of the transaction that decided this request'),
  conflicts: count.describe('tries whose EXEC was aborted because a watched key changed'),
  latencyMs: z.number().min(0),
  batch: count.describe('requests decided by the same transaction (0: answered without one)'),
  queuedMs: z.number().min(0).describe('time waiting for the transaction to start'),
  replay: z.literal(true).optional().describe('an idempotent repeat of an earlier purchase'),
};

export const purchaseResponseSchema = z.object({
  outcome: purchaseOutcomeSchema,
  sku: z.string(),
  quantity: z.number().int().min(1),
  orderId: z.string().optional().describe('only with purchased'),
  remaining: count,
  ...tries,
  shopper: z
    .string()
    .optional()
    .describe("this shopper's pseudonym in the log rows of this product"),
});

export const logEntrySchema = z.object({
  id: z.string(),
  at: isoTime,
  sku: z.string(),
  shopper: z.string().describe('a pseudonym of the shopper for this product only'),
  outcome: purchaseOutcomeSchema,
  quantity: z.number().int().min(1),
  ...tries,
});

export const statsSecondSchema = z.object({ t: isoTime, purchased: count, conflicts: count });

export const statsSchema = z.object({
  requests: count,
  purchased: count,
  soldOut: count,
  limitReached: count,
  contention: count,
  conflicts: count,
  unitsSold: count,
  perSecond: z
    .array(statsSecondSchema)
    .optional()
    .describe('purchases and conflicts of each of the last 60 seconds, oldest first'),
});

export const auditRowSchema = z.object({
  sku: z.string(),
  stock: z.number().int(),
  sold: count,
  totalStock: count,
  orderUnits: count,
  buckets: z.array(z.number().int()).describe('units in each stock bucket; they add up to stock'),
  ok: z.boolean(),
});

export const auditSchema = z.object({ ok: z.boolean(), products: z.array(auditRowSchema) });

export const productsBodySchema = z.object({ products: z.array(productSchema) });
export const logBodySchema = z.object({ entries: z.array(logEntrySchema) });
export const snapshotBodySchema = z.object({
  products: z.array(productSchema),
  stats: statsSchema,
  log: z.array(logEntrySchema),
});
export const sessionBodySchema = z.object({ shopperId: z.string() });
export const meBodySchema = z.object({
  shopperId: z.string(),
  units: z
    .record(z.string(), z.number().int().min(1))
    .describe('units this shopper holds, by SKU; products without units are left out'),
});
export const healthBodySchema = z.object({
  status: z.enum(['ok', 'degraded']),
  redis: z.enum(['ok', 'down']),
  durability: z
    .object({
      mode: z.enum(['primary', 'replica']),
      met: z.boolean().describe('whether purchases can be confirmed in this mode now'),
      replicas: count.describe('online replicas of the primary (the fewest of any master)'),
      lagSeconds: count.nullable().describe('seconds behind of the slowest online replica'),
    })
    .describe('DURABILITY mode and what the store offers it'),
});

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

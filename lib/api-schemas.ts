import { z } from 'zod';
import { formatCount, formatPrice } from '@/lib/format';
import { LIMITS, SKU_PATTERN } from '@/lib/limits';

/**
 * The HTTP contract as zod schemas, browser-safe: the bodies the API accepts (the routes parse
 * them, the admin forms check their fields with the same ones) and the JSON bodies it answers
 * with (the TypeScript types of `lib/api-types.ts` and the OpenAPI document derive from these).
 * docs/API.md says what each field means.
 */

// The admin forms check their fields with these schemas in the browser, where the CSP forbids
// eval: zod's compiled fast path would try `new Function` there (a CSP violation), so it stays off.
if (typeof window !== 'undefined') z.config({ jitless: true });

// ── Requests ──────────────────────────────────────────────────────────────────────────────────
/** The contract's input shapes; strict: unknown fields are a 400. */
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

/** An `If-Match` header: the product's ETag as sent with it, `"<version>"`. */
export const ifMatchSchema = z
  .string()
  .regex(/^"\d{1,16}"$/, 'the ETag of the product as read, e.g. "1718000000000"')
  .transform((tag) => Number(tag.slice(1, -1)));

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

const isoTimeInput = z.iso.datetime({ offset: true, error: 'Enter a complete date and time.' });

/** The sale window's own fields, valid on their own: the window check needs only these. */
const saleWindowSchema = z.object({
  startsAt: isoTimeInput.optional(),
  endsAt: isoTimeInput.nullable().optional(),
});

/**
 * The product an admin creates or edits. The admin form checks its fields with this same schema
 * (components/admin/product-form-model.ts), so form, API and docs agree on every bound.
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
    startsAt: isoTimeInput.optional(),
    endsAt: isoTimeInput.nullable().optional(),
    purchaseMode: z.enum(['coalesce', 'plain']).optional(),
    buckets: wholeNumber(1, LIMITS.buckets).optional(),
    checkoutMode: z.enum(['instant', 'hold']).optional(),
    holdSeconds: wholeNumber(LIMITS.holdSecondsMin, LIMITS.holdSecondsMax).optional(),
  })
  .refine(
    (p) => !p.endsAt || Date.parse(p.endsAt) > (p.startsAt ? Date.parse(p.startsAt) : Date.now()),
    {
      message: 'The end must come after the start.',
      path: ['endsAt'],
      // Checked whenever the two times are valid, so it is named with the other fields' errors.
      when: (payload) => saleWindowSchema.safeParse(payload.value).success,
    },
  );

/** The admin's product body, as the routes, the domain and the form all see it. */
export type ProductBody = z.output<typeof productBodySchema>;

// ── Answers ───────────────────────────────────────────────────────────────────────────────────

const count = z.number().int().min(0);
const isoTime = z.iso.datetime();

export const productStatusSchema = z.enum(['scheduled', 'live', 'sold_out', 'ended']);

export const purchaseModeSchema = z
  .enum(['coalesce', 'plain'])
  .describe(
    'coalesce: queued buyers are decided together in one watched transaction; plain: one transaction per request',
  );

export const checkoutModeSchema = z
  .enum(['instant', 'hold'])
  .describe(
    'instant: Buy is final; hold: Buy holds the units for holdSeconds, then Place order or they come back',
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
  version: count.describe(
    'version of what an admin edits (name, price, limit, window, mode, buckets): the admin routes send it as ETag and check If-Match against it; purchases and restocks leave it',
  ),
  checkoutMode: checkoutModeSchema,
  holdSeconds: z
    .number()
    .int()
    .min(LIMITS.holdSecondsMin)
    .max(LIMITS.holdSecondsMax)
    .describe('how long a hold keeps its units (hold mode)'),
  held: count.describe(
    'units in live holds: stock + held + sold = totalStock; stock 0 with held > 0 is "all in carts", still live',
  ),
  queue: z
    .boolean()
    .describe(
      'the product sells through a waiting room (GET /api/products/{sku}/queue): only admitted shoppers may buy; without one, sales are first-come',
    ),
});

export const purchaseOutcomeSchema = z.enum([
  'purchased',
  'sold_out',
  'insufficient_stock',
  'limit_reached',
  'not_started',
  'ended',
  'contention',
  'all_in_carts',
]);

/** How a hold placement ended: a hold, or the refusals a purchase has. */
export const holdOutcomeSchema = z.enum([
  'held',
  'sold_out',
  'all_in_carts',
  'insufficient_stock',
  'limit_reached',
  'not_started',
  'ended',
  'contention',
]);

/** What a log entry records: purchase outcomes and every step of a hold's life. */
export const logOutcomeSchema = z.enum([
  ...purchaseOutcomeSchema.options,
  'held',
  'ordered',
  'cancelled',
  'expired',
  'refunded',
]);

export const holdStateSchema = z
  .enum(['held', 'ordered', 'cancelled', 'expired'])
  .describe('moves only held → ordered | cancelled | expired, once');

export const holdSchema = z.object({
  id: z.string(),
  sku: z.string(),
  quantity: z.number().int().min(1),
  priceCents: count,
  state: holdStateSchema,
  createdAt: isoTime,
  expiresAt: isoTime,
  endedAt: isoTime.nullable(),
  orderId: z.string().nullable().describe('the order Place order made (ordered only)'),
  endedBy: z.enum(['shopper', 'admin', 'expiry']).nullable(),
});
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
  outcome: logOutcomeSchema,
  quantity: z.number().int().min(1),
  ...tries,
});

export const holdResponseSchema = z.object({
  outcome: holdOutcomeSchema,
  sku: z.string(),
  quantity: z.number().int().min(1),
  hold: holdSchema.optional().describe('only with held'),
  remaining: count,
  ...tries,
  shopper: z
    .string()
    .optional()
    .describe("this shopper's pseudonym in the log rows of this product"),
});

export const holdReadBodySchema = z.object({ hold: holdSchema });

/** The body of a hold placement: like a purchase. */
export const holdRequestSchema = purchaseBodySchema;

export const holdOrderResponseSchema = z.object({
  outcome: z.literal('ordered'),
  hold: holdSchema,
  orderId: z.string(),
  attempts: count,
  conflicts: count,
  replay: z.literal(true).optional().describe('the hold was ordered already (by an earlier call)'),
});

export const holdCancelResponseSchema = z.object({
  outcome: z.literal('cancelled'),
  hold: holdSchema,
  attempts: count,
  conflicts: count,
  replay: z.literal(true).optional().describe('the hold was cancelled already'),
});

/** 409 of a hold that has ended another way (hold_expired, hold_cancelled, hold_ordered). */
export const holdConflictSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
  hold: holdSchema,
});

/** The query of a paged admin list: a page size, and the cursor a page before answered. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,16}-\d{1,9}$/, 'a nextCursor from the page before')
    .optional(),
});

const nextCursor = z
  .string()
  .nullable()
  .describe('pass as ?cursor= for the next page; null on the last page');

export const adminHoldsBodySchema = z.object({
  holds: z.array(
    holdSchema.extend({ shopper: z.string().describe('the shopper pseudonym of the log') }),
  ),
  nextCursor,
});

export const orderStateSchema = z.enum(['placed', 'cancelled']);

export const adminOrdersBodySchema = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      shopper: z.string(),
      quantity: z.number().int().min(1),
      priceCents: count,
      at: isoTime,
      state: orderStateSchema,
    }),
  ),
  nextCursor,
});

export const refundResponseSchema = z.object({
  outcome: z.literal('refunded'),
  orderId: z.string(),
  quantity: z.number().int().min(1),
  attempts: count,
  conflicts: count,
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
  held: z.number().int().describe('units in live holds, as the product counts them'),
  holdUnits: z.number().int().describe('units of the holds in state held'),
  stuckHolds: count.describe('held holds past their expiry by more than the grace'),
  ok: z.boolean(),
});

export const auditSchema = z.object({
  ok: z.boolean(),
  stuckHolds: count.describe('stuck holds of every product'),
  products: z.array(auditRowSchema),
});

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
  holds: z
    .array(holdSchema)
    .describe("this shopper's live holds and those that ended in the last 10 minutes"),
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

/** 409 `changed_since_read`: an If-Match write refused, with the product as it is now (null: gone). */
export const versionConflictSchema = apiErrorSchema.extend({
  current: productSchema.nullable(),
});

// ── Waiting room ───────────────────────────────────────────────────────────────────

/** The waiting room's bounds, shared by the admin route and its form. */
export const QUEUE_LIMITS = {
  opensBeforeSeconds: 30 * 24 * 3600,
  ratePerSecond: 1000,
  admitWindowSeconds: 24 * 3600,
  powDifficulty: 24,
} as const;

/** `POST /api/products/{sku}/queue/join`: the proof of work's nonce, when the queue asks for one. */
export const queueJoinBodySchema = z.strictObject({
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, '1-64 of A-Za-z0-9_.:-')
    .optional()
    .describe('a nonce such that sha256(challenge + nonce) has `difficulty` leading zero bits'),
});

/** `PUT /api/admin/products/{sku}/queue`: switch the waiting room on or off, and its settings. */
export const queueSettingsBodySchema = z.strictObject({
  enabled: z.boolean(),
  opensBeforeSeconds: wholeNumber(0, QUEUE_LIMITS.opensBeforeSeconds).optional(),
  ratePerSecond: z
    .number({ error: 'Enter a rate.' })
    .min(0.001, 'At least 0.001 per second.')
    .max(QUEUE_LIMITS.ratePerSecond, `At most ${QUEUE_LIMITS.ratePerSecond} per second.`)
    .optional(),
  admitWindowSeconds: wholeNumber(10, QUEUE_LIMITS.admitWindowSeconds).optional(),
  powDifficulty: wholeNumber(0, QUEUE_LIMITS.powDifficulty).optional(),
});
export type QueueSettingsBody = z.output<typeof queueSettingsBodySchema>;

export const queueStateSchema = z
  .enum(['off', 'not_open', 'open', 'admitting', 'paused', 'sold_out', 'ended'])
  .describe(
    'off: no waiting room; not_open: before opensAt; open: the pre-queue (shuffled at the start); admitting: ranks are admitted at ratePerSecond; paused; sold_out: nothing left to buy or hold; ended: the sale window has ended',
  );

export const queueStatusSchema = z.object({
  sku: z.string(),
  state: queueStateSchema,
  opensAt: isoTime.nullable(),
  startsAt: isoTime.nullable(),
  seedHash: z
    .string()
    .nullable()
    .describe('sha256(seed) in hex, committed when the queue was switched on'),
  seed: z.string().nullable().describe('the shuffle seed: null until the start'),
  ratePerSecond: z.number().min(0),
  admitted: count.describe('ranks admitted at `at`: position = rank − admitted'),
  at: isoTime.describe(
    'when `admitted` was counted: extrapolate with ratePerSecond while admitting',
  ),
  tickets: count.describe('tickets taken so far'),
  admitWindowSeconds: count,
  powDifficulty: count.describe('leading zero bits a join must prove (0: none)'),
});

export const ticketSchema = z.object({
  id: z.string(),
  rank: z
    .number()
    .int()
    .min(1)
    .nullable()
    .describe('place in the admission order: null before the start for the pre-queue'),
  joinedAt: isoTime,
  admittedAt: isoTime.nullable().describe('when the turn came; null while waiting'),
  turnEndsAt: isoTime.nullable().describe('until when the shopper may buy'),
});

export const ticketBodySchema = z.object({ ticket: ticketSchema });

export const queueChallengeSchema = z.object({
  challenge: z.string(),
  difficulty: count,
});

export const queueTicketsBodySchema = z.object({
  seed: z.string(),
  seedHash: z.string(),
  tickets: z
    .array(z.string())
    .describe('ids of the pre-start tickets in the order the server ranked them (rank 1 first)'),
});

export const notAdmittedSchema = apiErrorSchema.extend({
  position: count.nullable().describe('rank − admitted (0 once admitted); null without a ticket'),
  reason: z.enum(['no_ticket', 'waiting', 'turn_passed']),
});

export const queueAdminSchema = z.object({
  status: queueStatusSchema,
  enabled: z.boolean(),
  paused: z.boolean(),
  opensBeforeSeconds: count,
  waiting: count.describe('tickets not admitted yet'),
  admitted: count,
  active: count.describe('admitted shoppers whose turn has not passed'),
  revealedAt: isoTime.nullable(),
  preCount: count.describe('tickets ranked by the shuffle at the start'),
});

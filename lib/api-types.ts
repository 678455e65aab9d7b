/**
 * The JSON bodies of docs/API.md as TypeScript types, derived from their zod schemas
 * (`lib/api-schemas.ts`) and shared by the route handlers and the browser components. Type-only
 * imports: the browser bundle does not carry the schemas.
 */
import type { z } from 'zod';
import type {
  adminHoldsBodySchema,
  adminOrdersBodySchema,
  apiErrorSchema,
  auditRowSchema,
  checkoutModeSchema,
  holdCancelResponseSchema,
  holdOrderResponseSchema,
  holdOutcomeSchema,
  holdResponseSchema,
  holdSchema,
  holdStateSchema,
  logOutcomeSchema,
  refundResponseSchema,
  auditSchema,
  healthBodySchema,
  logBodySchema,
  logEntrySchema,
  meBodySchema,
  productSchema,
  productsBodySchema,
  productStatusSchema,
  purchaseModeSchema,
  purchaseOutcomeSchema,
  purchaseResponseSchema,
  sessionBodySchema,
  snapshotBodySchema,
  statsSchema,
  statsSecondSchema,
} from './api-schemas';

export type ProductStatus = z.infer<typeof productStatusSchema>;
/**
 * `coalesce`: the queued buyers of a product are decided together in one watched transaction;
 * `plain`: one transaction per request, so concurrent buyers abort each other (raw conflicts).
 */
export type PurchaseMode = z.infer<typeof purchaseModeSchema>;
export type Product = z.infer<typeof productSchema>;
export type PurchaseOutcome = z.infer<typeof purchaseOutcomeSchema>;
export type PurchaseResponse = z.infer<typeof purchaseResponseSchema>;
/** `instant`: Buy is final; `hold`: Buy holds the units for the product's holdSeconds. */
export type CheckoutMode = z.infer<typeof checkoutModeSchema>;
export type HoldState = z.infer<typeof holdStateSchema>;
export type Hold = z.infer<typeof holdSchema>;
export type HoldOutcome = z.infer<typeof holdOutcomeSchema>;
/** `POST /api/products/{sku}/holds` */
export type HoldResponse = z.infer<typeof holdResponseSchema>;
/** `POST /api/products/{sku}/holds/{id}/order` */
export type HoldOrderResponse = z.infer<typeof holdOrderResponseSchema>;
/** `POST /api/products/{sku}/holds/{id}/cancel` */
export type HoldCancelResponse = z.infer<typeof holdCancelResponseSchema>;
/** What a log entry records: purchase outcomes and the steps of a hold's life. */
export type LogOutcome = z.infer<typeof logOutcomeSchema>;
/** `GET /api/admin/products/{sku}/holds` */
export type AdminHoldsBody = z.infer<typeof adminHoldsBodySchema>;
/** `GET /api/admin/products/{sku}/orders` */
export type AdminOrdersBody = z.infer<typeof adminOrdersBodySchema>;
/** `POST /api/admin/products/{sku}/orders/{orderId}/cancel` */
export type RefundResponse = z.infer<typeof refundResponseSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;
export type StatsSecond = z.infer<typeof statsSecondSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type AuditRow = z.infer<typeof auditRowSchema>;
export type Audit = z.infer<typeof auditSchema>;
/** `GET /api/products` */
export type ProductsBody = z.infer<typeof productsBodySchema>;
/** `GET /api/log` */
export type LogBody = z.infer<typeof logBodySchema>;
/** `GET /api/snapshot`: what the storefront shows, in one answer. */
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;
/** `GET /api/me`: the units this shopper holds, by SKU (products without units are left out). */
export type MeBody = z.infer<typeof meBodySchema>;
/** `POST /api/session` */
export type SessionBody = z.infer<typeof sessionBodySchema>;
/** `GET /api/health` */
export type HealthBody = z.infer<typeof healthBodySchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The storefront's one poll: products, stats and the newest log entries. */
export const SNAPSHOT_PATH = '/api/snapshot';

/** The catalogue's path, polled by the admin table and outside clients. */
export const PRODUCTS_PATH = '/api/products';

/** The seconds `stats.perSecond` covers: the chart's window, oldest first. */
export const PER_SECOND_WINDOW_S = 60;

/** Length of `shopper` in log entries: a per-product pseudonym of the shopper. */
export const SHORT_SHOPPER_LENGTH = 8;

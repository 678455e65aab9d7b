/**
 * The JSON bodies of docs/API.md as TypeScript types, derived from their zod schemas
 * (`lib/api-schemas.ts`) and shared by the route handlers and the browser components. Type-only
 * imports: the browser bundle does not carry the schemas.
 */
import type { z } from 'zod';
import type {
  apiErrorSchema,
  auditRowSchema,
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
  queueAdminSchema,
  queueChallengeSchema,
  queueStatusSchema,
  queueTicketsBodySchema,
  notAdmittedSchema,
  sessionBodySchema,
  snapshotBodySchema,
  statsSchema,
  statsSecondSchema,
  ticketSchema,
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
/** `GET /api/products/{sku}/queue`: the waiting room's public, cacheable status. */
export type QueueStatus = z.infer<typeof queueStatusSchema>;
/** A shopper's place in a waiting room. */
export type Ticket = z.infer<typeof ticketSchema>;
/** `GET /api/products/{sku}/queue/tickets`: what the verifier recomputes. */
export type QueueTicketsBody = z.infer<typeof queueTicketsBodySchema>;
/** `GET /api/products/{sku}/queue/challenge` */
export type QueueChallenge = z.infer<typeof queueChallengeSchema>;
/** `GET /api/admin/products/{sku}/queue` */
export type QueueAdmin = z.infer<typeof queueAdminSchema>;
/** 403 `not_admitted` of a purchase (and a hold) on a queued product. */
export type NotAdmitted = z.infer<typeof notAdmittedSchema>;

/** The storefront's one poll: products, stats and the newest log entries. */
export const SNAPSHOT_PATH = '/api/snapshot';

/** The public status of a product's waiting room, polled by its waiting page. */
export const queuePath = (sku: string) => `/api/products/${encodeURIComponent(sku)}/queue`;

/** The catalogue's path, polled by the admin table and outside clients. */
export const PRODUCTS_PATH = '/api/products';

/** The seconds `stats.perSecond` covers: the chart's window, oldest first. */
export const PER_SECOND_WINDOW_S = 60;

/** Length of `shopper` in log entries: a per-product pseudonym of the shopper. */
export const SHORT_SHOPPER_LENGTH = 8;

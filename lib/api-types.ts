/**
 * The JSON bodies of ../shared/API.md as TypeScript types, shared by the route handlers and the
 * browser components (which must not import anything that touches Redis).
 */
export type ProductStatus = 'scheduled' | 'live' | 'sold_out' | 'ended';

export type Product = {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
  totalStock: number;
  sold: number;
  limitPerShopper: number;
  startsAt: string;
  endsAt: string | null;
  status: ProductStatus;
};

export type PurchaseOutcome =
  | 'purchased'
  | 'sold_out'
  | 'insufficient_stock'
  | 'limit_reached'
  | 'not_started'
  | 'ended'
  | 'contention';

export type PurchaseResponse = {
  outcome: PurchaseOutcome;
  sku: string;
  quantity: number;
  orderId?: string;
  remaining: number;
  attempts: number;
  conflicts: number;
  latencyMs: number;
  replay?: boolean;
};

export type LogEntry = {
  id: string;
  at: string;
  sku: string;
  shopper: string;
  outcome: PurchaseOutcome;
  quantity: number;
  attempts: number;
  conflicts: number;
  latencyMs: number;
  replay?: boolean;
};

export type StatsSecond = { t: string; purchased: number; conflicts: number };

export type Stats = {
  requests: number;
  purchased: number;
  soldOut: number;
  limitReached: number;
  contention: number;
  conflicts: number;
  unitsSold: number;
  /** Added by Stockrush: purchases and conflicts of each of the last 60 seconds, oldest first. */
  perSecond?: StatsSecond[];
};

export type AuditRow = {
  sku: string;
  stock: number;
  sold: number;
  totalStock: number;
  orderUnits: number;
  ok: boolean;
};

export type Audit = { ok: boolean; products: AuditRow[] };

/** `GET /api/products` */
export type ProductsBody = { products: Product[] };
/** `GET /api/log` */
export type LogBody = { entries: LogEntry[] };
/** `POST /api/session` */
export type SessionBody = { shopperId: string };
/** `GET /api/health` */
export type HealthBody = { status: string; redis: 'ok' | 'down' };

/** The catalogue's path, polled by the storefront and the admin table alike. */
export const PRODUCTS_PATH = '/api/products';

export type ApiError = {
  error: { code: string; message: string; issues: { path: string; message: string }[] };
};

/** `shopper` in log entries: the first characters of a shopper id. */
export const SHORT_SHOPPER_LENGTH = 8;

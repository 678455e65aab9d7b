/**
 * The waiting room's JSON bodies, under the names the browser components use: the contract's
 * types (lib/api-types.ts, derived from the zod schemas), type-only so the bundle carries none.
 */
import type { NotAdmitted, Product, QueueAdmin, QueueStatus, Ticket } from '@/lib/api-types';
import type { QueueSettingsBody } from '@/lib/api-schemas';

export type { QueueChallenge as ChallengeBody, QueueStatus, Ticket } from '@/lib/api-types';

export type QueueState = QueueStatus['state'];

/** `{ ticket }`: the answer of `POST …/queue/join` and `GET …/queue/ticket`. */
export type TicketBody = { ticket: Ticket };

/** Why a purchase (or hold) was refused with 403 `not_admitted`. */
export type NotAdmittedReason = NotAdmitted['reason'];

/** `GET /api/admin/products/{sku}/queue`: the status with what only the admin sees. */
export type AdminQueue = QueueAdmin;

/** `PUT /api/admin/products/{sku}/queue` (every setting sent, as the panel knows them). */
export type QueueSettings = Required<QueueSettingsBody>;

/** True for a product that sells through a waiting room. */
export function isQueued(product: Product): boolean {
  return product.queue;
}

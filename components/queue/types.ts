/**
 * The waiting room's JSON bodies as plan/CONTRACT.md fixes them, until the core's zod schemas
 * (lib/api-schemas.ts) land; then these become re-exports of lib/api-types.ts.
 */
import type { Product } from '@/lib/api-types';

export type QueueState =
  'off' | 'not_open' | 'open' | 'admitting' | 'paused' | 'sold_out' | 'ended';

/** `GET /api/products/{sku}/queue`: public, the same for everyone, cacheable. */
export type QueueStatus = {
  sku: string;
  state: QueueState;
  opensAt: string | null;
  startsAt: string | null;
  seedHash: string | null;
  seed: string | null;
  ratePerSecond: number;
  /** How far admission had got at `at`: tickets of rank ≤ admitted are admitted. */
  admitted: number;
  at: string;
  tickets: number;
  admitWindowSeconds: number;
  powDifficulty: number;
};

/** A shopper's ticket: private, read once. `rank` is null before the start (the pre-queue). */
export type Ticket = {
  id: string;
  rank: number | null;
  joinedAt: string;
  admittedAt: string | null;
  turnEndsAt: string | null;
};

export type TicketBody = { ticket: Ticket };
export type ChallengeBody = { challenge: string; difficulty: number };

/** Why a purchase (or hold) was refused with 403 `not_admitted`. */
export type NotAdmittedReason = 'no_ticket' | 'waiting' | 'turn_passed';

/** `GET /api/admin/products/{sku}/queue`: the status with what only the admin sees. */
export type AdminQueue = {
  status: QueueStatus;
  enabled: boolean;
  paused: boolean;
  opensBeforeSeconds: number;
  /** Tickets not admitted yet. */
  waiting: number;
  admitted: number;
  /** Admitted shoppers whose turn has not passed. */
  active: number;
  revealedAt: string | null;
  /** Tickets ranked by the shuffle at the start. */
  preCount: number;
};

/** `PUT /api/admin/products/{sku}/queue` */
export type QueueSettings = {
  enabled: boolean;
  opensBeforeSeconds: number;
  ratePerSecond: number;
  admitWindowSeconds: number;
  powDifficulty: number;
};

/** True for a product that sells through a waiting room (`queue` on the product JSON). */
export function isQueued(product: Product): boolean {
  return (product as Product & { queue?: boolean }).queue === true;
}

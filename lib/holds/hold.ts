import type { Hold, HoldState } from '@/lib/api-types';

/** Who ended a hold: its shopper (Place order or Cancel), an admin (release), or the sweep. */
export type EndedBy = 'shopper' | 'admin' | 'expiry';

/** A hold as stored (JSON string at `keys.hold(sku, id)`); times are epoch milliseconds. */
export type HoldRecord = {
  id: string;
  sku: string;
  shopper: string;
  quantity: number;
  priceCents: number;
  state: HoldState;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
  orderId: string | null;
  endedBy: EndedBy | null;
};

/** A hold that has ended: its end's time is set. */
export type EndedHoldRecord = HoldRecord & { endedAt: number };

/** A stored hold as read; undefined when missing or not a hold (damaged by hand). */
export function parseHold(raw: string | null | undefined): HoldRecord | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<HoldRecord> | null;
    if (
      value &&
      typeof value.id === 'string' &&
      typeof value.shopper === 'string' &&
      Number.isInteger(value.quantity) &&
      Number.isFinite(value.expiresAt) &&
      typeof value.state === 'string'
    ) {
      return value as HoldRecord;
    }
  } catch {
    // Not JSON: treated as no hold.
  }
  return undefined;
}

/** A new hold of `quantity` units for `shopper`, held from `now` for `holdSeconds`. */
export function newHold(fields: {
  id: string;
  sku: string;
  shopper: string;
  quantity: number;
  priceCents: number;
  holdSeconds: number;
  now: number;
}): HoldRecord {
  const { holdSeconds, now, ...rest } = fields;
  return {
    ...rest,
    state: 'held',
    createdAt: now,
    expiresAt: now + holdSeconds * 1000,
    endedAt: null,
    orderId: null,
    endedBy: null,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The hold as the API shows it (without its shopper: the session proves ownership). */
export function toHold(record: HoldRecord): Hold {
  return {
    id: record.id,
    sku: record.sku,
    quantity: record.quantity,
    priceCents: record.priceCents,
    state: record.state,
    createdAt: iso(record.createdAt),
    expiresAt: iso(record.expiresAt),
    endedAt: record.endedAt === null ? null : iso(record.endedAt),
    orderId: record.orderId,
    endedBy: record.endedBy,
  };
}

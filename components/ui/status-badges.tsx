import type { ProductStatus } from '@/lib/api-types';
import type { LogOutcome } from '@/components/store/hold-types';
import { formatEnum } from '@/lib/format';
import { Badge, type BadgeTone } from './badge';

const STATUS_TONES: Record<ProductStatus, BadgeTone> = {
  scheduled: 'accent',
  live: 'success',
  sold_out: 'neutral',
  ended: 'neutral',
};

/** A product's sale status: `scheduled`, `live` (pulsing dot), `sold out`, `ended`. */
export function ProductStatusBadge({ status }: { status: ProductStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} dot={status === 'live' ? 'pulse' : true}>
      {formatEnum(status)}
    </Badge>
  );
}

const OUTCOME_TONES: Record<LogOutcome, BadgeTone> = {
  purchased: 'success',
  held: 'accent',
  ordered: 'success',
  cancelled: 'neutral',
  expired: 'neutral',
  refunded: 'danger',
  all_in_carts: 'neutral',
  sold_out: 'neutral',
  insufficient_stock: 'caution',
  limit_reached: 'caution',
  not_started: 'neutral',
  ended: 'neutral',
  contention: 'warning',
};

/**
 * A log outcome as a coloured badge: green bought or ordered, blue held, grey refused by state or
 * a hold ended without an order, violet refused by rule, amber contention, red refunded.
 */
export function OutcomeBadge({ outcome }: { outcome: LogOutcome }) {
  return <Badge tone={OUTCOME_TONES[outcome]}>{formatEnum(outcome)}</Badge>;
}

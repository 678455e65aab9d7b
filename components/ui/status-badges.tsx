import type { LogOutcome, ProductStatus } from '@/lib/api-types';
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
  sold_out: 'neutral',
  insufficient_stock: 'caution',
  limit_reached: 'caution',
  not_started: 'neutral',
  ended: 'neutral',
  contention: 'warning',
  all_in_carts: 'neutral',
  held: 'success',
  ordered: 'success',
  cancelled: 'neutral',
  expired: 'neutral',
  refunded: 'neutral',
};

/** A purchase outcome as a coloured badge: green bought, grey refused by state, violet refused by rule, amber contention. */
export function OutcomeBadge({ outcome }: { outcome: LogOutcome }) {
  return <Badge tone={OUTCOME_TONES[outcome]}>{formatEnum(outcome)}</Badge>;
}

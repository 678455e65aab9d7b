'use client';

// The words of a click's outcome: a chunk of their own, off the storefront's first load (fetched
// as the cards hydrate); purchase-result.tsx keeps the live region they are announced in.

import { formatCount, formatQuantity } from '@/lib/format';
import type { NotAdmitted } from '@/components/queue/not-admitted';
import { waitingRoomPath } from '@/components/queue/queue-api';
import type { CheckoutResponse } from './hold-types';
import { DETAIL, OutcomeLines, TONE_CLASSES, type ResultLine } from './outcome-lines';
import type { ClickState } from './use-purchase';

type ResultLinesProps = {
  sku: string;
  /** Nothing yet (idle), an answer, or a click that got none. */
  state: Exclude<ClickState, { phase: 'buying' }>;
  onRetry: () => void;
};

function describe(response: CheckoutResponse): ResultLine {
  switch (response.outcome) {
    case 'held':
      return {
        tone: 'success',
        title: `In your cart: ${formatQuantity(response.quantity, 'unit')}`,
        detail: 'Place the order above before the time runs out.',
      };
    case 'all_in_carts':
      return {
        tone: 'muted',
        title: 'All in carts',
        detail: 'Every unit is in a cart — some may come back.',
      };
    case 'purchased':
      return {
        tone: 'success',
        title: `Purchased ${formatCount(response.quantity)}`,
        code: response.orderId,
      };
    case 'sold_out':
      return {
        tone: 'muted',
        title: 'Sold out',
        detail: 'Every unit is gone — nothing was bought.',
      };
    case 'insufficient_stock':
      return {
        tone: 'muted',
        title: 'Insufficient stock',
        detail: `Only ${formatCount(response.remaining)} left — choose fewer.`,
      };
    case 'limit_reached':
      return {
        tone: 'muted',
        title: 'Limit reached',
        detail: 'You hold the most one shopper may buy.',
      };
    case 'not_started':
      return { tone: 'muted', title: 'Not started', detail: 'The sale has not opened yet.' };
    case 'ended':
      return { tone: 'muted', title: 'Ended', detail: 'This sale is over.' };
    case 'contention':
      return { tone: 'warning', title: 'Too busy', detail: 'Nothing was bought.', retry: true };
  }
}

/** A 403 `not_admitted`: the shopper's place, and the way to the waiting room. */
function NotAdmittedLine({ sku, refusal }: { sku: string; refusal: NotAdmitted }) {
  const title =
    refusal.reason === 'turn_passed'
      ? 'Your turn has passed'
      : refusal.reason === 'no_ticket' || refusal.position === null
        ? 'Join the waiting room first'
        : 'Not your turn yet';
  return (
    <>
      <p className="flex items-baseline gap-3">
        <span className={`font-semibold ${TONE_CLASSES.muted}`}>{title}</span>
        <a
          href={waitingRoomPath(sku)}
          className="ml-auto font-medium whitespace-nowrap text-blue-700 underline underline-offset-2 hover:text-blue-800 dark:text-blue-400"
        >
          Waiting room
        </a>
      </p>
      <p className={DETAIL}>
        {refusal.reason === 'waiting' && refusal.position !== null
          ? `You are number ${formatCount(refusal.position)} in line — nothing was bought.`
          : 'Only shoppers let in from the waiting room can buy — nothing was bought.'}
      </p>
    </>
  );
}

/** The lines of an answer, a 403 `not_admitted` (the place, the way to the room), or a failure. */
export function ResultLines({ sku, state, onRetry }: ResultLinesProps) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed' && state.notAdmitted) {
    return <NotAdmittedLine sku={sku} refusal={state.notAdmitted} />;
  }
  const line: ResultLine =
    state.phase === 'answered'
      ? describe(state.response)
      : {
          tone: 'danger',
          // A 429: this address has sent too many; say so rather than "not bought".
          title: state.rateLimited ? 'Too many tries — wait a moment' : 'Not bought',
          detail: `${state.message} A repeat never buys twice.`,
          retry: true,
        };
  return <OutcomeLines line={line} onRetry={onRetry} />;
}

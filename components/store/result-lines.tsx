'use client';

// The words of a click's outcome: loaded after the first click (a chunk of its own, off the
// storefront's first load); purchase-result.tsx keeps the live region they are announced in.

import { formatCount, formatQuantity } from '@/lib/format';
import { waitingRoomPath, type NotAdmitted } from '@/components/queue/queue-api';
import type { CheckoutResponse } from './hold-types';
import type { ClickState } from './use-purchase';

type ResultLinesProps = {
  sku: string;
  /** An answer, or a click that got none. */
  state: Extract<ClickState, { phase: 'answered' | 'failed' }>;
  onRetry: () => void;
};

type ResultLine = {
  tone: 'success' | 'muted' | 'warning' | 'danger';
  title: string;
  detail?: string;
  /** Shown in monospace (an order id). */
  code?: string;
  retry?: boolean;
};

const TONE_CLASSES: Record<ResultLine['tone'], string> = {
  success: 'text-emerald-700 dark:text-emerald-400',
  muted: 'text-zinc-700 dark:text-zinc-300',
  warning: 'text-amber-800 dark:text-amber-300',
  danger: 'text-red-700 dark:text-red-400',
};
const DETAIL = 'truncate text-zinc-600 dark:text-zinc-400';

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

/** The two lines of an answer or a failure, with Try again where a repeat may help. */
export function ResultLines({ sku, state, onRetry }: ResultLinesProps) {
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
  return (
    <>
      <p className="flex items-baseline gap-3">
        <span className={`font-semibold ${TONE_CLASSES[line.tone]}`}>{line.title}</span>
        {line.retry ? (
          <button
            type="button"
            onClick={onRetry}
            className="ml-auto font-medium text-blue-700 underline underline-offset-2 hover:text-blue-800 dark:text-blue-400"
          >
            Try again
          </button>
        ) : null}
      </p>
      {line.code ? (
        <p className={DETAIL} title={line.code}>
          order{' '}
          <span className="font-mono text-xs text-zinc-900 dark:text-zinc-100">{line.code}</span>
        </p>
      ) : line.detail ? (
        <p className={DETAIL} title={line.detail}>
          {line.detail}
        </p>
      ) : null}
    </>
  );
}

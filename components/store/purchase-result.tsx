'use client';

import type { PurchaseResponse } from '@/lib/api-types';
import { Spinner } from '@/components/ui/spinner';
import type { ClickState } from './use-purchase';

type PurchaseResultProps = {
  sku: string;
  state: ClickState;
  limitPerShopper: number;
  onRetry: () => void;
};

type Line = {
  tone: 'success' | 'muted' | 'warning' | 'danger';
  title: string;
  detail?: string;
  retry?: boolean;
};

const TONE_CLASSES: Record<Line['tone'], string> = {
  success: 'text-emerald-700 dark:text-emerald-400',
  muted: 'text-zinc-700 dark:text-zinc-300',
  warning: 'text-amber-800 dark:text-amber-300',
  danger: 'text-red-700 dark:text-red-400',
};

function describe(response: PurchaseResponse, limitPerShopper: number): Line {
  switch (response.outcome) {
    case 'purchased':
      return { tone: 'success', title: `Purchased ${response.quantity}` };
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
        detail: `Only ${response.remaining} left — choose fewer.`,
      };
    case 'limit_reached':
      return {
        tone: 'muted',
        title: 'Limit reached',
        detail: `At most ${limitPerShopper} per shopper.`,
      };
    case 'not_started':
      return { tone: 'muted', title: 'Not started', detail: 'The sale has not opened yet.' };
    case 'ended':
      return { tone: 'muted', title: 'Ended', detail: 'This sale is over.' };
    case 'contention':
      return {
        tone: 'warning',
        title: 'Too busy',
        detail: 'Nothing was bought — try again.',
        retry: true,
      };
  }
}

/** The outcome of this shopper's last click on one card, announced politely as it changes. */
export function PurchaseResult({ sku, state, limitPerShopper, onRetry }: PurchaseResultProps) {
  let content = null;
  let outcome: string | undefined;
  if (state.phase === 'buying') {
    outcome = 'buying';
    content = (
      <p className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
        <Spinner className="size-3.5" />
        Buying…
      </p>
    );
  } else if (state.phase === 'answered' || state.phase === 'failed') {
    const line: Line =
      state.phase === 'answered'
        ? describe(state.response, limitPerShopper)
        : {
            tone: 'danger',
            title: 'Not sent',
            detail: `${state.message} Try again — a repeat never buys twice.`,
            retry: true,
          };
    outcome = state.phase === 'answered' ? state.response.outcome : 'failed';
    content = (
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <p className={`font-semibold ${TONE_CLASSES[line.tone]}`}>{line.title}</p>
        {state.phase === 'answered' && state.response.orderId ? (
          <p className="min-w-0 text-zinc-600 dark:text-zinc-400">
            order{' '}
            <span className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">
              {state.response.orderId}
            </span>
          </p>
        ) : null}
        {line.detail ? <p className="text-zinc-600 dark:text-zinc-400">{line.detail}</p> : null}
        {line.retry ? (
          <button
            type="button"
            onClick={onRetry}
            className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-800 dark:text-blue-400"
          >
            Try again
          </button>
        ) : null}
      </div>
    );
  }
  // Empty on a phone, it takes no room; from `sm` up it keeps two lines so Buy buttons align.
  return (
    <div
      data-testid={`result-${sku}`}
      data-outcome={outcome}
      role="status"
      aria-live="polite"
      className="mt-3 text-sm empty:mt-0 sm:min-h-11 sm:empty:mt-3"
    >
      {content}
    </div>
  );
}

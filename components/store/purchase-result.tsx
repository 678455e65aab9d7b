'use client';

import { lazy, Suspense } from 'react';
import { Spinner } from '@/components/ui/spinner';
import type { ClickState } from './use-purchase';

// The words of an outcome are needed only after a click: a chunk of their own.
const ResultLines = lazy(() => import('./result-lines').then((m) => ({ default: m.ResultLines })));

type PurchaseResultProps = {
  sku: string;
  state: ClickState;
  onRetry: () => void;
};

/** The `data-outcome` of a click's state: its outcome, or what kept it from having one. */
function outcomeOf(state: ClickState): string | undefined {
  switch (state.phase) {
    case 'idle':
      return undefined;
    case 'buying':
      return 'buying';
    case 'answered':
      return state.response.outcome;
    case 'failed':
      return state.notAdmitted ? 'not_admitted' : state.rateLimited ? 'rate_limited' : 'failed';
  }
}

/**
 * The outcome of this shopper's last click on one card, announced politely as it changes (the
 * live region is there from the first render). It always takes two lines, empty or not, so a
 * message never moves the card or its neighbours.
 */
export function PurchaseResult({ sku, state, onRetry }: PurchaseResultProps) {
  return (
    <div
      data-testid={`result-${sku}`}
      data-outcome={outcomeOf(state)}
      role="status"
      aria-live="polite"
      className="mt-3 h-10 text-sm leading-5"
    >
      {state.phase === 'buying' ? (
        <p className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
          <Spinner className="size-3.5" />
          Buying…
        </p>
      ) : state.phase === 'idle' ? null : (
        <Suspense fallback={null}>
          <ResultLines sku={sku} state={state} onRetry={onRetry} />
        </Suspense>
      )}
    </div>
  );
}

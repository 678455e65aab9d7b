'use client';

import { lazy, Suspense, useEffect } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { OutcomeLines } from './outcome-lines';
import type { ClickState } from './use-purchase';

// The words of an answer are needed only after a click: a chunk of their own, fetched as the
// click goes out, so it is there by the time the answer is.
const loadLines = () => import('./result-lines');
const ResultLines = lazy(() =>
  loadLines().then(
    (m) => ({ default: m.ResultLines }),
    // The chunk did not come (the network went): the outcome in plain words, never an error page.
    () => ({ default: PlainLines }),
  ),
);

function PlainLines({ state, onRetry }: { state: ClickState; onRetry: () => void }) {
  const title =
    state.phase === 'answered' ? state.response.outcome.replace(/_/g, ' ') : 'Not bought';
  return <OutcomeLines line={{ tone: 'muted', title }} onRetry={onRetry} />;
}

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
  useEffect(() => {
    if (state.phase === 'buying') void loadLines().catch(() => {});
  }, [state.phase]);
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
      ) : state.phase === 'idle' ? null : state.phase === 'failed' && !state.notAdmitted ? (
        <OutcomeLines
          line={{
            tone: 'danger',
            // A 429: this address has sent too many; say so rather than "not bought".
            title: state.rateLimited ? 'Too many tries — wait a moment' : 'Not bought',
            detail: `${state.message} A repeat never buys twice.`,
            retry: true,
          }}
          onRetry={onRetry}
        />
      ) : (
        <Suspense fallback={null}>
          <ResultLines sku={sku} state={state} onRetry={onRetry} />
        </Suspense>
      )}
    </div>
  );
}

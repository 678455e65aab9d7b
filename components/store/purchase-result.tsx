'use client';

import { useEffect, useState } from 'react';
import { Spinner } from '@/components/ui/spinner';
import type { ClickState } from './use-purchase';

// The words of an outcome: a chunk of their own, off the storefront's first load, fetched as the
// card mounts so it is there by the time an answer — or a lost connection — is. Until it is (or
// if it never comes: the network went first), plain words stand in, never an error page.
type Lines = (typeof import('./result-lines'))['ResultLines'];
let loadedLines: Lines | undefined;

function useResultLines(): Lines | undefined {
  const [lines, setLines] = useState(() => loadedLines);
  useEffect(() => {
    if (lines) return;
    let mounted = true;
    import('./result-lines').then(
      (m) => {
        loadedLines = m.ResultLines;
        if (mounted) setLines(() => m.ResultLines);
      },
      () => {},
    );
    return () => {
      mounted = false;
    };
  }, [lines]);
  return lines;
}

function PlainLines({ state, onRetry }: { state: ClickState; onRetry: () => void }) {
  if (state.phase === 'idle' || state.phase === 'buying') return null;
  const failed = state.phase === 'failed';
  return (
    <p>
      <span className="font-semibold">
        {state.phase === 'answered' ? state.response.outcome.replace(/_/g, ' ') : 'Not bought'}
      </span>{' '}
      {failed ? (
        <button type="button" onClick={onRetry} className="font-medium underline">
          Try again
        </button>
      ) : null}
    </p>
  );
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
  const resultLines = useResultLines();
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
      ) : resultLines ? (
        // A plain function of the state (no hooks): called, not mounted, as it arrives late.
        resultLines({ sku, state, onRetry })
      ) : (
        <PlainLines state={state} onRetry={onRetry} />
      )}
    </div>
  );
}

'use client';

import { formatCount } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { ProgressBar } from './queue-place';
import type { JoinState } from './use-join';

/**
 * The Join button, and while the queue asks for a proof of work, its progress (hashes tried
 * against the average a solution takes: an estimate, so the bar stops short of full).
 */
export function JoinPanel({
  state,
  onJoin,
  canJoin,
  label = 'Join the waiting room',
}: {
  state: JoinState;
  onJoin: () => void;
  /** False until the shopper session exists. */
  canJoin: boolean;
  label?: string;
}) {
  const busy = state.phase === 'solving' || state.phase === 'joining';
  return (
    <div className="mt-6">
      <Button
        size="lg"
        data-testid="queue-join"
        className="w-full sm:w-auto"
        disabled={!canJoin || busy}
        aria-busy={busy}
        onClick={onJoin}
      >
        {busy ? <Spinner /> : null}
        {state.phase === 'solving'
          ? 'Checking you are not a bot…'
          : state.phase === 'joining'
            ? 'Joining…'
            : label}
      </Button>
      <div role="status" aria-live="polite" className="mt-3 min-h-5 text-sm">
        {state.phase === 'solving' ? (
          <div data-testid="queue-pow" className="max-w-sm">
            <p className="mb-2 text-zinc-600 dark:text-zinc-400">
              Your browser is solving a small puzzle that makes joining costly for bots. It usually
              takes about {formatCount(state.progress.expected)} tries.
            </p>
            <ProgressBar
              value={Math.min(0.95, state.progress.tried / state.progress.expected)}
              label="Puzzle progress"
              testId="queue-pow-progress"
            />
          </div>
        ) : state.phase === 'failed' ? (
          <p className="font-medium text-red-700 dark:text-red-400">{state.message}</p>
        ) : null}
      </div>
    </div>
  );
}

import { formatCount, formatQuantity } from '@/lib/format';
import { formatWait } from './queue-math';
import type { QueueView } from './queue-view';

type Waiting = Extract<QueueView, { kind: 'waiting' }>;

/** How fast the line moves, in words: "5 shoppers a second", "1 shopper every 4 seconds". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1) return `${formatQuantity(perSecond, 'shopper')} a second`;
  if (perSecond <= 0) return 'nobody for now';
  const every = Math.round(1 / perSecond);
  return `1 shopper every ${formatQuantity(every, 'second')}`;
}

/** The bar under the position: the part of the line ahead of this shopper already let in. */
export function ProgressBar({
  value,
  label,
  testId = 'queue-progress',
}: {
  value: number;
  label: string;
  testId?: string;
}) {
  const percent = Math.round(value * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}% of the way`}
      data-testid={testId}
      className="h-2.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
    >
      <div
        className="h-full rounded-full bg-blue-600 transition-[width] duration-700 ease-out dark:bg-blue-500"
        style={{ width: `${Math.max(2, percent)}%` }}
      />
    </div>
  );
}

/**
 * The shopper's place while they wait: the position (rank − admitted, worked out in the page),
 * the people ahead, an estimated wait from the rate ("about"), and the progress bar.
 */
export function QueuePlace({ view, ratePerSecond }: { view: Waiting; ratePerSecond: number }) {
  return (
    <div>
      <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Your place in line</p>
      <p className="mt-1 flex items-baseline gap-3">
        {/* Digits only for clients (docs/API.md); people read separators. */}
        <span data-testid="queue-position" className="sr-only">
          {view.position}
        </span>
        <span
          aria-hidden="true"
          className="text-6xl font-semibold tracking-tight tabular-nums sm:text-7xl"
        >
          {formatCount(view.position)}
        </span>
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">People ahead of you</dt>
          <dd data-testid="queue-ahead" className="mt-0.5 text-lg font-semibold tabular-nums">
            {view.ahead === 0 ? 'Nobody — you are next' : formatCount(view.ahead)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Estimated wait</dt>
          <dd data-testid="queue-wait" className="mt-0.5 text-lg font-semibold tabular-nums">
            {view.paused
              ? 'Paused'
              : view.waitSeconds === null
                ? 'Not moving yet'
                : formatWait(view.waitSeconds)}
          </dd>
        </div>
      </dl>
      <div className="mt-5">
        <ProgressBar value={view.progress} label="Your progress through the line" />
      </div>
      <p className="mt-3 text-sm text-pretty text-zinc-600 dark:text-zinc-400">
        {view.paused ? (
          <>
            The shop has paused admission for a moment. Your place is kept, and the line moves again
            as soon as it resumes.
          </>
        ) : (
          <>
            Letting in {formatRate(ratePerSecond)}, strictly in order. You can close this tab and
            come back: your place stays with this browser.
          </>
        )}
      </p>
    </div>
  );
}

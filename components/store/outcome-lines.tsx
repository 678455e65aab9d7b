'use client';

/**
 * The two lines of a click's outcome: its title (with Try again where a repeat may help) and a
 * detail or an order id (in result-lines' chunk).
 */

export type ResultLine = {
  tone: 'success' | 'muted' | 'warning' | 'danger';
  title: string;
  detail?: string;
  /** Shown in monospace (an order id). */
  code?: string;
  retry?: boolean;
};

export const TONE_CLASSES: Record<ResultLine['tone'], string> = {
  success: 'text-emerald-700 dark:text-emerald-400',
  muted: 'text-zinc-700 dark:text-zinc-300',
  warning: 'text-amber-800 dark:text-amber-300',
  danger: 'text-red-700 dark:text-red-400',
};

export const DETAIL = 'truncate text-zinc-600 dark:text-zinc-400';

export function OutcomeLines({ line, onRetry }: { line: ResultLine; onRetry: () => void }) {
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

import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';

export type CardTone = 'neutral' | 'turn' | 'passed' | 'done';

const TONES: Record<CardTone, string> = {
  neutral: 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900',
  turn: 'border-emerald-300 bg-emerald-50/60 ring-4 ring-emerald-100 dark:border-emerald-800 dark:bg-emerald-950/30 dark:ring-emerald-950/60',
  passed: 'border-amber-300 bg-amber-50/60 dark:border-amber-900 dark:bg-amber-950/20',
  done: 'border-zinc-200 bg-zinc-100/60 dark:border-zinc-800 dark:bg-zinc-900/60',
};

/**
 * The waiting page's main card: a state badge, the state's title (announced politely when it
 * changes, not every second), and what goes with it.
 */
export function StatusCard({
  state,
  tone = 'neutral',
  badge,
  title,
  children,
}: {
  /** The view's kind, as `data-state` for tests. */
  state: string;
  tone?: CardTone;
  badge?: { tone: BadgeTone; text: string; pulse?: boolean };
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section
      aria-labelledby="queue-title"
      data-testid="queue-state"
      data-state={state}
      className={`rounded-2xl border p-5 shadow-xs sm:p-8 ${TONES[tone]}`}
    >
      <div role="status" aria-live="polite">
        {badge ? (
          <Badge tone={badge.tone} dot={badge.pulse ? 'pulse' : true}>
            {badge.text}
          </Badge>
        ) : null}
        <h2
          id="queue-title"
          data-testid="queue-title"
          className="mt-3 text-2xl font-semibold tracking-tight text-balance sm:text-3xl"
        >
          {title}
        </h2>
      </div>
      {children ? <div className="mt-3">{children}</div> : null}
    </section>
  );
}

/** The body text of a card. */
export function CardText({ children }: { children: ReactNode }) {
  return (
    <p className="max-w-prose text-base text-pretty text-zinc-700 dark:text-zinc-300">{children}</p>
  );
}

/** The way back to the storefront, as a quiet button. */
export function BackToSale({ label = 'Back to the sale' }: { label?: string }) {
  return (
    // eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load of / is what this means, as in the store header
    <a
      href="/"
      className="mt-6 inline-flex h-10 items-center rounded-lg bg-white px-4 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800"
    >
      {label}
    </a>
  );
}

import type { ReactNode } from 'react';

/** The colours a badge can take; colour carries state only, never decoration. */
export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'caution';

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  neutral: {
    box: 'bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
    dot: 'bg-zinc-400',
  },
  accent: {
    box: 'bg-blue-50 text-blue-700 ring-blue-200 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-900',
    dot: 'bg-blue-500',
  },
  success: {
    box: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-900',
    dot: 'bg-emerald-500',
  },
  warning: {
    box: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900',
    dot: 'bg-amber-500',
  },
  caution: {
    box: 'bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-900',
    dot: 'bg-violet-500',
  },
  danger: {
    box: 'bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900',
    dot: 'bg-red-500',
  },
};

type BadgeProps = {
  tone?: BadgeTone;
  /** A leading dot; `pulse` animates it (for "live" states; still under reduced motion). */
  dot?: boolean | 'pulse';
  className?: string;
  children: ReactNode;
};

/** A small rounded label for a state: product status, purchase outcome, connection. */
export function Badge({ tone = 'neutral', dot = false, className = '', children }: BadgeProps) {
  const t = TONES[tone];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${t.box} ${className}`}
    >
      {dot ? (
        <span
          aria-hidden="true"
          className={`size-1.5 rounded-full ${t.dot} ${dot === 'pulse' ? 'motion-safe:animate-pulse' : ''}`}
        />
      ) : null}
      {children}
    </span>
  );
}

import type { ReactNode } from 'react';

// The admin's form pieces, so every input and message looks the same.

/** Classes of a text-like input; red ring when the value is invalid. */
export function inputClass(invalid: boolean, extra = '', size: 'sm' | 'md' = 'md'): string {
  const ring = invalid ? 'ring-red-500 dark:ring-red-500' : 'ring-zinc-300 dark:ring-zinc-700';
  const height = size === 'sm' ? 'h-8' : 'h-9';
  return `block ${height} rounded-lg bg-white px-2.5 text-sm text-zinc-900 shadow-sm ring-1 ring-inset placeholder:text-zinc-400 disabled:bg-zinc-100 disabled:text-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800 ${ring} ${extra}`;
}

/** A labelled form field with its hint and its error, wired by id for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  className = '',
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
      >
        {label}
      </label>
      {children(describedBy)}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A message box for errors and confirmations, announced to screen readers. */
export function Notice({
  tone,
  children,
  className = '',
  onDismiss,
}: {
  tone: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  className?: string;
  /** Shows a close button that calls this. */
  onDismiss?: () => void;
}) {
  const tones = {
    error:
      'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/50 dark:text-red-200 dark:ring-red-900',
    success:
      'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-200 dark:ring-emerald-900',
    warning:
      'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-200 dark:ring-amber-900',
    info: 'bg-zinc-50 text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800',
  } as const;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start gap-3 rounded-lg px-3 py-2 text-sm ring-1 ring-inset ${tones[tone]} ${className}`}
    >
      <div className="min-w-0 flex-1">{children}</div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="-my-1 -mr-1 inline-flex size-7 shrink-0 items-center justify-center rounded-md opacity-70 hover:bg-black/5 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-2 dark:hover:bg-white/10"
        >
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </button>
      ) : null}
    </div>
  );
}

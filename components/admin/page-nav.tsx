'use client';

import { Button } from '@/components/ui/button';

/**
 * The foot of a paged admin list: back to the page before, on to the next. Shown only when there
 * is somewhere to go.
 */
export function PageNav({
  label,
  depth,
  nextCursor,
  onBack,
  onNext,
}: {
  /** What the list holds, for the buttons' accessible names ("orders", "holds"). */
  label: string;
  depth: number;
  nextCursor: string | null | undefined;
  onBack: () => void;
  onNext: (cursor: string) => void;
}) {
  if (depth === 0 && !nextCursor) return null;
  return (
    <nav
      aria-label={`Pages of ${label}`}
      className="flex items-center justify-between gap-2 border-t border-zinc-100 px-3 py-2 dark:border-zinc-800"
    >
      <Button
        variant="secondary"
        size="sm"
        onClick={onBack}
        disabled={depth === 0}
        aria-label={`Previous page of ${label}`}
      >
        Previous
      </Button>
      <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        Page {depth + 1}
      </span>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => nextCursor && onNext(nextCursor)}
        disabled={!nextCursor}
        aria-label={`Next page of ${label}`}
      >
        Next
      </Button>
    </nav>
  );
}

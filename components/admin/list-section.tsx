'use client';

import type { ReactNode } from 'react';
import { formatCount } from '@/lib/format';
import type { usePageTrail } from './use-holds-orders';
import { Skeleton } from '@/components/ui/skeleton';
import { PageNav } from './page-nav';

const MUTED = 'text-zinc-500 dark:text-zinc-400';

/**
 * One paged list of the holds panel: its heading with the count on this page ("+" when more
 * follow), a loading or empty line, the list, and the page controls under it.
 */
export function ListSection({
  id,
  title,
  label,
  count,
  nextCursor,
  loading,
  empty,
  pages,
  children,
}: {
  id: string;
  title: string;
  /** What the list holds, for the page buttons' accessible names. */
  label: string;
  count: number;
  nextCursor: string | null | undefined;
  loading: boolean;
  /** The line shown when the list is empty. */
  empty: ReactNode;
  pages: ReturnType<typeof usePageTrail>;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="overflow-hidden rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800"
    >
      <h3
        id={id}
        className="flex items-center justify-between border-b border-zinc-100 bg-zinc-50/80 px-3 py-2 text-sm font-semibold dark:border-zinc-800 dark:bg-zinc-900/60"
      >
        {title}
        <span className={`text-xs font-normal tabular-nums ${MUTED}`}>
          {formatCount(count)}
          {nextCursor ? '+' : ''}
        </span>
      </h3>
      {loading ? <LoadingLines /> : count === 0 ? empty : children}
      <PageNav
        label={label}
        depth={pages.depth}
        nextCursor={nextCursor}
        onBack={pages.back}
        onNext={pages.next}
      />
    </section>
  );
}

export function EmptyLine({ children }: { children: ReactNode }) {
  return <p className={`px-3 py-6 text-center text-sm ${MUTED}`}>{children}</p>;
}

function LoadingLines() {
  return (
    <div className="space-y-2 p-3" aria-hidden>
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-2/3" />
    </div>
  );
}

import type { ProductStatus } from '@/lib/api-types';

const STYLES: Record<ProductStatus, { label: string; className: string; dot: string }> = {
  live: {
    label: 'Live',
    className:
      'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30',
    dot: 'bg-emerald-500',
  },
  scheduled: {
    label: 'Scheduled',
    className:
      'bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30',
    dot: 'bg-sky-500',
  },
  sold_out: {
    label: 'Sold out',
    className:
      'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30',
    dot: 'bg-amber-500',
  },
  ended: {
    label: 'Ended',
    className:
      'bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300 dark:ring-zinc-400/30',
    dot: 'bg-zinc-400',
  },
};

/** A product's sale status as a small coloured pill. */
export function StatusBadge({ status }: { status: ProductStatus }) {
  const style = STYLES[status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

'use client';

import type { LogEntry, Product, Stats } from '@/lib/api-types';
import { formatCount, formatLatency, formatQuantity, formatRatio } from '@/lib/format';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { StateMessage } from '@/components/ui/state-message';
import { PerSecondChart } from './per-second-chart';

const NO_ENTRIES: LogEntry[] = [];

type Figure = {
  label: string;
  value: string;
  note?: string;
  highlight?: boolean;
  /** What the figure counts, for its hover text. */
  title?: string;
};

/** What the watched transactions of the log's requests did: buyers each, attempts, time queued. */
function raceFigures(entries: LogEntry[]): Figure {
  const decided = entries.filter((e) => e.batch > 0);
  if (decided.length === 0) return { label: 'Buyers per transaction', value: '—' };
  // A transaction's requests each carry its batch size: weigh them so each transaction counts once.
  const transactions = decided.reduce((sum, e) => sum + 1 / e.batch, 0);
  const queued = decided.map((e) => e.queuedMs).sort((a, b) => a - b);
  const median = queued[Math.floor(queued.length / 2)] ?? 0;
  const attempts = decided.reduce((sum, e) => sum + e.attempts / e.batch, 0);
  return {
    label: 'Buyers per transaction',
    value: formatRatio(decided.length, transactions),
    note: `${formatRatio(attempts, transactions)} attempts each · median queue ${formatLatency(median)}`,
    title: `Over the last ${formatQuantity(decided.length, 'request')} in the log: how many requests one watched transaction decided, its attempts, and the time a request waited for it.`,
  };
}

function figures(stats: Stats, products: Product[], entries: LogEntry[]): Figure[] {
  const soldOutProducts = products.filter((p) => p.status === 'sold_out').length;
  return [
    { label: 'Requests', value: formatCount(stats.requests) },
    {
      label: 'Purchased',
      value: formatCount(stats.purchased),
      note: formatQuantity(stats.unitsSold, 'unit'),
    },
    {
      label: 'Sold out',
      value: formatQuantity(soldOutProducts, 'product'),
      note: `${formatQuantity(stats.soldOut, 'request')} refused`,
    },
    {
      label: 'Conflicts',
      value: formatCount(stats.conflicts),
      highlight: stats.conflicts > 0,
      note: `${formatRatio(stats.conflicts, stats.purchased)} per sale`,
      title: 'EXECs aborted because another transaction changed the watched stock first',
    },
    raceFigures(entries),
  ];
}

/** The totals since the last reset and a one-minute chart of purchases and conflicts. */
export function StatsPanel({
  stats,
  products,
  entries = NO_ENTRIES,
}: {
  stats: Stats | undefined;
  products: Product[];
  /** The log entries the page shows, for what their transactions did. */
  entries?: LogEntry[];
}) {
  return (
    <Panel
      title="Totals"
      headingId="stats-heading"
      testId="stats"
      aside={<span className="text-xs text-zinc-600 dark:text-zinc-400">since the last reset</span>}
    >
      <dl className="grid grid-cols-2 gap-px overflow-hidden border-b border-zinc-100 bg-zinc-100 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800">
        {stats
          ? figures(stats, products, entries).map((f) => (
              <div
                key={f.label}
                title={f.title}
                className="bg-white px-5 py-4 last:col-span-2 sm:last:col-span-1 dark:bg-zinc-900"
              >
                <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{f.label}</dt>
                <dd
                  className={`mt-1 text-2xl font-semibold tracking-tight tabular-nums ${f.highlight ? 'text-amber-700 dark:text-amber-400' : ''}`}
                >
                  {f.value}
                </dd>
                {f.note ? (
                  <dd className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                    {f.note}
                  </dd>
                ) : null}
              </div>
            ))
          : Array.from({ length: 5 }, (_, i) => (
              <div
                key={i}
                className="bg-white px-5 py-4 last:col-span-2 sm:last:col-span-1 dark:bg-zinc-900"
              >
                <Skeleton className="h-3 w-16" />
                <Skeleton className="mt-2 h-7 w-12" />
              </div>
            ))}
      </dl>
      <div className="px-5 py-5">
        {!stats ? (
          <Skeleton className="h-32 w-full" />
        ) : stats.perSecond && stats.perSecond.length > 0 ? (
          <PerSecondChart perSecond={stats.perSecond} />
        ) : (
          <StateMessage title="No per-second history yet" className="py-6">
            The chart fills in as the server reports each second.
          </StateMessage>
        )}
      </div>
    </Panel>
  );
}

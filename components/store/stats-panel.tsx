'use client';

import type { Stats } from '@/lib/api-types';
import { formatCount, formatRatio } from '@/lib/format';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { StateMessage } from '@/components/ui/state-message';
import { PerSecondChart } from './per-second-chart';

type Figure = { label: string; value: string; note?: string; highlight?: boolean };

function figures(stats: Stats): Figure[] {
  return [
    { label: 'Requests', value: formatCount(stats.requests) },
    {
      label: 'Purchased',
      value: formatCount(stats.purchased),
      note: `${formatCount(stats.unitsSold)} units`,
    },
    { label: 'Sold out', value: formatCount(stats.soldOut) },
    { label: 'Conflicts', value: formatCount(stats.conflicts), highlight: stats.conflicts > 0 },
    { label: 'Conflicts per sale', value: formatRatio(stats.conflicts, stats.purchased) },
  ];
}

/** The totals since the last reset and a one-minute chart of purchases and conflicts. */
export function StatsPanel({ stats }: { stats: Stats | undefined }) {
  return (
    <Panel
      title="Totals"
      headingId="stats-heading"
      testId="stats"
      aside={<span className="text-xs text-zinc-600 dark:text-zinc-400">since the last reset</span>}
    >
      <dl className="grid grid-cols-2 gap-px overflow-hidden border-b border-zinc-100 bg-zinc-100 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800">
        {stats
          ? figures(stats).map((f) => (
              <div
                key={f.label}
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

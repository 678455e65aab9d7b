'use client';

import { useState } from 'react';
import { SHORT_SHOPPER_LENGTH, type LogEntry, type Product } from '@/lib/api-types';
import { formatClock, formatLatency } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { StateMessage } from '@/components/ui/state-message';
import { OutcomeBadge } from '@/components/ui/status-badges';
import { LOG_LIMIT } from './api';
import { useLog } from './use-store';

type ConflictLogProps = {
  products: Product[];
  /** This viewer's shopper id; log rows carry only its first characters. */
  shopperId: string | undefined;
};

type Column = { label: string; short?: string; className: string };

// At phone width the product moves under the time and long headers shorten, so the outcome and
// the figures fit without scrolling sideways.
const COLUMNS: Column[] = [
  { label: 'Time', className: 'pr-2 pl-4 sm:pr-3 sm:pl-5' },
  { label: 'Product', className: 'hidden px-3 sm:table-cell' },
  { label: 'Shopper', className: 'px-2 sm:px-3' },
  { label: 'Outcome', className: 'px-2 sm:px-3' },
  { label: 'Attempts', short: 'Att.', className: 'px-2 text-right sm:px-3' },
  { label: 'Conflicts', short: 'Confl.', className: 'px-2 text-right sm:px-3' },
  { label: 'Latency', className: 'pr-4 pl-2 text-right sm:pr-5 sm:pl-3' },
];
const cell = (i: number) => `py-2.5 ${COLUMNS[i]?.className ?? ''}`;
const FIGURE = 'font-mono text-xs whitespace-nowrap tabular-nums';

function LogRow({ entry, name, mine }: { entry: LogEntry; name: string; mine: boolean }) {
  const contested = entry.conflicts > 0;
  return (
    <tr
      data-testid="log-entry"
      data-outcome={entry.outcome}
      data-attempts={entry.attempts}
      data-conflicts={entry.conflicts}
      data-quantity={entry.quantity}
      data-shopper={entry.shopper}
      data-mine={mine || undefined}
      className={`border-t border-zinc-100 dark:border-zinc-800 ${contested ? 'bg-amber-50/70 dark:bg-amber-950/30' : ''}`}
    >
      <td
        className={`${cell(0)} ${contested ? 'shadow-[inset_3px_0_0_var(--color-amber-500)]' : ''}`}
      >
        <time dateTime={entry.at} className={`${FIGURE} text-zinc-600 dark:text-zinc-400`}>
          {formatClock(entry.at)}
        </time>
        <span className="block max-w-28 truncate text-xs sm:hidden">{name}</span>
      </td>
      <td className={`${cell(1)} max-w-48 truncate`} title={entry.sku}>
        {name}
      </td>
      <td className={cell(2)}>
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={FIGURE}>{entry.shopper}</span>
          {mine ? <Badge tone="accent">you</Badge> : null}
        </span>
      </td>
      <td className={`${cell(3)} whitespace-nowrap`}>
        <OutcomeBadge outcome={entry.outcome} />
        {entry.quantity > 1 ? (
          <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">×{entry.quantity}</span>
        ) : null}
        {entry.replay ? (
          <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">replay</span>
        ) : null}
      </td>
      <td className={`${cell(4)} ${FIGURE}`}>{entry.attempts}</td>
      <td
        className={`${cell(5)} ${FIGURE} ${contested ? 'font-semibold text-amber-800 dark:text-amber-300' : ''}`}
      >
        {entry.conflicts}
      </td>
      <td className={`${cell(6)} ${FIGURE}`}>{formatLatency(entry.latencyMs)}</td>
    </tr>
  );
}

/** The shared conflict/retry log, newest first, like a deployment log: figures aligned, colour for outcome. */
export function ConflictLog({ products, shopperId }: ConflictLogProps) {
  const [sku, setSku] = useState('');
  const { data, error } = useLog(sku || null);
  const names = new Map(products.map((p) => [p.sku, p.name]));
  const me = shopperId?.slice(0, SHORT_SHOPPER_LENGTH);

  const filter = (
    <div className="flex items-center gap-3">
      {error && data ? (
        <span className="text-xs text-amber-800 dark:text-amber-300">reconnecting…</span>
      ) : null}
      <label htmlFor="log-filter" className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Product
      </label>
      <select
        id="log-filter"
        value={sku}
        onChange={(e) => setSku(e.target.value)}
        className="h-9 max-w-48 rounded-lg border-0 bg-white py-0 pr-8 pl-3 text-sm ring-1 ring-zinc-300 ring-inset dark:bg-zinc-900 dark:ring-zinc-700"
      >
        <option value="">All products</option>
        {products.map((p) => (
          <option key={p.sku} value={p.sku}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Panel title="Conflict & retry log" headingId="log-heading" aside={filter}>
      {/* Focusable, so keyboard users can scroll it too. */}
      <div
        role="region"
        aria-labelledby="log-heading"
        tabIndex={0}
        className="max-h-[32rem] overflow-auto rounded-b-2xl"
      >
        <table data-testid="conflict-log" className="w-full text-left text-sm sm:min-w-[44rem]">
          <caption className="sr-only">
            The last {LOG_LIMIT} purchase requests, newest first; rows with conflicts are
            highlighted.
          </caption>
          <thead className="sticky top-0 z-10 bg-white text-xs text-zinc-600 shadow-[0_1px_0_var(--color-zinc-100)] dark:bg-zinc-900 dark:text-zinc-400 dark:shadow-[0_1px_0_var(--color-zinc-800)]">
            <tr>
              {COLUMNS.map((c, i) => (
                <th
                  key={c.label}
                  scope="col"
                  className={`${cell(i)} font-medium whitespace-nowrap`}
                >
                  {c.short ? (
                    <>
                      <span aria-hidden="true" className="sm:hidden">
                        {c.short}
                      </span>
                      <span className="sr-only sm:not-sr-only">{c.label}</span>
                    </>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data
              ? data.entries.map((entry) => (
                  <LogRow
                    key={entry.id}
                    entry={entry}
                    name={names.get(entry.sku) ?? entry.sku}
                    mine={entry.shopper === me}
                  />
                ))
              : error
                ? null
                : Array.from({ length: 4 }, (_, i) => (
                    <tr key={i} className="border-t border-zinc-100 dark:border-zinc-800">
                      {COLUMNS.map((c, j) => (
                        <td key={c.label} className={cell(j)}>
                          <Skeleton className="h-3.5 w-full" />
                        </td>
                      ))}
                    </tr>
                  ))}
          </tbody>
        </table>
      </div>
      {data && data.entries.length === 0 ? (
        <StateMessage title={sku ? 'No requests for this product yet' : 'No purchase requests yet'}>
          Every Buy click shows up here with its attempts and conflicts.
        </StateMessage>
      ) : null}
      {!data && error ? (
        <StateMessage role="alert" title="The log is unreachable — retrying" />
      ) : null}
    </Panel>
  );
}

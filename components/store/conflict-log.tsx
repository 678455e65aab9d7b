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

/**
 * Seven columns do not fit a phone: there each row shows one two-line cell instead (the wide
 * cells are `display: none`, so nothing is read twice), and the columns return from `sm` up.
 */
const COMPACT = 'py-3 pr-4 pl-4 sm:hidden';
const WIDE = 'hidden px-3 py-2.5 sm:table-cell';
const COLUMNS = [
  { label: 'Time', className: 'pl-5' },
  { label: 'Product', className: '' },
  { label: 'Shopper', className: '' },
  { label: 'Outcome', className: '' },
  { label: 'Attempts', className: 'text-right' },
  { label: 'Conflicts', className: 'text-right' },
  { label: 'Latency', className: 'pr-5 text-right' },
];
const FIGURE = 'font-mono text-xs whitespace-nowrap tabular-nums';
const MUTED = 'text-zinc-600 dark:text-zinc-400';
const CONTESTED_EDGE = 'shadow-[inset_3px_0_0_var(--color-amber-500)]';
const CONTESTED_TEXT = 'font-semibold text-amber-800 dark:text-amber-300';

function OutcomeCell({ entry }: { entry: LogEntry }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <OutcomeBadge outcome={entry.outcome} />
      {entry.quantity > 1 ? <span className={`text-xs ${MUTED}`}>×{entry.quantity}</span> : null}
      {entry.replay ? <span className={`text-xs ${MUTED}`}>replay</span> : null}
    </span>
  );
}

function Shopper({ entry, mine }: { entry: LogEntry; mine: boolean }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className={FIGURE}>{entry.shopper}</span>
      {mine ? <Badge tone="accent">you</Badge> : null}
    </span>
  );
}

function LogRow({ entry, name, mine }: { entry: LogEntry; name: string; mine: boolean }) {
  const contested = entry.conflicts > 0;
  const time = (
    <time dateTime={entry.at} className={`${FIGURE} ${MUTED}`}>
      {formatClock(entry.at)}
    </time>
  );
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
      <td className={`${COMPACT} ${contested ? CONTESTED_EDGE : ''}`}>
        <div className="flex items-center justify-between gap-3">
          <span className="flex min-w-0 items-baseline gap-2">
            {time}
            <span className="truncate font-medium">{name}</span>
          </span>
          <OutcomeCell entry={entry} />
        </div>
        <div className={`mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 ${FIGURE} ${MUTED}`}>
          <Shopper entry={entry} mine={mine} />
          <span>
            {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
          <span className={contested ? CONTESTED_TEXT : ''}>
            {entry.conflicts} {entry.conflicts === 1 ? 'conflict' : 'conflicts'}
          </span>
          <span>{formatLatency(entry.latencyMs)}</span>
        </div>
      </td>
      <td className={`${WIDE} ${FIGURE} pl-5 ${contested ? CONTESTED_EDGE : ''}`}>{time}</td>
      <td className={`${WIDE} max-w-48 truncate`} title={entry.sku}>
        {name}
      </td>
      <td className={WIDE}>
        <Shopper entry={entry} mine={mine} />
      </td>
      <td className={WIDE}>
        <OutcomeCell entry={entry} />
      </td>
      <td className={`${WIDE} ${FIGURE} text-right`}>{entry.attempts}</td>
      <td className={`${WIDE} ${FIGURE} text-right ${contested ? CONTESTED_TEXT : ''}`}>
        {entry.conflicts}
      </td>
      <td className={`${WIDE} ${FIGURE} pr-5 text-right`}>{formatLatency(entry.latencyMs)}</td>
    </tr>
  );
}

function SkeletonRow() {
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800">
      <td className={COMPACT}>
        <Skeleton className="h-3.5 w-3/4" />
        <Skeleton className="mt-2 h-3 w-1/2" />
      </td>
      {COLUMNS.map((c) => (
        <td key={c.label} className={`${WIDE} ${c.className}`}>
          <Skeleton className="h-3.5 w-full" />
        </td>
      ))}
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
      <label htmlFor="log-filter" className={`text-xs font-medium ${MUTED}`}>
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
        <table data-testid="conflict-log" className="w-full text-left text-sm sm:min-w-[42rem]">
          <caption className="sr-only">
            The last {LOG_LIMIT} purchase requests, newest first; rows with conflicts are
            highlighted.
          </caption>
          <thead className={`sticky top-0 z-10 bg-white text-xs dark:bg-zinc-900 ${MUTED}`}>
            <tr className="shadow-[0_1px_0_var(--color-zinc-100)] dark:shadow-[0_1px_0_var(--color-zinc-800)]">
              <th scope="col" className={`${COMPACT} py-2.5 font-medium`}>
                Request
              </th>
              {COLUMNS.map((c) => (
                <th key={c.label} scope="col" className={`${WIDE} ${c.className} font-medium`}>
                  {c.label}
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
                : Array.from({ length: 4 }, (_, i) => <SkeletonRow key={i} />)}
          </tbody>
        </table>
        {data && data.entries.length === 0 ? (
          <StateMessage
            title={sku ? 'No requests for this product yet' : 'No purchase requests yet'}
          >
            Every Buy click shows up here with its attempts and conflicts.
          </StateMessage>
        ) : null}
        {!data && error ? (
          <StateMessage role="alert" title="The log is unreachable — retrying" />
        ) : null}
      </div>
    </Panel>
  );
}

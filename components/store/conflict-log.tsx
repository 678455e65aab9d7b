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

const COLUMNS = ['Time', 'Product', 'Shopper', 'Outcome', 'Attempts', 'Conflicts', 'Latency'];
const NUMERIC = 'px-3 py-2.5 text-right font-mono text-xs tabular-nums';

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
        className={`py-2.5 pr-3 pl-5 font-mono text-xs whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400 ${contested ? 'shadow-[inset_3px_0_0_var(--color-amber-500)]' : ''}`}
      >
        <time dateTime={entry.at}>{formatClock(entry.at)}</time>
      </td>
      <td className="max-w-48 truncate px-3 py-2.5" title={entry.sku}>
        {name}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap">
        <span className="font-mono text-xs">{entry.shopper}</span>
        {mine ? (
          <Badge tone="accent" className="ml-2">
            you
          </Badge>
        ) : null}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap">
        <OutcomeBadge outcome={entry.outcome} />
        {entry.quantity > 1 ? (
          <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">×{entry.quantity}</span>
        ) : null}
        {entry.replay ? (
          <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">replay</span>
        ) : null}
      </td>
      <td className={NUMERIC}>{entry.attempts}</td>
      <td
        className={`${NUMERIC} ${contested ? 'font-semibold text-amber-800 dark:text-amber-300' : ''}`}
      >
        {entry.conflicts}
      </td>
      <td className={`${NUMERIC} pr-5 whitespace-nowrap`}>{formatLatency(entry.latencyMs)}</td>
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
      <div className="overflow-x-auto">
        <table data-testid="conflict-log" className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">
            The last {LOG_LIMIT} purchase requests, newest first; rows with conflicts are
            highlighted.
          </caption>
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr>
              {COLUMNS.map((c, i) => (
                <th
                  key={c}
                  scope="col"
                  className={`py-2.5 font-medium ${i === 0 ? 'pr-3 pl-5' : 'px-3'} ${i >= 4 ? 'text-right' : ''} ${i === 6 ? 'pr-5' : ''}`}
                >
                  {c}
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
                      {COLUMNS.map((c) => (
                        <td key={c} className="px-3 py-3 first:pl-5 last:pr-5">
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

'use client';

import type { LogEntry, Product } from '@/lib/api-types';
import { formatClock, formatCount, formatLatency, formatQuantity } from '@/lib/format';
import { useHydrated } from '@/components/ui/use-hydrated';
import { explainEntry } from './explain-entry';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { StateMessage } from '@/components/ui/state-message';
import { OutcomeBadge } from '@/components/ui/status-badges';
import { LOG_LIMIT } from './api';
import type { HttpError, LogBody } from './api';
import { useLogFilter } from './use-store';

type ConflictLogProps = {
  /** The log as the page's one snapshot carries it (read by the page, so no hook here revalidates on mount). */
  log: { data: LogBody | undefined; error: HttpError | undefined };
  products: Product[];
  /** This viewer's pseudonyms by SKU (from its purchase answers): log rows carry only those. */
  mine: ReadonlyMap<string, string>;
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
  {
    label: 'Buyers / tx',
    className: 'text-right',
    title: 'Requests decided by the same watched transaction',
  },
  { label: 'Attempts', className: 'text-right', title: 'WATCH…EXEC tries of that transaction' },
  {
    label: 'Conflicts',
    className: 'text-right',
    title: 'Tries whose EXEC was aborted by another write',
  },
  { label: 'Queued', className: 'text-right', title: 'Time waiting for the transaction to start' },
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

/** Buyers decided together: "—" for an answer without a transaction (sold-out cache, replay). */
const buyers = (entry: LogEntry) => (entry.batch === 0 ? '—' : formatCount(entry.batch));

function LogRow({ entry, name, mine }: { entry: LogEntry; name: string; mine: boolean }) {
  const contested = entry.conflicts > 0;
  // The server render and hydration show UTC; the browser's own zone follows at once.
  const hydrated = useHydrated();
  const explanationId = `log-why-${entry.id}`;
  const time = (
    <time dateTime={entry.at} className={`${FIGURE} ${MUTED}`}>
      {formatClock(entry.at, hydrated ? undefined : 'UTC')}
    </time>
  );
  return (
    <tr
      tabIndex={0}
      aria-describedby={explanationId}
      data-batch={entry.batch}
      data-testid="log-entry"
      data-outcome={entry.outcome}
      data-attempts={entry.attempts}
      data-conflicts={entry.conflicts}
      data-quantity={entry.quantity}
      data-shopper={entry.shopper}
      data-mine={mine || undefined}
      onMouseEnter={placeExplanation}
      onFocus={placeExplanation}
      className={`group relative border-t border-zinc-100 outline-none focus-visible:bg-blue-50 dark:border-zinc-800 dark:focus-visible:bg-blue-950/40 ${contested ? 'bg-amber-50/70 dark:bg-amber-950/30' : ''}`}
    >
      <td className={`${COMPACT} ${contested ? CONTESTED_EDGE : ''}`}>
        <RowExplanation id={explanationId} entry={entry} />
        <div className="flex items-center justify-between gap-3">
          <span className="flex min-w-0 items-baseline gap-2">
            {time}
            <span className="truncate font-medium" title={name}>
              {name}
            </span>
          </span>
          <OutcomeCell entry={entry} />
        </div>
        <div className={`mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 ${FIGURE} ${MUTED}`}>
          <Shopper entry={entry} mine={mine} />
          {entry.batch > 1 ? <span>{formatQuantity(entry.batch, 'buyer')}/tx</span> : null}
          <span>{formatQuantity(entry.attempts, 'attempt')}</span>
          <span className={contested ? CONTESTED_TEXT : ''}>
            {formatQuantity(entry.conflicts, 'conflict')}
          </span>
          {entry.queuedMs > 0 ? <span>queued {formatLatency(entry.queuedMs)}</span> : null}
          <span>{formatLatency(entry.latencyMs)}</span>
        </div>
      </td>
      <td className={`${WIDE} ${FIGURE} pl-5 ${contested ? CONTESTED_EDGE : ''}`}>
        <RowExplanation id={`${explanationId}-wide`} entry={entry} />
        {time}
      </td>
      <td className={`${WIDE} max-w-48 truncate`} title={name}>
        {name}
      </td>
      <td className={WIDE}>
        <Shopper entry={entry} mine={mine} />
      </td>
      <td className={WIDE}>
        <OutcomeCell entry={entry} />
      </td>
      <td className={`${WIDE} ${FIGURE} text-right`}>{buyers(entry)}</td>
      <td className={`${WIDE} ${FIGURE} text-right`}>{entry.attempts}</td>
      <td className={`${WIDE} ${FIGURE} text-right ${contested ? CONTESTED_TEXT : ''}`}>
        {entry.conflicts}
      </td>
      <td className={`${WIDE} ${FIGURE} text-right`}>
        {entry.queuedMs > 0 ? formatLatency(entry.queuedMs) : '—'}
      </td>
      <td className={`${WIDE} ${FIGURE} pr-5 text-right`}>{formatLatency(entry.latencyMs)}</td>
    </tr>
  );
}

/** Room an explanation needs under its row; with less, and more above, it opens upwards. */
const EXPLANATION_ROOM_PX = 128;

/**
 * Opens the row's explanation above it when the scroll area (or the window) would clip it below:
 * sets `data-above` on the row, which the explanation's classes follow.
 */
function placeExplanation(event: { currentTarget: HTMLElement }) {
  const row = event.currentTarget;
  const rowBox = row.getBoundingClientRect();
  const area = row.closest('[data-log-scroll]')?.getBoundingClientRect();
  const bottom = Math.min(area?.bottom ?? Infinity, window.innerHeight);
  const top = Math.max(area?.top ?? 0, 0);
  const below = bottom - rowBox.bottom;
  row.dataset.above = String(below < EXPLANATION_ROOM_PX && rowBox.top - top > below);
}

/**
 * The row in words, shown while the row is hovered or focused (keyboard users tab through the
 * rows) and read by screen readers as its description.
 */
function RowExplanation({ id, entry }: { id: string; entry: LogEntry }) {
  return (
    <span
      id={id}
      role="tooltip"
      data-testid="log-explanation"
      className="pointer-events-none invisible absolute top-full left-4 z-20 -mt-1 w-max group-data-[above=true]:top-auto group-data-[above=true]:bottom-full group-data-[above=true]:mt-0 group-data-[above=true]:-mb-1 max-w-[min(28rem,calc(100vw-3rem))] rounded-lg bg-zinc-900 px-3 py-2 text-left font-sans text-xs leading-relaxed whitespace-normal text-white shadow-lg group-hover:visible group-focus:visible dark:bg-zinc-100 dark:text-zinc-900"
    >
      {explainEntry(entry)}
    </span>
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
export function ConflictLog({ log, products, mine }: ConflictLogProps) {
  const [sku, setSku] = useLogFilter();
  // A choice made before the page hydrates would be lost: the filter answers once it can.
  const hydrated = useHydrated();
  const { data, error } = log;
  const names = new Map(products.map((p) => [p.sku, p.name]));

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
        disabled={!hydrated}
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

  const empty = data ? data.entries.length === 0 : error !== undefined;

  return (
    <Panel title="Conflict & retry log" headingId="log-heading" aside={filter}>
      {/* Focusable, so keyboard users can scroll it too. */}
      <div
        role="region"
        aria-label="Log entries (scrollable)"
        tabIndex={0}
        data-log-scroll
        className="max-h-[32rem] overflow-auto rounded-b-2xl"
      >
        <table
          data-testid="conflict-log"
          className="w-full table-fixed text-left text-sm sm:min-w-[42rem] sm:table-auto"
        >
          <caption className="sr-only">
            The last {LOG_LIMIT} purchase and hold requests, newest first (holds placed, ordered,
            cancelled, expired; refunds); rows with conflicts are highlighted. Each row describes
            what its watched transaction did.
          </caption>
          {/* Headings only above rows: above an empty log they would stand alone. */}
          <thead
            className={`sticky top-0 z-10 bg-white text-xs dark:bg-zinc-900 ${MUTED} ${empty ? 'hidden' : ''}`}
          >
            <tr className="shadow-[0_1px_0_var(--color-zinc-100)] dark:shadow-[0_1px_0_var(--color-zinc-800)]">
              <th scope="col" className={`${COMPACT} py-2.5 font-medium`}>
                Request
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  title={c.title}
                  className={`${WIDE} ${c.className} font-medium whitespace-nowrap`}
                >
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
                    mine={mine.get(entry.sku) === entry.shopper}
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
            Every Buy click, hold, order, cancel, expiry and refund shows up here with its attempts
            and conflicts.
          </StateMessage>
        ) : null}
        {!data && error ? (
          <StateMessage role="alert" title="The log is unreachable — retrying" />
        ) : null}
      </div>
    </Panel>
  );
}

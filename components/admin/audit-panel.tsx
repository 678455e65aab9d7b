'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Audit, AuditRow } from '@/lib/api-types';
import { formatClock, formatCount, formatQuantity } from '@/lib/format';
import { useAdminApi } from './use-admin-api';
import type { HttpError } from '@/components/ui/api-client';
import { Notice } from './controls';
import { Panel } from '@/components/ui/panel';
import { Button } from '@/components/ui/button';
import { PHONE_LABEL } from './phone-table';

/** The audit's figures per product, in column order: heading, field and what it means. */
const FIGURES = [
  ['On sale', 'stock', 'Units on sale: the stock buckets add up to it'],
  ['Held', 'held', 'Units in live holds (shoppers’ carts)'],
  ['Sold', 'sold', 'Units sold'],
  ['Total', 'totalStock', 'The product’s stock total: on sale + held + sold'],
  ['Order units', 'orderUnits', 'Units in orders not cancelled: must equal Sold'],
  ['Hold units', 'holdUnits', 'Units of holds in state held: must equal Held'],
  ['Stuck', 'stuckHolds', 'Holds past their expiry by more than a second: must be 0'],
] as const;
const figure = (row: AuditRow, field: (typeof FIGURES)[number][1]) => row[field];

/** "12 + 3 + 85 = 100": the books of one product, as the audit read them. */
function books(row: AuditRow): string {
  return `${formatCount(row.stock)} + ${formatCount(row.held)} + ${formatCount(row.sold)} ${row.stock + row.held + row.sold === row.totalStock ? '=' : '≠'} ${formatCount(row.totalStock)}`;
}

const TH =
  'px-3 py-2 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:text-zinc-400';
/**
 * On a phone each row is a small card: the SKU and the result across, then the four figures side
 * by side, each named from `data-label` (the header row is hidden), so nothing is clipped.
 */
const PHONE_ROW = 'max-sm:grid max-sm:grid-cols-4 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:py-2';
const CELL = 'px-3 py-2 max-sm:block max-sm:px-0 max-sm:py-1';
const NUM = `${CELL} text-right tabular-nums ${PHONE_LABEL}`;

/** How often an audit that failed because the store or server was down is tried again. */
const OUTAGE_RETRY_MS = 2000;

/**
 * Runs GET /api/admin/audit: per product, stock + sold = total and sold = the units in its orders.
 * An audit that failed because the store was down retries by itself, so its error clears on recovery.
 */
export function AuditPanel() {
  const [audit, setAudit] = useState<{ result: Audit; at: string } | null>(null);
  const [failure, setFailure] = useState<HttpError | null>(null);
  const error = failure?.message ?? null;
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();

  const run = useCallback(async () => {
    setPending(true);
    const result = await callAdminApi<Audit>('/api/admin/audit');
    setPending(false);
    if (result.ok) {
      setFailure(null);
      setAudit({ result: result.data, at: new Date().toISOString() });
    } else setFailure(result.error);
  }, [callAdminApi]);

  useEffect(() => {
    if (!failure?.outage) return;
    const id = window.setTimeout(() => void run(), OUTAGE_RETRY_MS);
    return () => window.clearTimeout(id);
  }, [failure, run]);

  const rows = audit?.result.products ?? [];
  const bad = rows.filter((row) => !row.ok).length;
  const stuck = audit?.result.stuckHolds ?? 0;

  return (
    <Panel
      title="Inventory audit"
      headingId="audit-heading"
      description="Checks the books of every product — on sale + held + sold = total — that sold matches the units in orders not cancelled, held matches the live holds, the stock buckets add up to what is on sale, and no hold is stuck past its expiry."
      aside={
        <Button variant="secondary" onClick={() => void run()} disabled={pending}>
          {pending ? 'Auditing…' : audit ? 'Run again' : 'Run audit'}
        </Button>
      }
    >
      <div className="p-4" aria-live="polite">
        {error ? <Notice tone="error">{error}</Notice> : null}
        {!audit && !error ? (
          <p className="py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
            No audit run yet. Run one after a burst of purchases to prove no unit was sold twice.
          </p>
        ) : null}
        {audit ? (
          <>
            <Notice tone={audit.result.ok ? 'success' : 'error'} className="mb-3">
              <span data-testid="audit-summary" data-ok={audit.result.ok} className="font-medium">
                {rows.length === 0
                  ? 'No products to audit.'
                  : audit.result.ok
                    ? rows.length === 1
                      ? 'The product is consistent.'
                      : `All ${formatQuantity(rows.length, 'product')} consistent.`
                    : `${formatCount(bad)} of ${formatQuantity(rows.length, 'product')} inconsistent.`}
              </span>{' '}
              <span data-testid="audit-stuck" data-stuck={stuck} className="tabular-nums">
                {stuck === 0
                  ? 'No stuck holds.'
                  : `${formatQuantity(stuck, 'stuck hold')} past expiry.`}
              </span>{' '}
              <span className="tabular-nums">Checked at {formatClock(audit.at)}.</span>
            </Notice>
            {rows.length > 0 ? (
              // Focusable and named: from a tablet up the table may scroll sideways, and a keyboard
              // user must be able to scroll it too; on a phone each row is a card instead.
              <div
                className="rounded-lg focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none sm:overflow-x-auto"
                tabIndex={0}
                role="region"
                aria-label="Audit figures per product"
              >
                <table className="w-full text-sm max-sm:block">
                  <thead className="border-b border-zinc-200 max-sm:hidden dark:border-zinc-800">
                    <tr>
                      <th scope="col" className={`${TH} text-left`}>
                        SKU
                      </th>
                      {FIGURES.map(([heading, , title]) => (
                        <th key={heading} scope="col" title={title} className={`${TH} text-right`}>
                          {heading}
                        </th>
                      ))}
                      <th scope="col" className={`${TH} text-right`}>
                        Result
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-100 max-sm:block dark:divide-zinc-800">
                    {rows.map((row) => (
                      <tr
                        key={row.sku}
                        data-testid={`audit-row-${row.sku}`}
                        data-ok={row.ok}
                        className={PHONE_ROW}
                      >
                        <td className={`${CELL} max-sm:col-span-3`}>
                          <div className="font-mono text-xs break-all">{row.sku}</div>
                          <div
                            data-testid={`audit-books-${row.sku}`}
                            title="on sale + held + sold = total"
                            className="mt-0.5 text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400"
                          >
                            {books(row)}
                          </div>
                        </td>
                        {FIGURES.map(([heading, field]) => (
                          <td
                            key={field}
                            className={`${NUM} ${field === 'stuckHolds' && figure(row, field) > 0 ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}
                            data-label={heading}
                            data-testid={`audit-${field}-${row.sku}`}
                          >
                            {formatCount(figure(row, field))}
                          </td>
                        ))}
                        <td className={`${CELL} text-right max-sm:col-start-4 max-sm:row-start-1`}>
                          {row.ok ? (
                            <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-600/20 ring-inset dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30">
                              <span aria-hidden>✓</span> OK
                            </span>
                          ) : (
                            <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-600/20 ring-inset dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30">
                              <span aria-hidden>✕</span> Mismatch
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </Panel>
  );
}

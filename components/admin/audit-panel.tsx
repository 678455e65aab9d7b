'use client';

import { useState } from 'react';
import type { Audit } from '@/lib/api-types';
import { formatClock } from '@/lib/format';
import { useAdminApi } from './use-admin-api';
import { Card, Notice } from './controls';
import { Button } from '@/components/ui/button';

/** The audit's figures, right-aligned after the SKU. */
const FIGURE_HEADINGS = ['Stock', 'Sold', 'Total', 'Order units', 'Result'];

const TH = 'px-3 py-2 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const NUM = 'px-3 py-2 text-right tabular-nums';

/** Runs GET /api/admin/audit: per product, stock + sold = total and sold = the units in its orders. */
export function AuditPanel() {
  const [audit, setAudit] = useState<{ result: Audit; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();

  async function run() {
    setPending(true);
    setError(null);
    const result = await callAdminApi<Audit>('/api/admin/audit');
    setPending(false);
    if (result.ok) setAudit({ result: result.data, at: new Date().toISOString() });
    else setError(result.message);
  }

  const rows = audit?.result.products ?? [];
  const bad = rows.filter((row) => !row.ok).length;

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div>
          <h2 className="font-semibold">Inventory audit</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Checks that stock + sold = total and that sold matches the units in the stored orders.
          </p>
        </div>
        <Button variant="secondary" onClick={run} disabled={pending}>
          {pending ? 'Auditing…' : audit ? 'Run again' : 'Run audit'}
        </Button>
      </div>
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
                    ? `All ${rows.length} products consistent.`
                    : `${bad} of ${rows.length} products inconsistent.`}
              </span>{' '}
              <span className="tabular-nums">Checked at {formatClock(audit.at)}.</span>
            </Notice>
            {rows.length > 0 ? (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead className="border-b border-zinc-200 dark:border-zinc-800">
                    <tr>
                      <th scope="col" className={`${TH} text-left`}>
                        SKU
                      </th>
                      {FIGURE_HEADINGS.map((heading) => (
                        <th key={heading} scope="col" className={`${TH} text-right`}>
                          {heading}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {rows.map((row) => (
                      <tr key={row.sku} data-testid={`audit-row-${row.sku}`} data-ok={row.ok}>
                        <td className="px-3 py-2 font-mono text-xs">{row.sku}</td>
                        <td className={NUM}>{row.stock}</td>
                        <td className={NUM}>{row.sold}</td>
                        <td className={NUM}>{row.totalStock}</td>
                        <td className={NUM}>{row.orderUnits}</td>
                        <td className="px-3 py-2 text-right">
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
    </Card>
  );
}

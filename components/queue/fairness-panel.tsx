'use client';

import { useEffect, useState } from 'react';
import { Panel } from '@/components/ui/panel';
import { useHydrated } from '@/components/ui/use-hydrated';
import { sha256Hex } from './pow';
import { ticketListPath } from './queue-api';
import type { QueueStatus } from './types';

/** Whether sha256(seed) is the hash published before the start; null until checked (or without Web Crypto). */
function useSeedCheck(seed: string | null, seedHash: string | null): boolean | null {
  const [checked, setChecked] = useState<{ seed: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (!seed || !seedHash || !globalThis.crypto?.subtle) return;
    let live = true;
    void sha256Hex(seed).then((hash) => {
      if (live) setChecked({ seed, ok: hash === seedHash.toLowerCase() });
    });
    return () => {
      live = false;
    };
  }, [seed, seedHash]);
  return checked && checked.seed === seed ? checked.ok : null;
}

const CODE =
  'mt-1 block rounded-lg bg-zinc-50 px-3 py-2 font-mono text-xs break-all text-zinc-800 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-950 dark:text-zinc-200 dark:ring-zinc-800';

/**
 * How the order is decided, and the means to check it: the seed's hash committed when the queue
 * opened, and after the start the seed itself, checked in the page against that hash, with the
 * way to recompute the whole order.
 */
export function FairnessPanel({
  status,
  ticketId,
}: {
  status: QueueStatus;
  /** This session's ticket, for the verifier to point out. */
  ticketId: string | null;
}) {
  const { seed, seedHash, sku } = status;
  const matches = useSeedCheck(seed, seedHash);
  const origin = useHydrated() ? window.location.origin : '<store URL>';
  return (
    <Panel
      title="How the order is decided"
      headingId="fairness-heading"
      testId="queue-fairness"
      className="overflow-hidden"
    >
      <div className="space-y-4 px-5 py-4 text-sm text-zinc-700 dark:text-zinc-300">
        <p className="text-pretty">
          Everyone who joins before the sale starts is put in a random order at the start; anyone
          who joins later goes to the back of the line, in the order they arrive.{' '}
          {seed
            ? 'The random order came from a secret seed whose fingerprint was published before the start, and which is now revealed'
            : 'The random order comes from a secret seed whose fingerprint is published now, and which is revealed at the start'}{' '}
          — so nobody, the shop included, can pick who goes first.
        </p>
        {seedHash ? (
          <div>
            <p className="font-medium text-zinc-900 dark:text-zinc-100">
              Seed fingerprint (SHA-256), published before the start
            </p>
            <code data-testid="queue-seed-hash" className={CODE}>
              {seedHash}
            </code>
          </div>
        ) : (
          <p>The fingerprint is published when the waiting room opens.</p>
        )}
        {seed ? (
          <div>
            <p className="font-medium text-zinc-900 dark:text-zinc-100">
              Seed, revealed at the start
            </p>
            <code data-testid="queue-seed" className={CODE}>
              {seed}
            </code>
            {matches !== null ? (
              <p
                data-testid="queue-seed-check"
                data-ok={matches}
                className={`mt-2 font-medium ${matches ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}
              >
                {matches
                  ? '✓ This browser checked: its SHA-256 is the fingerprint above.'
                  : '✗ Its SHA-256 is not the fingerprint above.'}
              </p>
            ) : null}
            <details className="mt-3">
              <summary className="cursor-pointer font-medium text-blue-700 hover:text-blue-800 dark:text-blue-400 dark:hover:text-blue-300">
                Check the whole order yourself
              </summary>
              <div className="mt-2 space-y-2 text-pretty">
                <p>
                  Each early ticket’s place comes from sorting the tickets by{' '}
                  <code className="font-mono text-xs">sha256(seed + &quot;:&quot; + ticketId)</code>{' '}
                  (hex, lowest first). The ticket ids are published at{' '}
                  <a
                    href={ticketListPath(sku)}
                    className="font-mono text-xs break-all text-blue-700 underline underline-offset-2 dark:text-blue-400"
                  >
                    {ticketListPath(sku)}
                  </a>
                  ; the project’s verifier recomputes the order (and with{' '}
                  <code className="font-mono text-xs">--ticket</code>, finds yours in it):
                </p>
                <code className={CODE} data-testid="queue-verify-command">
                  node scripts/verify-queue.mjs {sku} --url {origin}
                  {ticketId ? ` --ticket ${ticketId}` : ''}
                </code>
              </div>
            </details>
          </div>
        ) : null}
      </div>
    </Panel>
  );
}

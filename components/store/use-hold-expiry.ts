'use client';

import { useEffect, useState } from 'react';
import { useSWRConfig } from 'swr';
import type { Hold } from './hold-types';
import { ME_KEY } from './use-me';

/** Shortest wait between two asks about a hold whose time is up but which the server still holds. */
const EXPIRY_RECHECK_MS = 500;

/**
 * Asks GET /api/me again when one of these live holds' time is up, and every EXPIRY_RECHECK_MS
 * after that until the server tells how it ended (its sweeper releases it within a second): the
 * card then says "expired" because the store says so, not because the browser's clock does. Used
 * by the held units of a card (in their own chunk: only shoppers with holds load it).
 */
export function useHoldExpiryRefresh(holds: Hold[]) {
  const { mutate } = useSWRConfig();
  const [round, setRound] = useState(0);
  useEffect(() => {
    const due = holds.filter((h) => h.state === 'held').map((h) => Date.parse(h.expiresAt));
    if (due.length === 0) return;
    const wait = Math.max(EXPIRY_RECHECK_MS, Math.min(...due) - Date.now() + 100);
    const id = window.setTimeout(
      () => void mutate(ME_KEY).finally(() => setRound((r) => r + 1)),
      wait,
    );
    return () => window.clearTimeout(id);
  }, [holds, mutate, round]);
}

'use client';

import { formatCountdown, formatDateTime } from '@/lib/format';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * A moment people can act on: its date and time, and while it is ahead a countdown ("Wed 2 Dec,
 * 14:00 — in 3 min 05 s"). The server render shows UTC and no countdown (neither depends on the
 * browser); the browser's zone follows at hydration.
 */
export function When({
  iso,
  now,
  countdown = true,
}: {
  iso: string;
  now: number;
  countdown?: boolean;
}) {
  const hydrated = useHydrated();
  const ms = Date.parse(iso) - now;
  return (
    <>
      <time dateTime={iso} className="font-medium whitespace-nowrap tabular-nums">
        {formatDateTime(iso, now, hydrated ? undefined : 'UTC')}
      </time>
      {countdown && hydrated && ms > 0 ? (
        <span className="whitespace-nowrap tabular-nums"> (in {formatCountdown(ms)})</span>
      ) : null}
    </>
  );
}

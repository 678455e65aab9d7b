// The storefront's and the admin's polling settings: SWR dedupes requests inside its deduping
// window, so a window at or above the interval would silently stretch every poll (its 2 s default
// turns a 1 s poll into one every ~3 s). Checked here, where no clock is involved.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_MS, POLL_MS, dedupingFor } from '@/components/ui/poll-interval';

describe('poll interval', () => {
  it('dedupes well inside every allowed interval', () => {
    for (const ms of [250, 500, DEFAULT_POLL_MS, POLL_MS, 5000, 60_000]) {
      expect(dedupingFor(ms)).toBeGreaterThan(0);
      expect(dedupingFor(ms)).toBeLessThanOrEqual(ms / 4);
    }
  });
});

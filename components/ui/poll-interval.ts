/**
 * How often the storefront polls, in ms. The contract promises stock within two intervals of the
 * store, at one second by default; `NEXT_PUBLIC_POLL_MS` (read at build time) tunes it, and values
 * outside 250 ms–60 s fall back to the default rather than hammer or freeze the page.
 */
export const DEFAULT_POLL_MS = 1000;

function parsePollMs(raw: string | undefined): number {
  const ms = Number(raw);
  return Number.isInteger(ms) && ms >= 250 && ms <= 60_000 ? ms : DEFAULT_POLL_MS;
}

export const POLL_MS = parsePollMs(process.env.NEXT_PUBLIC_POLL_MS);

/**
 * SWR's deduping window for a poll every `pollMs`: well under the interval, since SWR's 2 s
 * default would turn a 1 s poll into one every ~3 s.
 */
export function dedupingFor(pollMs: number): number {
  return Math.min(250, Math.floor(pollMs / 4));
}

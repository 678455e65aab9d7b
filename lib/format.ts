/**
 * How numbers, times and counted words read on every page: all through `Intl`, in one locale, so
 * the storefront and the admin agree ("1,000,000", "1 unit", "Sat 28 Nov, 14:00").
 */
const LOCALE = 'en-US';

const counts = new Intl.NumberFormat(LOCALE);
const plurals = new Intl.PluralRules(LOCALE);

/** Formats cents as a price, e.g. 12900 → "$129.00". */
export function formatPrice(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(cents / 100);
}

/** Formats an integer with thousands separators, e.g. 12345 → "12,345". */
export function formatCount(n: number): string {
  return counts.format(n);
}

/**
 * A count with its noun in the right number: "1 unit", "0 units", "1,000 units". `plural`
 * defaults to the noun with an "s".
 */
export function formatQuantity(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${plurals.select(n) === 'one' ? noun : plural}`;
}

/** Formats an ISO time as a local clock time with seconds, e.g. "14:03:07". */
export function formatClock(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone });
}

/** "1 h 02 min", "3 min 05 s", "12 s": a countdown to `ms` milliseconds from now. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** Up to this far ahead a time reads as a countdown ("in 3 h 05 min"); beyond, as a date. */
export const RELATIVE_HORIZON_MS = 12 * 3600_000;

/**
 * A date and time people read at a glance: "Sat 28 Nov, 14:00"; the year only when it is not
 * this year's. `timeZone` pins the zone (the server render uses UTC and says so).
 */
export function formatDateTime(iso: string, now = Date.now(), timeZone?: string): string {
  const at = new Date(iso);
  const sameYear =
    new Intl.DateTimeFormat(LOCALE, { year: 'numeric', timeZone }).format(at) ===
    new Intl.DateTimeFormat(LOCALE, { year: 'numeric', timeZone }).format(now);
  const text = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(at);
  return timeZone === 'UTC' ? `${text} UTC` : text;
}

/**
 * When something happens, relative to `now`: "in 3 min 05 s" within RELATIVE_HORIZON_MS,
 * "on Sat 28 Nov, 14:00" beyond it.
 */
export function formatWhen(iso: string, now: number, timeZone?: string): string {
  const ms = Date.parse(iso) - now;
  return ms >= 0 && ms <= RELATIVE_HORIZON_MS
    ? `in ${formatCountdown(ms)}`
    : `on ${formatDateTime(iso, now, timeZone)}`;
}

/** A latency for people: "0.42 ms", "4.2 ms", "38 ms", "1.25 s". */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** `numerator / denominator` with two decimals, or "—" when the denominator is 0. */
export function formatRatio(numerator: number, denominator: number): string {
  return denominator === 0
    ? '—'
    : new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(
        numerator / denominator,
      );
}

/** Words for an API enum value: "sold_out" → "sold out", "not_started" → "not started". */
export function formatEnum(value: string): string {
  return value.replaceAll('_', ' ');
}

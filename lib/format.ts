/** Formats cents as a price, e.g. 12900 → "$129.00". */
export function formatPrice(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

/** Formats an ISO time as a local clock time with seconds, e.g. "14:03:07". */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
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

/** Formats an integer with thousands separators, e.g. 12345 → "12,345". */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
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
  return denominator === 0 ? '—' : (numerator / denominator).toFixed(2);
}

/** Words for an API enum value: "sold_out" → "sold out", "not_started" → "not started". */
export function formatEnum(value: string): string {
  return value.replaceAll('_', ' ');
}

/**
 * The admission anchor's math, pure: how many ranks are admitted at a time, and when a rank's turn
 * came. Admission is a list of segments; each says "from `at`, starting at `base` admitted ranks,
 * admit `rate` per second" (or nothing, when frozen). A pause, a rate change, the stock running
 * out or coming back, and a quiet queue's next newcomer each start a new segment at the count
 * reached, so no rank is ever admitted twice and nobody is admitted by time that passed frozen.
 * Rates are counted in thousandths per second (integers), so every count and time is exact.
 */

export type Segment = {
  /** Ranks admitted when the segment began. */
  base: number;
  /** When it began (epoch ms). */
  at: number;
  /** Admissions per second from `at` (kept to three decimals). */
  rate: number;
  /** Nothing is admitted during a frozen segment (paused, or nothing left to sell). */
  frozen: boolean;
};

/** Segments kept: enough for every pause and rate change of a sale; older ones are dropped. */
export const MAX_SEGMENTS = 64;

const MILLI = 1000;

/** A rate as whole thousandths per second (at least one). */
export function milliRate(rate: number): number {
  return Math.max(1, Math.round(rate * MILLI));
}

/** ⌊a / b⌋ for non-negative integers, corrected for floating rounding. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/** ⌈a / b⌉ for non-negative integers. */
function ceilDiv(a: number, b: number): number {
  const q = floorDiv(a, b);
  return q * b === a ? q : q + 1;
}

/** Ranks one segment has admitted by `t`, had it run forever. */
export function countWithin(segment: Segment, t: number): number {
  if (segment.frozen || t <= segment.at) return segment.base;
  const elapsed = Math.floor(t - segment.at);
  return segment.base + floorDiv(elapsed * milliRate(segment.rate), MILLI * MILLI);
}

/** The time `rank` is reached inside `segment` (it must not be frozen, and rank > base). */
function reachedAt(segment: Segment, rank: number): number {
  return segment.at + ceilDiv((rank - segment.base) * MILLI * MILLI, milliRate(segment.rate));
}

/**
 * Ranks admitted by time `t` (0 before the first segment), never more than `cap` (the tickets
 * there are): a later segment's base caps the one before it.
 */
export function admittedBy(history: readonly Segment[], t: number, cap = Infinity): number {
  let count = 0;
  for (let i = 0; i < history.length; i++) {
    const segment = history[i]!;
    if (segment.at > t) break;
    const next = history[i + 1];
    const within = countWithin(segment, t);
    count = next && next.at <= t ? next.base : next ? Math.min(within, next.base) : within;
  }
  return Math.max(0, Math.min(count, cap));
}

/**
 * When `rank` was (or will be) admitted by the history, ignoring when its ticket was taken (the
 * caller takes the later of the two); null while the last segment is frozen short of it. A rank
 * older than the oldest segment kept answers that segment's start (it was admitted by then).
 */
export function turnStartsAt(history: readonly Segment[], rank: number): number | null {
  const first = history[0];
  if (!first) return null;
  if (rank <= first.base) return first.at;
  for (let i = 0; i < history.length; i++) {
    const segment = history[i]!;
    const next = history[i + 1];
    const end = next ? next.base : Infinity;
    if (rank > end || segment.frozen) continue;
    if (rank <= segment.base) return segment.at;
    // A later segment that starts at or past the rank admitted it by its own start at the latest.
    return next ? Math.min(reachedAt(segment, rank), next.at) : reachedAt(segment, rank);
  }
  return null;
}

/** The history with a new segment from `now` on, at the count reached (capped by `cap`). */
export function reanchor(
  history: readonly Segment[],
  now: number,
  cap: number,
  change: { rate?: number; frozen?: boolean },
): Segment[] {
  const last = history[history.length - 1];
  const segment: Segment = {
    base: admittedBy(history, now, cap),
    at: Math.max(now, last?.at ?? now),
    rate: change.rate ?? last?.rate ?? 1,
    frozen: change.frozen ?? last?.frozen ?? false,
  };
  return [...history, segment].slice(-MAX_SEGMENTS);
}

/** The time between two admissions at `rate`, in whole milliseconds (rounded up). */
export function admissionInterval(rate: number): number {
  return ceilDiv(MILLI * MILLI, milliRate(rate));
}

/**
 * When admission has caught up with every ticket (`tickets`) and is not frozen, the credit of the
 * quiet time must not let a burst of newcomers in at once: the history restarts with the next
 * rank (the newcomer's) admitted now and each one after it an interval later. Undefined when the
 * queue is not idle. The caller gives that rank in the same transaction.
 */
export function idleReanchor(
  history: readonly Segment[],
  now: number,
  tickets: number,
): Segment[] | undefined {
  const last = history[history.length - 1];
  // Idle: the pace would have admitted more than there are tickets (credit for the newcomer).
  if (!last || last.frozen || countWithin(last, now) <= tickets) return undefined;
  const segment = { base: tickets + 1, at: Math.max(last.at, now), rate: last.rate, frozen: false };
  return [...history, segment].slice(-MAX_SEGMENTS);
}

/**
 * What the waiting page works out from the public status and the shopper's own ticket: how far
 * admission has got now, the shopper's position, the people ahead and the wait. Pure functions,
 * so the page's numbers can be checked without a browser.
 */
import type { QueueStatus, Ticket } from './types';

/**
 * The longest the page extrapolates one answer: a status this old without a newer one means the
 * polls are failing, and the page should not keep moving a line it cannot see.
 */
export const MAX_EXTRAPOLATE_MS = 10_000;

/**
 * Admission as of `now` (server time): the answer's `admitted` moved on at the rate since `at`,
 * while the queue admits, never past the tickets there are. `floor` of the elapsed part alone
 * never runs ahead of the server's own `base + floor((t − anchor)·rate)`.
 */
export function admittedAt(status: QueueStatus, serverNow: number): number {
  if (status.state !== 'admitting' || status.ratePerSecond <= 0) return status.admitted;
  const elapsed = Math.min(Math.max(0, serverNow - Date.parse(status.at)), MAX_EXTRAPOLATE_MS);
  const moved = Math.floor((elapsed / 1000) * status.ratePerSecond);
  return Math.max(status.admitted, Math.min(status.tickets, status.admitted + moved));
}

/** Where one ticket stands at a moment. */
export type Place =
  /** Joined before the start: no rank until the shuffle. */
  | { kind: 'unranked' }
  /** `position` 1 is next; `ahead` = position − 1. */
  | { kind: 'waiting'; position: number; ahead: number; waitSeconds: number | null }
  /** Admission has reached this rank (the ticket's own window confirms it). */
  | { kind: 'admitted' };

/**
 * position = rank − admitted (rank 1 is the first admitted). The wait is the people up to and
 * including this shopper at the rate; unknown (null) while admission does not move.
 */
export function placeOf(
  ticket: Pick<Ticket, 'rank'>,
  admitted: number,
  status: QueueStatus,
): Place {
  if (ticket.rank === null) return { kind: 'unranked' };
  const position = ticket.rank - admitted;
  if (position <= 0) return { kind: 'admitted' };
  const moving = status.state === 'admitting' && status.ratePerSecond > 0;
  return {
    kind: 'waiting',
    position,
    ahead: position - 1,
    waitSeconds: moving ? position / status.ratePerSecond : null,
  };
}

/**
 * An estimated wait in words, rounded up so it never promises less than it will take:
 * "less than a minute", "about 1 minute", "about 12 minutes", "about 1 h 05 min".
 */
export function formatWait(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const h = Math.floor(minutes / 60);
  return `about ${h} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * How far along the line this shopper is, 0 to 1: the part of the line ahead of them when they
 * first stood in it (`startPosition`) that has been admitted since.
 */
export function progressOf(position: number, startPosition: number): number {
  if (startPosition <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - position / startPosition));
}

/**
 * The server's clock as this browser sees it. The offset is the smallest (receive time − `at`)
 * seen: the freshest answer's, so a cached copy (an older `at`) is not taken for skew, and a
 * browser whose clock is minutes off still extrapolates from the right moment.
 */
export class ServerClock {
  private offset: number | null = null;

  /** Records an answer's `at`, received at local time `receivedAt`. */
  observe(at: string, receivedAt: number): void {
    const gap = receivedAt - Date.parse(at);
    if (Number.isFinite(gap) && (this.offset === null || gap < this.offset)) this.offset = gap;
  }

  /** The server's time now, as well as the answers seen tell. */
  now(localNow: number): number {
    return localNow - (this.offset ?? 0);
  }
}

/**
 * What the waiting page shows, from the public status, this session's ticket and the time: one
 * value per state, worked out by a pure function so each state can be tested on its own.
 */
import { admittedAt, placeOf, progressOf } from './queue-math';
import type { QueueStatus, Ticket } from './types';

export type QueueView =
  /** The product sells without a waiting room. */
  | { kind: 'off' }
  /** Not open yet: joining starts at `opensAt`. */
  | { kind: 'not_open'; opensAt: string | null; startsAt: string }
  /** Open (or admitting) and this session has no ticket yet. */
  | { kind: 'join'; started: boolean; startsAt: string }
  /** In the pre-queue: the shuffle at the start gives the rank. */
  | { kind: 'pre_start'; startsAt: string }
  /** The start has passed; the rank is on its way (the reveal). */
  | { kind: 'shuffling' }
  | {
      kind: 'waiting';
      position: number;
      ahead: number;
      waitSeconds: number | null;
      /** 0 to 1: how far along the line this shopper has come. */
      progress: number;
      paused: boolean;
    }
  /** Admission has reached this rank; the ticket's window is being read. */
  | { kind: 'letting_in' }
  | { kind: 'turn'; endsAt: string }
  | { kind: 'passed'; endedAt: string }
  /** Nothing left to buy or hold: nobody waits for nothing. */
  | { kind: 'sold_out' }
  | { kind: 'ended' };

export type ViewInput = {
  status: QueueStatus;
  /** This session's ticket; null: none; undefined: not read yet. */
  ticket: Ticket | null | undefined;
  /** The server's time now (see ServerClock). */
  serverNow: number;
  /** The position this shopper first stood at, for the progress bar. */
  startPosition?: number;
};

/** The state of the waiting page; null while something it needs is still loading. */
export function viewOf({ status, ticket, serverNow, startPosition }: ViewInput): QueueView | null {
  const { startsAt } = status;
  if (status.state === 'off' || startsAt === null) return { kind: 'off' };
  if (status.state === 'ended') return { kind: 'ended' };
  // An admitted shopper inside their window still sees their turn: what is bought decides.
  const turn = ticket?.admittedAt && ticket.turnEndsAt ? ticket.turnEndsAt : null;
  if (turn !== null && Date.parse(turn) > serverNow && status.state !== 'sold_out')
    return { kind: 'turn', endsAt: turn };
  if (status.state === 'sold_out') return { kind: 'sold_out' };
  if (turn !== null) return { kind: 'passed', endedAt: turn };
  if (status.state === 'not_open') return { kind: 'not_open', opensAt: status.opensAt, startsAt };
  const started = Date.parse(startsAt) <= serverNow;
  if (ticket === undefined) return null;
  if (ticket === null) return { kind: 'join', started, startsAt };
  if (ticket.rank === null)
    return started ? { kind: 'shuffling' } : { kind: 'pre_start', startsAt };
  const admitted = admittedAt(status, serverNow);
  const place = placeOf(ticket, admitted, status);
  if (place.kind !== 'waiting') return { kind: 'letting_in' };
  return {
    kind: 'waiting',
    position: place.position,
    ahead: place.ahead,
    waitSeconds: place.waitSeconds,
    progress: progressOf(place.position, Math.max(startPosition ?? 0, place.position)),
    paused: status.state === 'paused',
  };
}

'use client';

import { useEffect, useMemo, useRef } from 'react';
import useSWR from 'swr';
import { getConditional } from '@/components/store/api';
import type { HttpError } from '@/components/ui/api-client';
import { useNow } from '@/components/ui/use-now';
import { ServerClock } from './queue-math';
import { fetchTicket, queueStatusPath, ticketPath } from './queue-api';
import { viewOf, type QueueView } from './queue-view';
import type { QueueStatus, Ticket } from './types';

/** One clock per page: every status answer tells it how far the server's time is from ours. */
const clock = new ServerClock();

async function fetchStatus(url: string): Promise<QueueStatus> {
  const status = await getConditional<QueueStatus>(url);
  clock.observe(status.at, Date.now());
  return status;
}

/**
 * The public status of a product's waiting room, polled like the storefront's snapshot (one
 * small conditional GET per interval, cacheable, the same for every shopper). `active` false
 * stops the poll (a product without a waiting room on the storefront).
 */
export function useQueueStatus(sku: string, active = true) {
  return useSWR<QueueStatus, HttpError>(active ? queueStatusPath(sku) : null, fetchStatus, {
    keepPreviousData: true,
  });
}

/**
 * This session's ticket: read once the session exists, and again only when `useTicketRefresh`
 * asks (the reveal gave it a rank, admission reached it). Never polled.
 */
export function useTicket(sku: string, hasSession: boolean) {
  return useSWR<Ticket | null, HttpError>(hasSession ? ticketPath(sku) : null, fetchTicket, {
    refreshInterval: 0,
    revalidateOnFocus: false,
    revalidateIfStale: false,
  });
}

/** The server's time, ticking every second while `active`. */
export function useServerNow(active: boolean): number {
  return clock.now(useNow(active));
}

/**
 * Re-reads the ticket when the status says it has changed: the start passed while it had no
 * rank (the shuffle has placed it), or admission reached its rank while it had no window yet.
 * Once per status answer at most, so a slow server is not asked every second.
 */
export function useTicketRefresh(
  status: QueueStatus | undefined,
  ticket: Ticket | null | undefined,
  reread: () => unknown,
) {
  const asked = useRef<string | null>(null);
  const needed =
    status !== undefined &&
    ticket != null &&
    ((ticket.rank === null &&
      status.startsAt !== null &&
      Date.parse(status.startsAt) <= Date.parse(status.at)) ||
      (ticket.rank !== null && ticket.admittedAt === null && status.admitted >= ticket.rank));
  useEffect(() => {
    if (!needed || asked.current === status.at) return;
    asked.current = status.at;
    void reread();
  }, [needed, status?.at, reread]);
}

const START_KEY = 'stockrush:queue-start:';
const starts = new Map<string, number>();

/**
 * The position a ticket first stood at on this device, kept across reloads in localStorage (a
 * write-once value, so reading it while rendering is safe).
 */
function firstPosition(id: string, seenNow: number): number {
  let value = starts.get(id);
  if (value !== undefined) return value;
  value = seenNow;
  try {
    const kept = Number(localStorage.getItem(START_KEY + id));
    if (kept > 0) value = kept;
    else localStorage.setItem(START_KEY + id, String(seenNow));
  } catch {
    // Storage off (private mode): the bar starts from this visit.
  }
  starts.set(id, value);
  return value;
}

/**
 * The position this ticket started from, for the progress bar. Tickets from before the start all
 * began at their rank (nobody was admitted yet); later ones, at the position the page first
 * showed them.
 */
function startPositionOf(status: QueueStatus | undefined, ticket: Ticket | null | undefined) {
  if (!status || !ticket || ticket.rank === null) return undefined;
  if (status.startsAt && Date.parse(ticket.joinedAt) < Date.parse(status.startsAt))
    return ticket.rank;
  return firstPosition(ticket.id, ticket.rank - status.admitted);
}

export type WaitingRoom = {
  status: QueueStatus | undefined;
  statusError: HttpError | undefined;
  ticket: Ticket | null | undefined;
  ticketError: HttpError | undefined;
  setTicket: (ticket: Ticket) => void;
  view: QueueView | null;
  serverNow: number;
};

/** Everything the waiting page shows: the polled status, the ticket read once, and the view. */
export function useWaitingRoom(sku: string, hasSession: boolean): WaitingRoom {
  const statusQuery = useQueueStatus(sku);
  const ticketQuery = useTicket(sku, hasSession);
  const status = statusQuery.data;
  const ticket = ticketQuery.data;
  const { mutate } = ticketQuery;
  useTicketRefresh(status, ticket, mutate);
  const startPosition = startPositionOf(status, ticket);
  const ticking = status !== undefined && status.state !== 'off' && status.state !== 'ended';
  const serverNow = useServerNow(ticking);
  const view = useMemo(
    () => (status ? viewOf({ status, ticket, serverNow, startPosition }) : null),
    [status, ticket, serverNow, startPosition],
  );
  return {
    status,
    statusError: statusQuery.error,
    ticket,
    ticketError: ticketQuery.error,
    setTicket: (t) => {
      void mutate(t, { revalidate: false });
      // The count of tickets includes this one now.
      void statusQuery.mutate();
    },
    view,
    serverNow,
  };
}

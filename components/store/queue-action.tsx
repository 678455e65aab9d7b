'use client';

import { formatCount, formatCountdown } from '@/lib/format';
import { useQueueStatus, useServerNow, useTicket } from '@/components/queue/use-queue';
import { viewOf, type QueueView } from '@/components/queue/queue-view';
import { waitingRoomPath } from '@/components/queue/queue-api';

/**
 * Where this shopper stands in a product's waiting room, for its storefront card: the ticket read
 * once (when the session exists), and the queue's public status polled only when there is a
 * ticket, so a shopper who has not joined costs the storefront nothing more.
 */
export function useQueueTurn(
  sku: string,
  enabled: boolean,
): { view: QueueView | null; serverNow: number } {
  const ticket = useTicket(sku, enabled);
  const hasTicket = enabled && ticket.data != null;
  const status = useQueueStatus(sku, hasTicket);
  const serverNow = useServerNow(hasTicket);
  const view =
    hasTicket && status.data
      ? viewOf({ status: status.data, ticket: ticket.data, serverNow })
      : null;
  return { view, serverNow };
}

/** The words of the card's waiting-room link for where the shopper stands. */
function linkText(view: QueueView | null): { label: string; note: string } {
  switch (view?.kind) {
    case 'waiting':
      return {
        label: `Your place: ${formatCount(view.position)}`,
        note: view.paused
          ? 'Admission is paused; your place is kept.'
          : 'Buy opens here when your turn comes.',
      };
    case 'pre_start':
    case 'shuffling':
      return {
        label: 'You’re in the waiting room',
        note: 'Your place is drawn at the start — joining early gives no advantage.',
      };
    case 'letting_in':
      return { label: 'Your turn is coming…', note: 'Buy opens here in a moment.' };
    case 'passed':
      return { label: 'Your turn has passed', note: 'Your window to buy has closed.' };
    default:
      return {
        label: 'Join the waiting room',
        note: 'Shoppers are let in one by one, in a fair order anyone can check.',
      };
  }
}

/**
 * The action of a queued product's card while this shopper may not buy: a link to its waiting
 * room ("Join the waiting room", "Your place: N"), in the place of Buy.
 */
export function QueueLink({
  sku,
  name,
  view,
}: {
  sku: string;
  name: string;
  view: QueueView | null;
}) {
  const { label, note } = linkText(view);
  return (
    <>
      <a
        href={waitingRoomPath(sku)}
        data-testid={`queue-link-${sku}`}
        data-state={view?.kind ?? 'none'}
        aria-describedby={`limit-${sku}`}
        className="flex h-12 w-full items-center justify-center gap-2 rounded-lg bg-blue-600 px-5 text-base font-medium text-white tabular-nums shadow-sm hover:bg-blue-700 active:bg-blue-800"
      >
        {label}
        <span className="sr-only"> for {name}</span>
        <span aria-hidden="true">→</span>
      </a>
      <p
        id={`limit-${sku}`}
        data-testid={`limit-${sku}`}
        className="mt-2 text-xs text-zinc-600 dark:text-zinc-400"
      >
        {note}
      </p>
    </>
  );
}

/** The line under Buy during the shopper's turn. */
export function turnNote(view: Extract<QueueView, { kind: 'turn' }>, serverNow: number): string {
  return `Your turn — ${formatCountdown(Date.parse(view.endsAt) - serverNow)} left to buy`;
}

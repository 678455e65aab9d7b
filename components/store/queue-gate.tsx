'use client';

import type { ReactNode } from 'react';
import { formatCountdown } from '@/lib/format';
import {
  useQueueStatus,
  useServerNow,
  useTicket,
  useTicketRefresh,
} from '@/components/queue/use-queue';
import { viewOf, type QueueView } from '@/components/queue/queue-view';
import { QueueLink } from './queue-link';

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
  useTicketRefresh(status.data, ticket.data, ticket.mutate);
  const serverNow = useServerNow(hasTicket);
  const view =
    hasTicket && status.data
      ? viewOf({ status: status.data, ticket: ticket.data, serverNow })
      : null;
  return { view, serverNow };
}

/**
 * A queued product's card action: Buy during this shopper's turn (with the time left under it),
 * otherwise the link to the waiting room with their place.
 */
export function QueueGate({
  sku,
  name,
  enabled,
  renderBuy,
}: {
  sku: string;
  name: string;
  /** False until the shopper session exists. */
  enabled: boolean;
  /** The card's Buy area, with the line to show under it. */
  renderBuy: (note: string | null) => ReactNode;
}) {
  const { view, serverNow } = useQueueTurn(sku, enabled);
  if (view?.kind === 'turn')
    return renderBuy(
      `Your turn — ${formatCountdown(Date.parse(view.endsAt) - serverNow)} left to buy`,
    );
  return <QueueLink sku={sku} name={name} view={view} />;
}

import { formatCount } from '@/lib/format';
import { waitingRoomPath } from '@/components/queue/queue-api';
import type { QueueView } from '@/components/queue/queue-view';

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

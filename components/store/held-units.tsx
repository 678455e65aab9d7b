'use client';

import { formatCountdown, formatPrice, formatQuantity } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useNow } from '@/components/ui/use-now';
import type { Hold } from './hold-types';
import { useHoldActions } from './use-hold-actions';
import { useHoldExpiryRefresh } from './use-hold-expiry';

/** Ended holds still shown on the card (the newest), so the shopper sees what happened. */
const ENDED_SHOWN = 2;
/** Below this share of its time a hold's bar and countdown turn amber. */
const HURRY_SHARE = 0.25;

const BOX = 'rounded-xl px-3.5 py-3 text-sm ring-1 ring-inset';
const BOX_TONES = {
  held: 'bg-blue-50/70 ring-blue-200 dark:bg-blue-950/30 dark:ring-blue-900',
  ordered: 'bg-emerald-50/70 ring-emerald-200 dark:bg-emerald-950/30 dark:ring-emerald-900',
  ended: 'bg-zinc-50 ring-zinc-200 dark:bg-zinc-950/40 dark:ring-zinc-800',
  expired: 'bg-amber-50/70 ring-amber-200 dark:bg-amber-950/30 dark:ring-amber-900',
} as const;
const DETAIL = 'mt-0.5 text-zinc-600 dark:text-zinc-400';

/** "the unit" / "the 2 units": a hold's units as a sentence names them. */
const theUnits = (hold: Hold) =>
  hold.quantity === 1 ? 'the unit' : `the ${formatQuantity(hold.quantity, 'unit')}`;
const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Live holds first (soonest to expire on top), then the newest ENDED_SHOWN that have ended. */
export function holdsToShow(holds: Hold[]): Hold[] {
  const live = holds.filter((h) => h.state === 'held');
  const ended = holds
    .filter((h) => h.state !== 'held')
    .sort((a, b) => Date.parse(b.endedAt ?? b.createdAt) - Date.parse(a.endedAt ?? a.createdAt))
    .slice(0, ENDED_SHOWN);
  return [...live.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt)), ...ended];
}

function LiveHold({
  hold,
  now,
  pending,
  onOrder,
  onCancel,
}: {
  hold: Hold;
  now: number;
  pending: 'order' | 'cancel' | null;
  onOrder: () => void;
  onCancel: () => void;
}) {
  const left = Date.parse(hold.expiresAt) - now;
  const total = Math.max(1, Date.parse(hold.expiresAt) - Date.parse(hold.createdAt));
  const share = Math.min(1, Math.max(0, left / total));
  const hurry = share <= HURRY_SHARE;
  const timeUp = left <= 0;
  const units = formatQuantity(hold.quantity, 'unit');
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <p className="font-semibold text-zinc-900 dark:text-zinc-100">
          {timeUp ? 'Time’s up' : `${units} held for you`}
        </p>
        <p
          data-testid={`hold-countdown-${hold.id}`}
          className={`font-mono text-sm font-semibold whitespace-nowrap tabular-nums ${hurry ? 'text-amber-800 dark:text-amber-300' : 'text-blue-800 dark:text-blue-300'}`}
        >
          {timeUp ? (
            <span className="inline-flex items-center gap-1.5 font-sans font-medium">
              <Spinner className="size-3.5" />
              releasing…
            </span>
          ) : (
            <>
              <span className="sr-only">Time left: </span>
              {formatCountdown(left)}
            </>
          )}
        </p>
      </div>
      <div
        aria-hidden="true"
        className="mt-2 h-1 overflow-hidden rounded-full bg-blue-100 dark:bg-blue-900/60"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-1000 ease-linear ${hurry ? 'bg-amber-500' : 'bg-blue-600 dark:bg-blue-500'}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className={`${DETAIL} text-xs`}>
        {timeUp
          ? 'The hold has run out; checking with the store…'
          : `${formatPrice(hold.priceCents * hold.quantity)} · place the order before the time runs out, or it goes back on sale.`}
      </p>
      <div className="mt-3 flex gap-2">
        <Button
          size="md"
          className="flex-1"
          disabled={timeUp || pending !== null}
          aria-busy={pending === 'order'}
          onClick={onOrder}
        >
          {pending === 'order' ? (
            <>
              <Spinner />
              Ordering…
            </>
          ) : (
            'Place order'
          )}
        </Button>
        <Button
          size="md"
          variant="secondary"
          disabled={timeUp || pending !== null}
          aria-busy={pending === 'cancel'}
          onClick={onCancel}
        >
          {pending === 'cancel' ? 'Cancelling…' : 'Cancel'}
          <span className="sr-only"> hold</span>
        </Button>
      </div>
    </>
  );
}

function EndedHold({ hold }: { hold: Hold }) {
  if (hold.state === 'ordered') {
    return (
      <>
        <p className="font-semibold text-emerald-800 dark:text-emerald-300">
          Ordered {formatQuantity(hold.quantity, 'unit')}
        </p>
        {hold.orderId ? (
          <p className={`${DETAIL} truncate`} title={hold.orderId}>
            order{' '}
            <span
              data-testid={`hold-order-${hold.id}`}
              className="font-mono text-xs text-zinc-900 dark:text-zinc-100"
            >
              {hold.orderId}
            </span>
          </p>
        ) : null}
      </>
    );
  }
  if (hold.state === 'expired') {
    return (
      <>
        <p className="font-semibold text-amber-900 dark:text-amber-200">
          Your hold expired — {theUnits(hold)} went back on sale
        </p>
        <p className={DETAIL}>Nothing was ordered. Buy again while there is stock.</p>
      </>
    );
  }
  return (
    <>
      <p className="font-semibold text-zinc-800 dark:text-zinc-200">
        {hold.endedBy === 'admin' ? 'Released by the store' : 'Cancelled'}
      </p>
      <p className={DETAIL}>
        {`${capitalized(theUnits(hold))} ${hold.quantity === 1 ? 'is' : 'are'} back on sale; nothing was ordered.`}
      </p>
    </>
  );
}

/**
 * The shopper's holds of one product on its card: each live one with a countdown, Place order
 * and Cancel; each recently ended one with what happened (ordered, expired, cancelled). The list
 * is announced politely as holds change state.
 */
export function HeldUnits({
  sku,
  holds,
  onHold,
}: {
  sku: string;
  holds: Hold[];
  onHold: (hold: Hold) => void;
}) {
  const shown = holdsToShow(holds);
  const counting = shown.some((h) => h.state === 'held');
  const now = useNow(counting, 500);
  const { pending, errors, order, cancel } = useHoldActions(sku, onHold);
  useHoldExpiryRefresh(holds);
  return (
    <div data-testid={`holds-${sku}`} role="status" aria-live="polite" className="mb-4 space-y-2">
      {shown.map((hold) => {
        const timeUp = hold.state === 'held' && Date.parse(hold.expiresAt) <= now;
        const tone =
          hold.state === 'held'
            ? timeUp
              ? 'expired'
              : 'held'
            : hold.state === 'ordered'
              ? 'ordered'
              : hold.state === 'expired'
                ? 'expired'
                : 'ended';
        const error = errors.get(hold.id);
        return (
          <div
            key={hold.id}
            data-testid={`hold-${hold.id}`}
            data-state={hold.state}
            className={`${BOX} ${BOX_TONES[tone]}`}
          >
            {hold.state === 'held' ? (
              <LiveHold
                hold={hold}
                now={now}
                pending={pending?.id === hold.id ? pending.action : null}
                onOrder={() => order(hold.id)}
                onCancel={() => cancel(hold.id)}
              />
            ) : (
              <EndedHold hold={hold} />
            )}
            {error ? (
              <p
                data-testid={`hold-error-${hold.id}`}
                className="mt-2 text-xs font-medium text-red-700 dark:text-red-400"
              >
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

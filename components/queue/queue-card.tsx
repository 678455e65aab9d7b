'use client';

import type { Product } from '@/lib/api-types';
import type { CheckoutResponse } from '@/components/store/hold-types';
import { formatCountdown, formatQuantity } from '@/lib/format';
import { Skeleton } from '@/components/ui/skeleton';
import { JoinPanel } from './join-panel';
import { QueuePlace } from './queue-place';
import type { QueueView } from './queue-view';
import { BackToSale, CardText, StatusCard } from './status-card';
import { TurnPanel, turnTitle } from './turn-panel';
import type { QueueStatus } from './types';
import type { JoinState } from './use-join';
import { When } from './when';

export type QueueCardProps = {
  view: QueueView;
  status: QueueStatus;
  product: Product | undefined;
  serverNow: number;
  ownedUnits: number;
  join: { state: JoinState; run: () => void; ready: boolean };
  onAnswer: (response: CheckoutResponse) => void;
  renewSession: () => Promise<unknown>;
};

const EARLY_NO_ADVANTAGE = 'joining early gives no advantage';

/** A large countdown to the shuffle (or the opening), with its moment beneath. */
function Countdown({ label, iso, now }: { label: string; iso: string; now: number }) {
  return (
    <div className="my-5 inline-flex flex-col rounded-xl bg-zinc-50 px-4 py-3 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-950/50 dark:ring-zinc-800">
      <span className="text-sm text-zinc-600 dark:text-zinc-400">{label}</span>
      <span
        data-testid="queue-countdown"
        className="text-3xl font-semibold tracking-tight tabular-nums"
      >
        {formatCountdown(Date.parse(iso) - now)}
      </span>
      <span className="text-sm text-zinc-600 dark:text-zinc-400">
        at <When iso={iso} now={now} countdown={false} />
      </span>
    </div>
  );
}

/** The admitted shopper's window, in minutes. */
const windowText = (s: QueueStatus) =>
  formatQuantity(Math.max(1, Math.round(s.admitWindowSeconds / 60)), 'minute');

/** The waiting page's main card for each state of the queue and of this shopper's ticket. */
export function QueueCard(props: QueueCardProps) {
  const { view, status, serverNow } = props;
  const waitingNow = Math.max(0, status.tickets - status.admitted);
  switch (view.kind) {
    case 'off':
      return (
        <StatusCard state="off" title="This product has no waiting room">
          <CardText>It is sold first-come on the storefront.</CardText>
          <BackToSale label="Go to the storefront" />
        </StatusCard>
      );
    case 'not_open':
      return (
        <StatusCard
          state="not_open"
          badge={{ tone: 'accent', text: 'opens soon' }}
          title="The waiting room is not open yet"
        >
          {view.opensAt ? (
            <Countdown label="It opens in" iso={view.opensAt} now={serverNow} />
          ) : null}
          <CardText>
            The queue shuffles at <When iso={view.startsAt} now={serverNow} countdown={false} />,
            when the sale starts — {EARLY_NO_ADVANTAGE}: everyone who joins before then gets a
            random place. This page lets you join by itself as soon as it opens.
          </CardText>
        </StatusCard>
      );
    case 'join':
      return (
        <StatusCard
          state="join"
          badge={{ tone: 'success', text: view.started ? 'line moving' : 'open', pulse: true }}
          title={view.started ? 'Join the line' : 'The waiting room is open'}
        >
          {view.started ? (
            <CardText>
              The sale has started. Joining now places you after the{' '}
              {formatQuantity(waitingNow, 'shopper')} still waiting, in the order you arrive.
            </CardText>
          ) : (
            <>
              <Countdown label="The line is shuffled in" iso={view.startsAt} now={serverNow} />
              <CardText>
                The queue shuffles at the start — {EARLY_NO_ADVANTAGE}. Everyone who joins before
                then gets a random place; {formatQuantity(status.tickets, 'shopper')}{' '}
                {status.tickets === 1 ? 'has' : 'have'} joined so far.
              </CardText>
            </>
          )}
          <JoinPanel state={props.join.state} onJoin={props.join.run} canJoin={props.join.ready} />
        </StatusCard>
      );
    case 'pre_start':
      return (
        <StatusCard
          state="pre_start"
          badge={{ tone: 'success', text: 'you are in', pulse: true }}
          title="You’re in the waiting room"
        >
          <Countdown label="The line is shuffled in" iso={view.startsAt} now={serverNow} />
          <CardText>
            The queue shuffles at the start — {EARLY_NO_ADVANTAGE}. At that moment everyone here
            gets a random place and the line starts moving. You can close this tab and come back:
            your ticket stays with this browser.
          </CardText>
          <p
            data-testid="queue-tickets"
            className="mt-4 text-sm text-zinc-600 tabular-nums dark:text-zinc-400"
          >
            {formatQuantity(status.tickets, 'shopper')} in the waiting room
          </p>
        </StatusCard>
      );
    case 'shuffling':
      return (
        <StatusCard
          state="shuffling"
          badge={{ tone: 'accent', text: 'starting', pulse: true }}
          title="Shuffling the line…"
        >
          <CardText>The sale has started. Your place appears in a moment.</CardText>
        </StatusCard>
      );
    case 'waiting':
      return (
        <StatusCard
          state="waiting"
          badge={
            view.paused
              ? { tone: 'warning', text: 'paused' }
              : { tone: 'success', text: 'line moving', pulse: true }
          }
          title={view.paused ? 'Admission is paused' : 'You’re in line'}
        >
          <QueuePlace view={view} ratePerSecond={status.ratePerSecond} />
        </StatusCard>
      );
    case 'letting_in':
      return (
        <StatusCard
          state="letting_in"
          badge={{ tone: 'success', text: 'your turn is coming', pulse: true }}
          title="You’re next — letting you in…"
        />
      );
    case 'turn':
      return (
        <StatusCard
          state="turn"
          tone="turn"
          badge={{ tone: 'success', text: 'your turn', pulse: true }}
          title={turnTitle(view.endsAt, serverNow)}
        >
          {props.product ? (
            <TurnPanel
              product={props.product}
              endsAt={view.endsAt}
              serverNow={serverNow}
              ownedUnits={props.ownedUnits}
              onAnswer={props.onAnswer}
              renewSession={props.renewSession}
            />
          ) : (
            <Skeleton className="mt-5 h-12 w-56 rounded-lg" />
          )}
        </StatusCard>
      );
    case 'passed':
      return (
        <StatusCard
          state="passed"
          tone="passed"
          badge={{ tone: 'warning', text: 'turn over' }}
          title="Your turn has passed"
        >
          <CardText>
            Your window closed at <When iso={view.endedAt} now={serverNow} countdown={false} />.
            Each admitted shopper has {windowText(status)}, so the line keeps moving for the people
            behind you.
          </CardText>
          <BackToSale />
        </StatusCard>
      );
    case 'sold_out':
      return (
        <StatusCard
          state="sold_out"
          tone="done"
          badge={{ tone: 'neutral', text: 'sold out' }}
          title="Sold out — nothing left to wait for"
        >
          <CardText>
            {props.ownedUnits > 0 ? `You got ${formatQuantity(props.ownedUnits, 'unit')}. ` : null}
            Every unit is sold or in someone’s cart, so the line has stopped: nobody waits for
            nothing.
            {status.admitted > 0
              ? ` ${formatQuantity(status.admitted, 'shopper')} had their turn.`
              : null}
          </CardText>
          <BackToSale />
        </StatusCard>
      );
    case 'ended':
      return (
        <StatusCard
          state="ended"
          tone="done"
          badge={{ tone: 'neutral', text: 'ended' }}
          title="This sale has ended"
        >
          <BackToSale />
        </StatusCard>
      );
  }
}

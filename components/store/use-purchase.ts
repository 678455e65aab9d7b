'use client';

import { useCallback, useState } from 'react';
import { notAdmittedOf, type NotAdmitted } from '@/components/queue/not-admitted';
import { newIdempotencyKey, postPurchase, type HttpError } from './api';
import { postHold } from './hold-api';
import type { CheckoutResponse } from './hold-types';

/** One click on Buy: its key is reused for every retry of that click, so it can never buy twice. */
export type Click = { key: string; quantity: number };

export type ClickState =
  | { phase: 'idle' }
  | { phase: 'buying'; click: Click }
  | { phase: 'answered'; click: Click; response: CheckoutResponse }
  | {
      phase: 'failed';
      click: Click;
      message: string;
      rateLimited?: boolean;
      /** A queued product refused this session (403 `not_admitted`): its place in line. */
      notAdmitted?: NotAdmitted;
    };

/** Sends of one click before giving up: covers a dropped connection. */
const MAX_SENDS = 4;
/** A click whose requests got no answer for this long reports so instead of trying again. */
const NO_ANSWER_BUDGET_MS = 2000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Options = {
  /** Called with every purchase or hold outcome (to update the page at once). */
  onAnswer: (response: CheckoutResponse) => void;
  /** `hold`: Buy places a hold (POST …/holds) instead of buying at once. */
  checkout?: 'instant' | 'hold';
  /** Renews the shopper session after a 401 `no_session` (expired or cleared cookie). */
  renewSession: () => Promise<unknown>;
};

/** What the shopper reads when a click got no outcome. */
function failureMessage(error: HttpError): string {
  if (error.outage === 'store') return 'The store is unreachable right now.';
  if (error.outage === 'server') return 'The server is not answering.';
  return error.message;
}

/**
 * Buy for one product (a purchase, or a hold on a `hold` product). A dropped connection is retried briefly, always with the same
 * Idempotency-Key; a 429 is told to the shopper (not retried); an unreachable store ends the click at once (within ~2 s in
 * all), and an outcome (purchased or refused) ends it too.
 */
export function usePurchase(sku: string, { onAnswer, renewSession, checkout }: Options) {
  const [state, setState] = useState<ClickState>({ phase: 'idle' });

  const send = useCallback(
    async (click: Click) => {
      setState({ phase: 'buying', click });
      const started = Date.now();
      let renewed = false;
      for (let sent = 1; ; sent++) {
        const last = sent >= MAX_SENDS;
        const answer =
          checkout === 'hold'
            ? await postHold(sku, click.quantity, click.key)
            : await postPurchase(sku, click.quantity, click.key);
        if (answer.kind === 'outcome') {
          setState({ phase: 'answered', click, response: answer.body });
          onAnswer(answer.body);
          return;
        }
        const { error } = answer;
        if (error.code === 'no_session' && !renewed) {
          renewed = true;
          await renewSession();
          continue;
        }
        const backoff = 250 * 2 ** (sent - 1);
        if (error.status === 0 && !last && Date.now() - started + backoff < NO_ANSWER_BUDGET_MS) {
          await wait(backoff);
          continue;
        }
        setState({
          phase: 'failed',
          click,
          message: failureMessage(error),
          rateLimited: error.status === 429,
          notAdmitted: notAdmittedOf(error) ?? undefined,
        });
        return;
      }
    },
    [sku, onAnswer, renewSession, checkout],
  );

  /** A new click: a fresh key. */
  const buy = useCallback(
    (quantity: number) => send({ key: newIdempotencyKey(), quantity }),
    [send],
  );

  /** The same click again (after contention or a failure): the same key and quantity. */
  const retry = useCallback(() => {
    if (state.phase === 'answered' || state.phase === 'failed') void send(state.click);
  }, [send, state]);

  /** Forgets the last answer (its order is gone after a reset). */
  const clear = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, buy, retry, clear };
}

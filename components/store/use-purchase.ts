'use client';

import { useCallback, useState } from 'react';
import type { PurchaseResponse } from '@/lib/api-types';
import { newIdempotencyKey, postPurchase, type PurchaseAnswer } from './api';

/** One click on Buy: its key is reused for every retry of that click, so it can never buy twice. */
export type Click = { key: string; quantity: number };

export type ClickState =
  | { phase: 'idle' }
  | { phase: 'buying'; click: Click }
  | { phase: 'answered'; click: Click; response: PurchaseResponse }
  | { phase: 'failed'; click: Click; message: string };

/** Sends of one click before giving up: covers a dropped connection or a short 429/503 burst. */
const MAX_SENDS = 4;
/** Longest wait between two sends, whatever `Retry-After` says: the shopper is watching. */
const MAX_WAIT_MS = 3000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Options = {
  /** Called with every purchase outcome (to update the page at once). */
  onAnswer: (response: PurchaseResponse) => void;
  /** Renews the shopper session after a 401 `no_session` (expired or cleared cookie). */
  renewSession: () => Promise<unknown>;
};

/**
 * Buy for one product. Network failures, 429 and 503 without an outcome are retried with the same
 * Idempotency-Key; an outcome (purchased or refused) ends the click.
 */
export function usePurchase(sku: string, { onAnswer, renewSession }: Options) {
  const [state, setState] = useState<ClickState>({ phase: 'idle' });

  const send = useCallback(
    async (click: Click) => {
      setState({ phase: 'buying', click });
      let renewed = false;
      for (let sent = 1; ; sent++) {
        const last = sent >= MAX_SENDS;
        let answer: PurchaseAnswer;
        try {
          answer = await postPurchase(sku, click.quantity, click.key);
        } catch {
          if (!last) {
            await wait(250 * 2 ** sent);
            continue;
          }
          setState({ phase: 'failed', click, message: 'The store did not answer.' });
          return;
        }
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
        if ((error.status === 429 || error.status === 503) && !last) {
          await wait(Math.min(error.retryAfterMs ?? 250 * 2 ** sent, MAX_WAIT_MS));
          continue;
        }
        setState({ phase: 'failed', click, message: error.message });
        return;
      }
    },
    [sku, onAnswer, renewSession],
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

  return { state, buy, retry };
}

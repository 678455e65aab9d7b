'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { solveChallenge, type PowProgress } from './pow';
import { fetchChallenge, postJoin } from './queue-api';
import type { Ticket } from './types';

export type JoinState =
  | { phase: 'idle' }
  /** Solving the proof of work the queue asks for. */
  | { phase: 'solving'; progress: PowProgress }
  | { phase: 'joining' }
  | { phase: 'failed'; message: string };

/** Tries with a fresh challenge when the server finds a solution stale or wrong. */
const MAX_TRIES = 2;

function messageOf(code: string, fallback: string): string {
  switch (code) {
    case 'queue_not_open':
      return 'The waiting room is not open yet. This page lets you join as soon as it opens.';
    case 'pow_invalid':
    case 'pow_required':
      return 'The check that you are not a bot did not go through. Try again.';
    case 'network':
      return 'The server is not answering. Check the connection and try again.';
    default:
      return fallback;
  }
}

/**
 * Join: with a proof of work first when the queue asks for one (difficulty > 0), solved in this
 * page with Web Crypto, progress reported as it goes. A repeat join answers the same ticket, so
 * a retry after a lost answer never takes a second place.
 */
export function useJoin(sku: string, difficulty: number, onJoined: (ticket: Ticket) => void) {
  const [state, setState] = useState<JoinState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const join = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    let code = 'http_error';
    let message = 'Could not join.';
    // The status the page polls may be a second old: an answer asking for work is believed.
    let withWork = difficulty > 0;
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      let nonce: string | undefined;
      if (withWork) {
        const challenge = await fetchChallenge(sku);
        if (!challenge.ok) {
          ({ code, message } = challenge.error);
          break;
        }
        const { challenge: text, difficulty: bits } = challenge.data;
        setState({ phase: 'solving', progress: { tried: 0, expected: 2 ** bits } });
        try {
          nonce = await solveChallenge(
            text,
            bits,
            (progress) => setState({ phase: 'solving', progress }),
            controller.signal,
          );
        } catch {
          return; // left the page
        }
      }
      setState({ phase: 'joining' });
      const answer = await postJoin(sku, nonce);
      if (answer.ok) {
        setState({ phase: 'idle' });
        onJoined(answer.data.ticket);
        return;
      }
      ({ code, message } = answer.error);
      if (code !== 'pow_invalid' && code !== 'pow_required') break;
      withWork = true;
    }
    setState({ phase: 'failed', message: messageOf(code, message) });
  }, [sku, difficulty, onJoined]);

  return { state, join };
}

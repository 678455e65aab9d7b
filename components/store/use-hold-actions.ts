'use client';

import { useCallback, useState } from 'react';
import { endErrorMessage, endHold, type EndAction } from './hold-end-api';
import type { Hold } from './hold-types';

type Pending = { id: string; action: EndAction } | null;

/**
 * Place order and Cancel for the holds of one card. Each answer (or the hold an error body
 * carries: expired, cancelled, ordered) goes to `onHold`, so the card shows what the server
 * decided; a refusal also leaves a message on that hold until its next action.
 */
export function useHoldActions(sku: string, onHold: (hold: Hold) => void) {
  const [pending, setPending] = useState<Pending>(null);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(() => new Map());

  const run = useCallback(
    async (id: string, action: EndAction) => {
      setPending({ id, action });
      setErrors((e) => {
        if (!e.has(id)) return e;
        const next = new Map(e);
        next.delete(id);
        return next;
      });
      const answer = await endHold(sku, id, action);
      setPending(null);
      if (answer.ok) {
        onHold(answer.body.hold);
        return;
      }
      if (answer.hold) onHold(answer.hold);
      setErrors((e) => new Map(e).set(id, endErrorMessage(answer.error, action)));
    },
    [sku, onHold],
  );

  return {
    pending,
    errors,
    order: useCallback((id: string) => void run(id, 'order'), [run]),
    cancel: useCallback((id: string) => void run(id, 'cancel'), [run]),
  };
}

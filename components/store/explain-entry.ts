import type { LogEntry } from '@/lib/api-types';
import { formatLatency, formatQuantity } from '@/lib/format';

const REFUSALS: Record<Exclude<LogEntry['outcome'], 'purchased' | 'contention'>, string> = {
  sold_out: 'Refused: the stock was at 0.',
  insufficient_stock: 'Refused: fewer units were left than asked for.',
  limit_reached: 'Refused: the shopper already held the most one may buy.',
  not_started: 'Refused: the sale had not opened yet.',
  ended: 'Refused: the sale was over.',
  all_in_carts: 'Refused: every unit was held in a cart (some may come back).',
  held: 'Held the units for checkout.',
  ordered: 'Placed the order for held units.',
  cancelled: 'Cancelled a hold: its units went back on sale.',
  expired: 'A hold expired: its units went back on sale.',
  refunded: 'An order was cancelled: its units went back on sale.',
};

/**
 * One log row in words, for its hover and focus text: how the request was decided (alone or
 * with others in one watched transaction), what the race cost (attempts, aborted EXECs), how long
 * it waited for its turn, and the outcome.
 */
export function explainEntry(entry: LogEntry): string {
  if (entry.replay)
    return 'A repeat of an earlier purchase with the same Idempotency-Key: answered from its stored result, nothing bought again.';
  const parts: string[] = [];
  if (entry.batch === 0) {
    parts.push('Answered without a transaction (the product was known to be sold out).');
  } else {
    parts.push(
      entry.batch === 1
        ? 'Decided alone in its own watched transaction (WATCH, read, MULTI…EXEC).'
        : `Decided together with ${formatQuantity(entry.batch - 1, 'other request')} in one watched transaction.`,
    );
    parts.push(
      entry.conflicts === 0
        ? 'Committed at the first EXEC: no other write got in between.'
        : `${formatQuantity(entry.attempts, 'attempt')}: ${formatQuantity(entry.conflicts, 'EXEC')} aborted because another transaction changed the watched stock first, then retried.`,
    );
  }
  if (entry.queuedMs > 0) parts.push(`Waited ${formatLatency(entry.queuedMs)} for its turn.`);
  if (entry.outcome === 'purchased')
    parts.push(`Bought ${formatQuantity(entry.quantity, 'unit')}.`);
  else if (entry.outcome === 'contention')
    parts.push('Every retry lost its race: nothing was bought (503, try again).');
  else parts.push(REFUSALS[entry.outcome]);
  return parts.join(' ');
}

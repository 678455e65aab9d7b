import type { LogEntry } from '@/lib/api-types';
import { formatLatency, formatQuantity } from '@/lib/format';
import type { LogOutcome } from './hold-types';

const REFUSALS = {
  sold_out: 'Refused: the stock was at 0.',
  insufficient_stock: 'Refused: fewer units were left than asked for.',
  limit_reached: 'Refused: the shopper already held the most one may buy.',
  not_started: 'Refused: the sale had not opened yet.',
  ended: 'Refused: the sale was over.',
  all_in_carts:
    'Refused: nothing was on sale, but units were in shoppers’ carts and may come back.',
} as const;

/** The last sentence of a row: what the decided request did to the stock. */
function outcomeSentence(outcome: LogOutcome, quantity: number): string {
  const units = formatQuantity(quantity, 'unit');
  switch (outcome) {
    case 'purchased':
      return `Bought ${units}.`;
    case 'held':
      return `Held ${units} in the shopper’s cart: off sale until ordered, cancelled or expired.`;
    case 'ordered':
      return `Place order: the hold of ${units} became an order.`;
    case 'cancelled':
      return `The hold was cancelled (by the shopper, or released by an admin): ${units} back on sale.`;
    case 'expired':
      return `The hold ran out unordered: ${units} back on sale, and the shopper’s allowance given back.`;
    case 'refunded':
      return `An admin cancelled the order (a refund): ${units} back on sale, exactly once.`;
    case 'contention':
      return 'Every retry lost its race: nothing was bought (503, try again).';
    default:
      return REFUSALS[outcome];
  }
}

/**
 * One log row in words, for its hover and focus text: how the request was decided (alone or
 * with others in one watched transaction), what the race cost (attempts, aborted EXECs), how long
 * it waited for its turn, and the outcome.
 */
export function explainEntry(entry: LogEntry): string {
  const outcome = entry.outcome as LogOutcome;
  if (entry.replay)
    return 'A repeat of an earlier request with the same Idempotency-Key: answered from its stored result, nothing done again.';
  const parts: string[] = [];
  if (entry.batch === 0) {
    parts.push('Answered without a transaction (the product was known to be sold out).');
  } else {
    const together =
      outcome === 'expired'
        ? `Expired together with ${formatQuantity(entry.batch - 1, 'other hold')} in one sweeper’s watched transaction.`
        : `Decided together with ${formatQuantity(entry.batch - 1, 'other request')} in one watched transaction.`;
    parts.push(
      entry.batch === 1
        ? 'Decided alone in its own watched transaction (WATCH, read, MULTI…EXEC).'
        : together,
    );
    parts.push(
      entry.conflicts === 0
        ? 'Committed at the first EXEC: no other write got in between.'
        : `${formatQuantity(entry.attempts, 'attempt')}: ${formatQuantity(entry.conflicts, 'EXEC')} aborted because another transaction changed the watched keys first, then retried.`,
    );
  }
  if (entry.queuedMs > 0) parts.push(`Waited ${formatLatency(entry.queuedMs)} for its turn.`);
  parts.push(outcomeSentence(outcome, entry.quantity));
  return parts.join(' ');
}

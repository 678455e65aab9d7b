/**
 * A purchase or hold refused by a waiting room, as the storefront reads it: in the first load of
 * every card (apart from queue-api.ts, which only the waiting room's own chunks need).
 */
import type { HttpError } from '@/components/ui/api-client';
import type { NotAdmittedReason } from './types';

export type NotAdmitted = { position: number | null; reason: NotAdmittedReason | null };

/**
 * The place a 403 `not_admitted` reports (a purchase or a hold on a queued product refused
 * because this session's turn has not come, has passed, or it has no ticket); null for any other
 * error. The fields may sit at the top of the body or inside `error`.
 */
export function notAdmittedOf(error: HttpError): NotAdmitted | null {
  if (error.status !== 403 || error.code !== 'not_admitted') return null;
  const body = (typeof error.body === 'object' && error.body) || {};
  const inner = 'error' in body && typeof body.error === 'object' && body.error ? body.error : {};
  const pick = (key: string): unknown =>
    key in body ? (body as Record<string, unknown>)[key] : (inner as Record<string, unknown>)[key];
  const position = pick('position');
  const reason = pick('reason');
  return {
    position: typeof position === 'number' ? position : null,
    reason:
      reason === 'no_ticket' || reason === 'waiting' || reason === 'turn_passed' ? reason : null,
  };
}

/**
 * The waiting room's paths and calls, through the one browser client. The status is the page's
 * poll (conditional, like the snapshot); the ticket is private and read once.
 */
import { callApi } from '@/components/ui/api-client';
import type { ChallengeBody, Ticket, TicketBody } from './types';

const base = (sku: string) => `/api/products/${encodeURIComponent(sku)}/queue`;

/** The public status: `GET /api/products/{sku}/queue`. */
export const queueStatusPath = (sku: string) => base(sku);
/** The shopper's own ticket: `GET /api/products/{sku}/queue/ticket`. */
export const ticketPath = (sku: string) => `${base(sku)}/ticket`;
/** The pre-start ticket ids with the revealed seed, for the verifier. */
export const ticketListPath = (sku: string) => `${base(sku)}/tickets`;
/** The waiting page of a product. */
export const waitingRoomPath = (sku: string) => `/queue/${encodeURIComponent(sku)}`;

/** The ticket, or null when this session has none (404 `no_ticket`). Throws other errors. */
export async function fetchTicket(path: string): Promise<Ticket | null> {
  const result = await callApi<TicketBody>(path);
  if (result.ok) return result.data.ticket;
  if (result.error.code === 'no_ticket') return null;
  throw result.error;
}

export async function fetchChallenge(sku: string) {
  return callApi<ChallengeBody>(`${base(sku)}/challenge`);
}

/** `POST …/queue/join`: the session's one ticket (a repeat answers the same one). */
export async function postJoin(sku: string, nonce?: string) {
  return callApi<TicketBody>(`${base(sku)}/join`, {
    method: 'POST',
    body: nonce === undefined ? {} : { nonce },
    timeoutMs: 10_000,
  });
}

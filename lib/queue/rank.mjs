// The waiting room's shuffle, in plain JavaScript so that the server (lib/queue/reveal.ts) and the
// public verifier (scripts/verify-queue.mjs) run the very same code: they cannot drift apart.
import { createHash } from 'node:crypto';

/** sha256 of a UTF-8 string, lower-case hex. */
export function sha256Hex(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The published commitment of a seed: sha256(seed) in hex. */
export function seedHashOf(seed) {
  return sha256Hex(seed);
}

/** The sort key of one pre-start ticket: sha256(seed + ':' + ticketId) in hex. */
export function rankKey(seed, ticketId) {
  return sha256Hex(`${seed}:${ticketId}`);
}

/**
 * The admission order of the tickets taken before the start: ascending by rankKey (hex strings
 * of one length compare like the numbers they write), ties (never seen for sha256) by id. The
 * first id of the answer has rank 1.
 */
export function rankTickets(seed, ticketIds) {
  return ticketIds
    .map((id) => ({ id, key: rankKey(seed, id) }))
    .sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )
    .map(({ id }) => id);
}

/**
 * Checks a published waiting room: the seed matches the hash committed before the start, and the
 * published order of the pre-start tickets is the one the seed gives. `tickets` as
 * `GET /api/products/{sku}/queue/tickets` lists them (rank 1 first).
 */
export function verifyOrder({ seed, seedHash, tickets }) {
  const seedMatches = seedHashOf(seed) === seedHash;
  const order = rankTickets(seed, tickets);
  const firstDifference = order.findIndex((id, i) => id !== tickets[i]);
  return { seedMatches, order, orderMatches: firstDifference === -1, firstDifference };
}

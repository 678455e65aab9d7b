/** sha256 of a UTF-8 string, lower-case hex. */
export function sha256Hex(text: string): string;
/** The published commitment of a seed: sha256(seed) in hex. */
export function seedHashOf(seed: string): string;
/** The sort key of one pre-start ticket: sha256(seed + ':' + ticketId) in hex. */
export function rankKey(seed: string, ticketId: string): string;
/** The admission order of the pre-start tickets (the first has rank 1). */
export function rankTickets(seed: string, ticketIds: readonly string[]): string[];
/** Checks a published waiting room: seed against its hash, the published order against the seed's. */
export function verifyOrder(published: {
  seed: string;
  seedHash: string;
  tickets: readonly string[];
}): { seedMatches: boolean; order: string[]; orderMatches: boolean; firstDifference: number };

/**
 * The waiting room's proof of work, solved in the page: find a nonce such that
 * sha256(challenge + nonce) starts with `difficulty` zero bits. Web Crypto does the hashing; the
 * work is spread over batches so the page stays responsive and can show its progress.
 */

import { leadingZeroBits } from '@/lib/pow-bits';

export { leadingZeroBits };

const encoder = new TextEncoder();

/** sha256 of the UTF-8 bytes of `text`, through Web Crypto. */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** sha256 of `text` as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return Array.from(await sha256(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether `nonce` solves `challenge` at `difficulty` bits (the server's check, for tests). */
export async function solves(challenge: string, nonce: string, difficulty: number) {
  return leadingZeroBits(await sha256(challenge + nonce)) >= difficulty;
}

/** Hashes tried per batch: digests run in parallel, then the page gets a turn. */
const BATCH = 512;

export type PowProgress = {
  /** Hashes tried so far. */
  tried: number;
  /** Hashes a solution takes on average: 2^difficulty. */
  expected: number;
};

/**
 * Tries nonces "0", "1", … until one solves the challenge, reporting progress after each batch.
 * On average 2^difficulty hashes; difficulty 0 answers "0" at once. Rejects with the signal's
 * reason when aborted.
 */
export async function solveChallenge(
  challenge: string,
  difficulty: number,
  onProgress?: (progress: PowProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const expected = 2 ** difficulty;
  for (let start = 0; ; start += BATCH) {
    signal?.throwIfAborted();
    const nonces = Array.from({ length: BATCH }, (_, i) => String(start + i));
    const digests = await Promise.all(nonces.map((n) => sha256(challenge + n)));
    const found = digests.findIndex((d) => leadingZeroBits(d) >= difficulty);
    if (found >= 0) return nonces[found]!;
    onProgress?.({ tried: start + BATCH, expected });
    // A macrotask between batches: clicks, paints and the poll run meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The waiting room's proof-of-work measure, browser-safe: the server checks a join with it
 * (lib/queue/pow.ts) and the page's solver counts with it (components/queue/pow.ts).
 */

/** The zero bits at the start of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

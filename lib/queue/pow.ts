import { createHash, createHmac } from 'node:crypto';
import { leadingZeroBits } from '@/lib/pow-bits';
import type { StoreContext } from '@/lib/redis/client';

/** A challenge is good for this window and the one before it. */
const WINDOW_MS = 5 * 60_000;

/**
 * The proof-of-work challenge of one session for one queue: stateless (an HMAC of the product, the
 * shopper and a five-minute window under SESSION_SECRET), so nothing is stored per request and a
 * solution never serves another session.
 */
export function challengeFor(ctx: StoreContext, sku: string, shopperId: string, now: number) {
  const window = Math.floor(now / WINDOW_MS);
  const mac = createHmac('sha256', ctx.config.SESSION_SECRET)
    .update(`queue-pow:${sku}:${shopperId}:${window}`)
    .digest('base64url')
    .slice(0, 22);
  return `${window}.${mac}`;
}

/** True when sha256(challenge + nonce) has at least `difficulty` leading zero bits. */
export function solves(challenge: string, nonce: string, difficulty: number): boolean {
  const digest = createHash('sha256')
    .update(challenge + nonce, 'utf8')
    .digest();
  return leadingZeroBits(digest) >= difficulty;
}

/** The first nonce (decimal) that solves a challenge: what the page does with Web Crypto. */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) if (solves(challenge, String(n), difficulty)) return String(n);
}

export type Proof = 'ok' | 'pow_required' | 'pow_invalid';

/** Checks a join's nonce against this session's current or previous challenge. */
export function checkProof(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  nonce: string | undefined,
  difficulty: number,
  now: number,
): Proof {
  if (difficulty <= 0) return 'ok';
  if (!nonce) return 'pow_required';
  const current = challengeFor(ctx, sku, shopperId, now);
  const previous = challengeFor(ctx, sku, shopperId, now - WINDOW_MS);
  return solves(current, nonce, difficulty) || solves(previous, nonce, difficulty)
    ? 'ok'
    : 'pow_invalid';
}

import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { appContext } from '@/lib/redis/client';

/** Verified tokens, so a shopper's cookie is unsealed once, not on every purchase. */
const MEMO_MAX = 50_000;
const memo = new Map<string, { value: unknown; expiresAt: number }>();

/** Seals `value` into a tamper-proof, encrypted token (iron) valid for `ttlSeconds`. */
export function seal(value: unknown, ttlSeconds: number): Promise<string> {
  return sealData(value, { password: appContext().config.SESSION_SECRET, ttl: ttlSeconds });
}

/**
 * The value sealed in `token` if it is genuine, unexpired and matches `schema`; otherwise
 * undefined. Verified tokens are memoised (bounded) until shortly before they expire.
 */
export async function unseal<S extends z.ZodType>(
  token: string | undefined,
  schema: S,
  ttlSeconds: number,
): Promise<z.infer<S> | undefined> {
  if (!token || token.length > 4096) return undefined;
  const hit = memo.get(token);
  if (hit && hit.expiresAt > Date.now()) {
    const parsed = schema.safeParse(hit.value);
    return parsed.success ? parsed.data : undefined;
  }
  let value: unknown;
  try {
    value = await unsealData(token, {
      password: appContext().config.SESSION_SECRET,
      ttl: ttlSeconds,
    });
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return undefined;
  if (memo.size >= MEMO_MAX) memo.clear();
  // A token is trusted from memory for at most a minute, well inside its own lifetime.
  memo.set(token, { value, expiresAt: Date.now() + 60_000 });
  return parsed.data;
}

/** A `Set-Cookie` value. */
export function cookieHeader(
  name: string,
  value: string,
  options: { maxAge: number; sameSite: 'Lax' | 'Strict'; secure: boolean },
): string {
  const parts = [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    `Max-Age=${options.maxAge}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Whether cookies get `Secure`: the COOKIE_SECURE setting, or the request's own protocol. */
export function wantsSecure(https: boolean): boolean {
  const setting = appContext().config.COOKIE_SECURE;
  return setting === 'auto' ? https : setting === 'true';
}

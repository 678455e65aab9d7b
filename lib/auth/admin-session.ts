import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { appContext } from '@/lib/redis/client';
import { cookieHeader, seal, unseal, wantsSecure } from './sealed-token';

export const ADMIN_COOKIE = 'sr_admin';
const adminSchema = z.object({
  admin: z.literal(true),
  sid: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

const ttlSeconds = () => appContext().config.ADMIN_SESSION_TTL_S;

async function sessionIdOf(token: string | undefined): Promise<string | undefined> {
  // The seal proves the cookie is ours; the record in Redis decides whether it still counts.
  return (await unseal(token, adminSchema, ttlSeconds()))?.sid;
}

/**
 * True when `token` is a genuine admin cookie whose session record still exists: logout, "log out
 * everywhere" and expiry (the record's TTL) end a session at once, on every instance.
 */
export async function readAdminSession(token: string | undefined): Promise<boolean> {
  const sid = await sessionIdOf(token);
  if (!sid) return false;
  const { store, keys } = appContext();
  return (await store.exists(keys.adminSession(sid))) === 1;
}

/** Compares a login attempt with ADMIN_PASSWORD in constant time (hashes first: equal lengths). */
export function isAdminPassword(attempt: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(attempt), digest(appContext().config.ADMIN_PASSWORD));
}

/**
 * Starts an admin session: its record lives in Redis for `ttl` seconds, and the returned
 * `Set-Cookie` (HttpOnly, SameSite=Strict, Secure over https) carries its sealed id.
 */
export async function startAdminSession(https: boolean, ttl = ttlSeconds()): Promise<string> {
  const sid = randomBytes(16).toString('base64url');
  const { store, keys } = appContext();
  const now = Date.now();
  await store
    .multi()
    .set(keys.adminSession(sid), '1', 'EX', ttl)
    .zadd(keys.adminSessions, now + ttl * 1000, sid)
    .zremrangebyscore(keys.adminSessions, '-inf', now)
    .expire(keys.adminSessions, ttlSeconds())
    .exec();
  const token = await seal({ admin: true, sid }, ttl);
  return cookieHeader(ADMIN_COOKIE, token, {
    maxAge: ttl,
    sameSite: 'Strict',
    secure: wantsSecure(https),
  });
}

/** Ends the session of `token` (if it is one): its cookie stops working at once everywhere. */
export async function endAdminSession(token: string | undefined): Promise<void> {
  const sid = await sessionIdOf(token);
  if (!sid) return;
  const { store, keys } = appContext();
  await store.multi().del(keys.adminSession(sid)).zrem(keys.adminSessions, sid).exec();
}

/** Ends every admin session ("log out everywhere"). */
export async function endAllAdminSessions(): Promise<void> {
  const { store, keys } = appContext();
  const all = await store.zrange(keys.adminSessions, '0', '-1');
  const tx = store.multi();
  for (const sid of all) tx.del(keys.adminSession(sid));
  tx.del(keys.adminSessions);
  await tx.exec();
}

/** The `Set-Cookie` that removes the admin cookie from the browser. */
export function adminLogoutCookie(https: boolean): string {
  return cookieHeader(ADMIN_COOKIE, '', {
    maxAge: 0,
    sameSite: 'Strict',
    secure: wantsSecure(https),
  });
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
 * What a session record holds: the "log out everywhere" epoch it was started in, and a fingerprint
 * of ADMIN_PASSWORD (an HMAC under SESSION_SECRET, so the record never reveals the password).
 * Rotating the password or bumping the epoch makes every older record stop matching.
 */
function recordValue(epoch: string | null): string {
  const fingerprint = createHmac('sha256', appContext().config.SESSION_SECRET)
    .update(`admin-password:${appContext().config.ADMIN_PASSWORD}`)
    .digest('base64url')
    .slice(0, 22);
  return `${epoch ?? '0'}.${fingerprint}`;
}

/**
 * True when `token` is a genuine admin cookie whose session record still exists and still matches
 * the current epoch and password: logout, "log out everywhere", a new ADMIN_PASSWORD and expiry
 * (the record's TTL) end a session at once, on every instance.
 */
export async function readAdminSession(token: string | undefined): Promise<boolean> {
  const sid = await sessionIdOf(token);
  if (!sid) return false;
  const { store, keys } = appContext();
  const [record, epoch] = await store.mget(keys.adminSession(sid), keys.adminEpoch);
  return record === recordValue(epoch ?? null);
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
  // An epoch bumped after this read ends the new session too: the safe side of the race.
  const epoch = await store.get(keys.adminEpoch);
  // The index only ever lives longer (NX, then GT): a shorter session never cuts the older ones'.
  await store
    .multi()
    .set(keys.adminSession(sid), recordValue(epoch), 'EX', ttl)
    .zadd(keys.adminSessions, now + ttl * 1000, sid)
    .zremrangebyscore(keys.adminSessions, '-inf', now)
    .expire(keys.adminSessions, ttl, 'NX')
    .expire(keys.adminSessions, ttl, 'GT')
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

/**
 * Ends every admin session ("log out everywhere"): the epoch bump alone ends them all, whatever the
 * index still lists; the listed records are deleted as well.
 */
export async function endAllAdminSessions(): Promise<void> {
  const { store, keys } = appContext();
  const all = await store.zrange(keys.adminSessions, '0', '-1');
  const tx = store.multi().incr(keys.adminEpoch);
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

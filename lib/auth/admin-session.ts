import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import { config } from '@/lib/config';
import { cookieHeader, seal, unseal, wantsSecure } from './sealed-token';

export const ADMIN_COOKIE = 'sr_admin';
const TTL_SECONDS = 8 * 3600;
const adminSchema = z.object({ admin: z.literal(true) });

/** True when `token` is a genuine, unexpired admin session. */
export async function readAdminSession(token: string | undefined): Promise<boolean> {
  return (await unseal(token, adminSchema, TTL_SECONDS)) !== undefined;
}

/** Compares a login attempt with ADMIN_PASSWORD in constant time (hashes first: equal lengths). */
export function isAdminPassword(attempt: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(attempt), digest(config().ADMIN_PASSWORD));
}

/** The `Set-Cookie` of a new admin session: HttpOnly, SameSite=Strict, Secure over https. */
export async function adminLoginCookie(https: boolean): Promise<string> {
  const token = await seal({ admin: true }, TTL_SECONDS);
  return cookieHeader(ADMIN_COOKIE, token, {
    maxAge: TTL_SECONDS,
    sameSite: 'Strict',
    secure: wantsSecure(https),
  });
}

/** The `Set-Cookie` that ends the admin session. */
export function adminLogoutCookie(https: boolean): string {
  return cookieHeader(ADMIN_COOKIE, '', {
    maxAge: 0,
    sameSite: 'Strict',
    secure: wantsSecure(https),
  });
}

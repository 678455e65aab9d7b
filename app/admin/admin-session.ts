import { cookies } from 'next/headers';
import { ADMIN_COOKIE, readAdminSession } from '@/lib/auth/admin-session';

/** True when this page request carries a valid admin session cookie. */
export async function isAdminRequest(): Promise<boolean> {
  const token = (await cookies()).get(ADMIN_COOKIE)?.value;
  // The store being away is not a session: the login page says what is wrong.
  return readAdminSession(token).catch(() => false);
}

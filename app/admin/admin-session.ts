import { cookies } from 'next/headers';
import { ADMIN_COOKIE, readAdminSession } from '@/lib/auth/admin-session';

/** True when this page request carries a valid admin session cookie. */
export async function isAdminRequest(): Promise<boolean> {
  return readAdminSession((await cookies()).get(ADMIN_COOKIE)?.value);
}

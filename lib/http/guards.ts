import { ADMIN_COOKIE, readAdminSession } from '@/lib/auth/admin-session';
import { readShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import { skuSchema } from '@/lib/api-schemas';
import { RefusalError } from './handler';
import { assertSameOrigin, readCookie } from './request';
import { errorJson } from './responses';

/** The shopper of a state-changing shopper request: origin first, then the session (401). */
export async function requireShopper(request: Request): Promise<string> {
  assertSameOrigin(request);
  const shopperId = await readShopper(readCookie(request, SHOPPER_COOKIE));
  if (!shopperId) {
    throw new RefusalError(
      errorJson(401, 'no_session', 'Start a shopper session first (POST /api/session).'),
    );
  }
  return shopperId;
}

/** Checks an admin request: origin for state changes, then the admin session (401). */
export async function requireAdmin(request: Request): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
  if (!(await readAdminSession(readCookie(request, ADMIN_COOKIE)))) {
    throw new RefusalError(errorJson(401, 'unauthorized', 'Log in as admin first.'));
  }
}

/** The SKU of a path; anything that cannot be a SKU is a 404, like an unknown one. */
export async function skuParam(params: Promise<{ sku: string }>): Promise<string> {
  const { sku } = await params;
  const parsed = skuSchema.safeParse(sku);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** 404 `not_found` for an unknown SKU. */
export function notFound(): RefusalError {
  return new RefusalError(errorJson(404, 'not_found', 'No product has this SKU.'));
}

/** 429 `rate_limited` with Retry-After. */
export function rateLimited(seconds: number, what: string): RefusalError {
  return new RefusalError(
    errorJson(429, 'rate_limited', `${what}; try again in ${seconds} s.`, {
      headers: { 'retry-after': String(seconds) },
    }),
  );
}

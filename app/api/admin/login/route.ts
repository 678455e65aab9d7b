import { isAdminPassword, startAdminSession } from '@/lib/auth/admin-session';
import { ADMIN_ACCOUNT, consume, refund } from '@/lib/auth/rate-limits';
import { handle } from '@/lib/http/handler';
import { rateLimited } from '@/lib/http/guards';
import { assertSameOrigin, clientIp, isHttps, readJson } from '@/lib/http/request';
import { errorJson, noContent } from '@/lib/http/responses';
import { loginBodySchema } from '@/lib/api-schemas';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const { password } = await readJson(request, loginBodySchema);
  // Counted before the password is checked, so concurrent guesses cannot all get through; a
  // success gives its points back. Once the account's allowance (all addresses together) is spent,
  // an address gets only LOGIN_STRAINED_RATE_POINTS attempts per window: guessing slows down, while
  // the admin, from an address that has not spent that, still gets in with the right password.
  const ip = clientIp(request);
  const ipWait = await consume('login', ip);
  if (ipWait > 0) throw rateLimited(ipWait, 'Too many login attempts');
  const strained = (await consume('loginAccount', ADMIN_ACCOUNT)) > 0;
  const strainedWait = strained ? await consume('loginStrained', ip) : 0;
  if (strainedWait > 0) throw rateLimited(strainedWait, 'Too many login attempts');
  if (!isAdminPassword(password)) return errorJson(401, 'unauthorized', 'Wrong password.');
  await Promise.all([
    refund('login', ip),
    refund('loginAccount', ADMIN_ACCOUNT),
    strained ? refund('loginStrained', ip) : undefined,
  ]);
  return noContent({ 'set-cookie': await startAdminSession(isHttps(request)) });
});

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
  // success gives its points back.
  const ip = clientIp(request);
  const wait = (await consume('login', ip)) || (await consume('loginAccount', ADMIN_ACCOUNT));
  if (wait > 0) throw rateLimited(wait, 'Too many login attempts');
  if (!isAdminPassword(password)) return errorJson(401, 'unauthorized', 'Wrong password.');
  await Promise.all([refund('login', ip), refund('loginAccount', ADMIN_ACCOUNT)]);
  return noContent({ 'set-cookie': await startAdminSession(isHttps(request)) });
});

import { adminLoginCookie, isAdminPassword } from '@/lib/auth/admin-session';
import { loginWaitSeconds, recordFailedLogin } from '@/lib/auth/login-limiter';
import { handle } from '@/lib/http/handler';
import { assertSameOrigin, clientIp, isHttps, readJson } from '@/lib/http/request';
import { errorJson, noContent } from '@/lib/http/responses';
import { loginBodySchema } from '@/lib/http/schemas';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const ip = clientIp(request);
  const wait = await loginWaitSeconds(ip);
  if (wait > 0) {
    return errorJson(429, 'rate_limited', `Too many failed logins; try again in ${wait} s.`, {
      headers: { 'retry-after': String(wait) },
    });
  }
  const { password } = await readJson(request, loginBodySchema);
  if (!isAdminPassword(password)) {
    await recordFailedLogin(ip);
    return errorJson(401, 'unauthorized', 'Wrong password.');
  }
  return noContent({ 'set-cookie': await adminLoginCookie(isHttps(request)) });
});

import { adminLogoutCookie } from '@/lib/auth/admin-session';
import { handle } from '@/lib/http/handler';
import { assertSameOrigin, isHttps } from '@/lib/http/request';
import { noContent } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  return noContent({ 'set-cookie': adminLogoutCookie(isHttps(request)) });
});

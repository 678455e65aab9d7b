import {
  ADMIN_COOKIE,
  adminLogoutCookie,
  endAdminSession,
  endAllAdminSessions,
} from '@/lib/auth/admin-session';
import { handle } from '@/lib/http/handler';
import { requireAdmin } from '@/lib/http/guards';
import { assertSameOrigin, isHttps, readCookie, readJson } from '@/lib/http/request';
import { noContent } from '@/lib/http/responses';
import { logoutBodySchema } from '@/lib/api-schemas';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const { everywhere } = await readJson(request, logoutBodySchema, { emptyAsObject: true });
  if (everywhere) {
    // Only a live admin session may end every other one.
    await requireAdmin(request);
    await endAllAdminSessions();
  } else {
    await endAdminSession(readCookie(request, ADMIN_COOKIE));
  }
  return noContent({ 'set-cookie': adminLogoutCookie(isHttps(request)) });
});

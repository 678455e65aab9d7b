import { ensureShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import { handle } from '@/lib/http/handler';
import { assertSameOrigin, isHttps, readCookie } from '@/lib/http/request';
import { json } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const session = await ensureShopper(readCookie(request, SHOPPER_COOKIE), isHttps(request));
  return json({ shopperId: session.shopperId }, 200, { 'set-cookie': session.setCookie });
});

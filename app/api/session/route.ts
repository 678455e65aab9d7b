import { consume } from '@/lib/auth/rate-limits';
import { ensureShopper, readShopper, SHOPPER_COOKIE } from '@/lib/auth/shopper-session';
import { handle } from '@/lib/http/handler';
import { rateLimited } from '@/lib/http/guards';
import { assertSameOrigin, clientIp, isHttps, readCookie } from '@/lib/http/request';
import { json } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const token = readCookie(request, SHOPPER_COOKIE);
  // Only a new session counts: minting sessions is how a script would beat the per-shopper limit.
  if (!(await readShopper(token))) {
    const wait = await consume('session', clientIp(request));
    if (wait > 0) throw rateLimited(wait, 'Too many new sessions from this address');
  }
  const session = await ensureShopper(token, isHttps(request));
  return json({ shopperId: session.shopperId }, 200, { 'set-cookie': session.setCookie });
});

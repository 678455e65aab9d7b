import { NextResponse, type NextRequest } from 'next/server';
import { pageCsp } from '@/lib/http/security-headers';

/**
 * Gives every page a fresh CSP nonce: Next reads it from the request's CSP header and puts it on
 * the scripts it renders; the browser gets the same policy. API routes and static files skip this
 * (their headers are static, in next.config.js), so purchases pay nothing for it. Prefetches
 * (`Purpose: prefetch`, `Next-Router-Prefetch: 1`) pass too: they can be whole HTML pages.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)'],
};

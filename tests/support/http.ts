import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { POST as login } from '@/app/api/admin/login/route';
import { POST as startSession } from '@/app/api/session/route';
import { appContext } from '@/lib/redis/client';
import { normalizeForwarded, parseTrustProxy } from '@/lib/http/edge';

export const BASE = 'http://localhost:3000';

/** The params argument Next passes to a dynamic route handler. */
export function params(sku: string) {
  return { params: Promise.resolve({ sku }) };
}

/** A client address of its own, so per-address limits of one test never meet another's. */
export function randomPeer(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export type ReqInit = RequestInit & {
  json?: unknown;
  /** The socket's address (default: a random one); its X-Forwarded-* count only if trusted. */
  peer?: string;
  /** Whether the socket was TLS. */
  encrypted?: boolean;
  /** The Origin a browser on the site sends with a state change (default APP_ORIGIN or BASE); null: none. */
  origin?: string | null;
};

/**
 * A Request to the app as the server would hand it to a route: JSON by default, with the Host of
 * BASE, a state change with the site's own Origin (as a browser on the site sends it), and its
 * forwarded headers normalised by the edge (lib/http/edge.ts) for `peer` under the
 * configured TRUST_PROXY.
 */
export function req(path: string, init: ReqInit = {}): Request {
  const { json, peer = randomPeer(), encrypted = false, ...rest } = init;
  const origin = init.origin === undefined ? (appContext().config.APP_ORIGIN ?? BASE) : init.origin;
  const headers = new Headers(rest.headers);
  const method = (rest.method ?? 'GET').toUpperCase();
  if (origin !== null && method !== 'GET' && method !== 'HEAD' && !headers.has('origin'))
    headers.set('origin', origin);
  if (json !== undefined) headers.set('content-type', 'application/json');
  if (!headers.has('host')) headers.set('host', 'localhost:3000');
  const raw: Record<string, string | string[] | undefined> = Object.fromEntries(headers);
  normalizeForwarded(
    raw,
    { remoteAddress: peer, encrypted },
    parseTrustProxy(appContext().config.TRUST_PROXY),
  );
  return new Request(`${BASE}${path}`, {
    ...rest,
    headers: raw as Record<string, string>,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
}

/** A shopper cookie header value from POST /api/session. */
export async function shopperCookie(): Promise<string> {
  const res = await startSession(req('/api/session', { method: 'POST' }));
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** An admin cookie header value from POST /api/admin/login (HttpOnly, SameSite=Strict). */
export async function adminCookie(): Promise<string> {
  const res = await login(
    req('/api/admin/login', {
      method: 'POST',
      json: { password: appContext().config.ADMIN_PASSWORD },
    }),
  );
  expect(res.status).toBe(204);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

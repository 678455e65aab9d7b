import { POST as startSession } from '@/app/api/session/route';

export const BASE = 'http://localhost:3000';

/** The params argument Next passes to a dynamic route handler. */
export function params(sku: string) {
  return { params: Promise.resolve({ sku }) };
}

/** A Request to the app, JSON by default. */
export function req(path: string, init: RequestInit & { json?: unknown } = {}): Request {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  headers.set('host', 'localhost:3000');
  return new Request(`${BASE}${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
}

/** A shopper cookie header value from POST /api/session. */
export async function shopperCookie(): Promise<string> {
  const res = await startSession(req('/api/session', { method: 'POST' }));
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

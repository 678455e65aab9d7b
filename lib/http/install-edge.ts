import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '@/lib/config';
import {
  ALLOWED_METHODS,
  edgeInstalled,
  edgeRefusal,
  edgeSecret,
  normalizeForwarded,
  parseTrustProxy,
} from './edge';

type RequestStart = { request: IncomingMessage; server: Server };
type Listener = (request: IncomingMessage, response: ServerResponse) => void;

const guarded = new WeakSet<Server>();

/** Puts the edge's refusals in front of the server's own request listeners (once per server). */
function guard(server: Server, appOrigin: string | undefined): void {
  if (guarded.has(server)) return;
  guarded.add(server);
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers['x-forwarded-host'];
    const refusal = edgeRefusal(request.method, request.url, {
      value: Array.isArray(host) ? host[0] : host,
      appOrigin,
    });
    if (!refusal) {
      for (const listener of listeners) listener.call(server, request, response);
      return;
    }
    const body = JSON.stringify({
      error: { code: refusal.code, message: refusal.message, issues: [] },
    });
    response.writeHead(refusal.status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(refusal.status === 405 ? { allow: ALLOWED_METHODS.join(', ') } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
}

/**
 * The edge of every server of this process. Node publishes `http.server.request.start`
 * synchronously before the `request` event, so the first request of a server already passes it:
 * its forwarded headers are normalised for Next (trusting whom `cfg.TRUST_PROXY` names), and what
 * Next would answer with a 500 is refused.
 */
export function installEdge(cfg: Pick<Config, 'TRUST_PROXY' | 'APP_ORIGIN'>): void {
  if (edgeInstalled()) return;
  const trust = parseTrustProxy(cfg.TRUST_PROXY);
  const appOrigin = cfg.APP_ORIGIN;
  edgeSecret();
  subscribe('http.server.request.start', (message) => {
    const { request, server } = message as RequestStart;
    normalizeForwarded(request.headers, request.socket as Partial<TLSSocket>, trust);
    guard(server, appOrigin);
  });
}

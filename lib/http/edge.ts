import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The edge of the server: before Next sees a request, its `X-Forwarded-*` headers are replaced by
 * what this process itself decided from the socket (and from a trusted proxy's headers only).
 * Next fills missing `X-Forwarded-*` headers but keeps a client's own, so without this step any
 * client could choose its address, host and scheme.
 */

/** Whose forwarded headers count: nobody, a proxy on loopback, or listed addresses. */
export type TrustProxy = { loopback: boolean; addresses: ReadonlySet<string> };

/** Marks a request normalised by this process; its value is a per-process secret. */
export const EDGE_HEADER = 'x-stockrush-edge';

const FORWARDED = ['forwarded', 'x-real-ip', 'x-forwarded-port'];

/** Parses TRUST_PROXY: `false`, `loopback`, or a comma-separated list of addresses. */
export function parseTrustProxy(value: string): TrustProxy {
  if (value === 'false') return { loopback: false, addresses: new Set() };
  if (value === 'loopback') return { loopback: true, addresses: new Set() };
  return { loopback: false, addresses: new Set(value.split(',').map(plainAddress)) };
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything else as is. */
export function plainAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/** True for a loopback address (127.0.0.0/8, ::1). */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}

/** The name part of a `Host` value (`[::1]:3000` → `::1`, `Shop.example:80` → `shop.example`). */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\]/.exec(lower);
  return bracketed ? bracketed[1]! : lower.replace(/:\d*$/, '');
}

/**
 * True when `host` names this machine by itself (`localhost`, a 127.x address, `[::1]`), never a
 * DNS name that merely resolves to it: a DNS-rebinding page on this machine sends its own name.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = hostName(host);
  return name === 'localhost' || isLoopback(name);
}

/**
 * True when `host` may reach the app: any host without APP_ORIGIN, else the configured one's or a
 * loopback name (health checks and a local operator on this machine).
 */
export function isServedHost(host: string | undefined, appOrigin: string | undefined): boolean {
  if (!appOrigin) return true;
  if (isLoopbackHost(host)) return true;
  const own = new URL(appOrigin);
  const given = host?.trim().toLowerCase();
  const defaultPort = own.protocol === 'https:' ? '443' : '80';
  return given === own.host || given === `${own.hostname}:${defaultPort}`;
}

function isTrusted(address: string, trust: TrustProxy): boolean {
  return (trust.loopback && isLoopback(address)) || trust.addresses.has(address);
}

const secretRef = globalThis as typeof globalThis & { __stockrushEdgeSecret?: string };

/** The per-process secret of EDGE_HEADER, shared by every bundle of this process through globalThis. */
export function edgeSecret(): string {
  secretRef.__stockrushEdgeSecret ??= randomBytes(16).toString('hex');
  return secretRef.__stockrushEdgeSecret;
}

/** True once this process normalises incoming requests (see installEdge). */
export function edgeInstalled(): boolean {
  return secretRef.__stockrushEdgeSecret !== undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  const head = text?.split(',')[0]?.trim();
  return head ? head : undefined;
}

/**
 * Rewrites `headers` in place: `x-forwarded-for` becomes the one client address (the socket's, or
 * from a trusted proxy's list the nearest hop that is not itself trusted), `x-forwarded-proto` and
 * `-host` the scheme and host (a trusted proxy's, else the socket's and `Host`), and EDGE_HEADER
 * proves that this process did it. Any other forwarding header from the client is dropped.
 */
export function normalizeForwarded(
  headers: Record<string, string | string[] | undefined>,
  socket: { remoteAddress?: string | undefined; encrypted?: boolean | undefined },
  trust: TrustProxy,
): void {
  const peer = plainAddress(socket.remoteAddress ?? 'unknown');
  const viaProxy = isTrusted(peer, trust);
  let client = peer;
  let proto = socket.encrypted ? 'https' : 'http';
  let host = first(headers.host);
  if (viaProxy) {
    const raw = headers['x-forwarded-for'];
    const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
      .split(',')
      .map(plainAddress)
      .filter((hop) => hop !== '');
    // Right to left: the nearest hop that is not a trusted proxy is the client.
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i]!;
      if (!isTrusted(client, trust)) break;
    }
    const forwardedProto = first(headers['x-forwarded-proto'])?.toLowerCase();
    if (forwardedProto === 'https' || forwardedProto === 'http') proto = forwardedProto;
    host = first(headers['x-forwarded-host']) ?? host;
  }
  for (const name of FORWARDED) delete headers[name];
  headers['x-forwarded-for'] = client;
  headers['x-forwarded-proto'] = proto;
  if (host) headers['x-forwarded-host'] = host;
  else delete headers['x-forwarded-host'];
  headers[EDGE_HEADER] = edgeSecret();
}

/** What the edge decided about a request, or undefined when the request did not pass it. */
export type EdgeView = { client: string; proto: 'http' | 'https'; host: string | undefined };

/** The edge's decision carried by `request`, checked against this process's secret. */
export function edgeView(request: Request): EdgeView | undefined {
  const h = request.headers;
  if (!edgeInstalled() || h.get(EDGE_HEADER) !== edgeSecret()) return undefined;
  return {
    client: h.get('x-forwarded-for') ?? 'unknown',
    proto: h.get('x-forwarded-proto') === 'https' ? 'https' : 'http',
    host: h.get('x-forwarded-host') ?? h.get('host') ?? undefined,
  };
}

/** Methods the app answers; anything else (TRACE, TRACK, CONNECT, …) is refused at the edge. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

/** An answer the edge gives itself, before Next: a client's mistake, never a stack trace. */
export type EdgeRefusal = {
  status: 400 | 405;
  code: 'invalid_request' | 'method_not_allowed';
  message: string;
};

/**
 * Refuses what Next would turn into a 500: a method the Fetch API cannot represent (Next builds a
 * `Request` of every call and TRACE throws there), and a path whose percent-encoding is malformed;
 * and, given `host`, a request for a host that is not the app's (see isServedHost).
 */
export function edgeRefusal(
  method: string | undefined,
  url: string | undefined,
  host?: { value: string | undefined; appOrigin: string | undefined },
): EdgeRefusal | undefined {
  if (!method || !ALLOWED_METHODS.includes(method)) {
    return { status: 405, code: 'method_not_allowed', message: 'This method is not supported.' };
  }
  // With APP_ORIGIN set, a request for any other host (a DNS-rebinding page, a stray vhost) is
  // not served at all.
  if (host && !isServedHost(host.value, host.appOrigin)) {
    return {
      status: 400,
      code: 'invalid_request',
      message: 'This server does not serve this host.',
    };
  }
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  try {
    decodeURIComponent(path);
  } catch {
    return {
      status: 400,
      code: 'invalid_request',
      message: 'The path is not valid percent-encoding.',
    };
  }
  return undefined;
}

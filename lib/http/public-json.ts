import { createHash } from 'node:crypto';
import { appContext } from '@/lib/redis/client';

/** A public read, serialised once: the exact bytes sent and their validator. */
export type PublicBody = { text: string; etag: string };

/** Serialises `body` and gives it a weak ETag (weak: a proxy may gzip it and keep the validator). */
export function toPublicBody(body: unknown): PublicBody {
  const text = JSON.stringify(body);
  const digest = createHash('sha1').update(text).digest('base64url').slice(0, 22);
  return { text, etag: `W/"${digest}"` };
}

/** True when an `If-None-Match` header names `etag` (weak comparison, RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return ifNoneMatch.split(',').some((tag) => bare(tag) === wanted);
}

/**
 * The Cache-Control of every public read: browsers revalidate each time (max-age=0, a 304 when
 * nothing changed), shared caches (nginx, a CDN) keep it POLL_CACHE_S and may serve it
 * POLL_STALE_S longer while they fetch the next one.
 */
export function publicCacheControl(): string {
  const { POLL_CACHE_S, POLL_STALE_S } = appContext().config;
  return `public, max-age=0, s-maxage=${POLL_CACHE_S}, stale-while-revalidate=${POLL_STALE_S}`;
}

/**
 * nginx keeps a copy for whole seconds and counts a copy of `s-maxage=1` made at 10.9 s as fresh
 * until 12.0 s: up to twice the lifetime. `X-Accel-Expires: @<unix second>` (nginx-only, never
 * sent on to clients) ends it with the last second s-maxage allows, so no copy outlives it.
 */
export function accelExpires(nowMs: number): string {
  const { POLL_CACHE_S } = appContext().config;
  return POLL_CACHE_S === 0 ? '0' : `@${Math.floor(nowMs / 1000) + POLL_CACHE_S - 1}`;
}

/**
 * A public, cacheable JSON answer with an ETag, or a bodiless 304 when the request's
 * `If-None-Match` already names it. Never for anything that depends on the shopper.
 */
export function publicJson(request: Request, data: PublicBody): Response {
  const headers = {
    'cache-control': publicCacheControl(),
    etag: data.etag,
    'x-accel-expires': accelExpires(Date.now()),
  };
  if (matchesEtag(request.headers.get('if-none-match'), data.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(data.text, {
    status: 200,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}

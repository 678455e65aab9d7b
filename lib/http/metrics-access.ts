import { createHash, timingSafeEqual } from 'node:crypto';
import { appContext } from '@/lib/redis/client';
import { RefusalError } from './handler';
import { clientIp } from './request';
import { errorJson } from './responses';

const digest = (text: string) => createHash('sha256').update(text).digest();

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}

/**
 * Metrics reveal the runtime and the sale's figures: with METRICS_TOKEN set they need
 * `Authorization: Bearer <token>`; without it only a client on this machine may read them.
 */
export function requireMetricsAccess(request: Request): void {
  const token = appContext().config.METRICS_TOKEN;
  if (token) {
    const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    if (timingSafeEqual(digest(given), digest(token))) return;
    throw new RefusalError(
      errorJson(401, 'unauthorized', 'Metrics need Authorization: Bearer <METRICS_TOKEN>.', {
        headers: { 'www-authenticate': 'Bearer' },
      }),
    );
  }
  if (!isLoopback(clientIp(request))) {
    throw new RefusalError(
      errorJson(403, 'forbidden', 'Metrics answer this machine only (or set METRICS_TOKEN).'),
    );
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { appContext } from '@/lib/redis/client';
import { RefusalError } from './handler';
import { edgeView, isLoopback, isLoopbackHost } from './edge';
import { clientIp } from './request';
import { errorJson } from './responses';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Metrics reveal the runtime and the sale's figures: with METRICS_TOKEN set they need
 * `Authorization: Bearer <token>`; without it only a client on this machine, asking for this
 * machine by a loopback name (`localhost`, 127.0.0.1, [::1]), may read them.
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
  // A client on this machine counts only when it also names this machine: a DNS-rebinding page in
  // a local browser reaches loopback under its own host name.
  if (!isLoopback(clientIp(request)) || !isLoopbackHost(edgeView(request)?.host)) {
    throw new RefusalError(
      errorJson(403, 'forbidden', 'Metrics answer this machine only (or set METRICS_TOKEN).'),
    );
  }
}

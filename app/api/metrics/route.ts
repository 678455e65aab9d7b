import { handle } from '@/lib/http/handler';
import { requireMetricsAccess } from '@/lib/http/metrics-access';
import { aggregatedMetrics } from '@/lib/metrics-aggregate';

export const dynamic = 'force-dynamic';

/** Every live instance's metrics added up (lib/metrics-aggregate.ts): any instance answers alike. */
export const GET = handle(async (request: Request) => {
  requireMetricsAccess(request);
  const { text, contentType } = await aggregatedMetrics();
  return new Response(text, {
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  });
});

import { handle } from '@/lib/http/handler';
import { requireMetricsAccess } from '@/lib/http/metrics-access';
import { metrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  requireMetricsAccess(request);
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
});

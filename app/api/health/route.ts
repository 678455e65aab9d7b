import { checkHealth } from '@/lib/health';
import { json } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const up = await checkHealth();
  return up
    ? json({ status: 'ok', redis: 'ok' })
    : json({ status: 'degraded', redis: 'down' }, 503, { 'retry-after': '1' });
}

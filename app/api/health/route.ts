import { checkHealth, durabilityMet, readReplication } from '@/lib/health';
import { json } from '@/lib/http/responses';
import { appContext } from '@/lib/redis/client';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const ctx = appContext();
  const [up, replication] = await Promise.all([checkHealth(ctx), readReplication(ctx)]);
  const met = up && durabilityMet(ctx, replication);
  const durability = { mode: ctx.config.DURABILITY, met, ...replication };
  if (!up) {
    return json({ status: 'degraded', redis: 'down', durability }, 503, { 'retry-after': '1' });
  }
  return json({ status: met ? 'ok' : 'degraded', redis: 'ok', durability });
}

import { healthReport } from '@/lib/health';
import { json } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { up, body } = await healthReport();
  return up ? json(body) : json(body, 503, { 'retry-after': '1' });
}

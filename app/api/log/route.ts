import { readLog } from '@/lib/activity/read-log';
import { handle } from '@/lib/http/handler';
import { parseWith } from '@/lib/http/request';
import { json } from '@/lib/http/responses';
import { logQuerySchema } from '@/lib/http/schemas';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { limit, sku } = parseWith(logQuerySchema, query, 'query');
  return json({ entries: await readLog(limit, sku) });
});

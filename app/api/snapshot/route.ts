import { handle } from '@/lib/http/handler';
import { publicJson } from '@/lib/http/public-json';
import { parseWith } from '@/lib/http/request';
import { logQuerySchema } from '@/lib/api-schemas';
import { snapshotBody } from '@/lib/public-reads';

export const dynamic = 'force-dynamic';

/** What the storefront shows, in one cacheable answer: one request per poll, 304 when unchanged. */
export const GET = handle(async (request: Request) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { limit, sku } = parseWith(logQuerySchema, query, 'query');
  return publicJson(request, await snapshotBody(limit, sku));
});

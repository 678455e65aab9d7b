import { handle } from '@/lib/http/handler';
import { skuParam } from '@/lib/http/guards';
import { readingShopper } from '@/lib/http/queue-responses';
import { errorJson, json } from '@/lib/http/responses';
import { readTicket } from '@/lib/queue/ticket';
import { appContext } from '@/lib/redis/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The session's own ticket (private, never cached): its rank is read once by the page. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await readingShopper(request);
  const ticket = await readTicket(appContext(), await skuParam(ctx.params), shopperId);
  if (!ticket) return errorJson(404, 'no_ticket', 'This session has no ticket for this queue.');
  return json({ ticket });
});

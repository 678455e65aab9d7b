import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { readingShopper } from '@/lib/http/queue-responses';
import { json } from '@/lib/http/responses';
import { challengeFor } from '@/lib/queue/pow';
import { currentView } from '@/lib/queue/status';
import { appContext } from '@/lib/redis/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The session's proof-of-work challenge and the bits the queue asks for (private). */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await readingShopper(request);
  const sku = await skuParam(ctx.params);
  const store = appContext();
  const view = await currentView(store, sku);
  if (!view.product) throw notFound();
  return json({
    // The window by the store's clock (the view's read), as the join that checks it uses.
    challenge: challengeFor(store, sku, shopperId, view.at),
    difficulty: view.record.powDifficulty,
  });
});

import { handle } from '@/lib/http/handler';
import { notFound, requireShopper, skuParam } from '@/lib/http/guards';
import { readJson } from '@/lib/http/request';
import { errorJson, json } from '@/lib/http/responses';
import { queueJoinBodySchema } from '@/lib/api-schemas';
import { joinQueue } from '@/lib/queue/join';
import { appContext } from '@/lib/redis/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Takes the session's one ticket (a repeat answers the same one). */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const shopperId = await requireShopper(request);
  const sku = await skuParam(ctx.params);
  const { nonce } = await readJson(request, queueJoinBodySchema, { emptyAsObject: true });
  const result = await joinQueue(appContext(), sku, shopperId, { nonce });
  if (result.ok) return json({ ticket: result.ticket });
  switch (result.reason) {
    case 'not_found':
      throw notFound();
    case 'queue_not_open':
      return json(
        {
          error: {
            code: 'queue_not_open',
            message: 'This waiting room is not open to join now.',
            issues: [],
          },
          state: result.state,
        },
        409,
      );
    case 'pow_required':
      return errorJson(
        403,
        'pow_required',
        'Solve the challenge first (GET …/queue/challenge) and send its nonce.',
      );
    case 'pow_invalid':
      return errorJson(403, 'pow_invalid', 'The nonce does not solve this session’s challenge.');
  }
});

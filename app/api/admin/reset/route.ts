import { handle } from '@/lib/http/handler';
import { requireAdmin } from '@/lib/http/guards';
import { noContent } from '@/lib/http/responses';
import { resetStore } from '@/lib/inventory/demo';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  await requireAdmin(request);
  await resetStore();
  return noContent();
});

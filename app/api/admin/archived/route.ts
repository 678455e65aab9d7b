import { handle } from '@/lib/http/handler';
import { requireAdmin } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { listArchived } from '@/lib/inventory/retire';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  await requireAdmin(request);
  return json({ products: await listArchived() });
});

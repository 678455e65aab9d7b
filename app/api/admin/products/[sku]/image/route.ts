import { handle, RefusalError } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { errorJson, json } from '@/lib/http/responses';
import { formatCount } from '@/lib/format';
import { readImageBody } from '@/lib/http/image-body';
import { saveImage, sniffImageType } from '@/lib/inventory/image';
import { LIMITS } from '@/lib/limits';

export const dynamic = 'force-dynamic';

/** Sets a product's image: the raw bytes of a PNG, JPEG or WebP up to LIMITS.imageBytes. */
export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const bytes = await readImageBody(request);
  const type = sniffImageType(bytes);
  if (!type) {
    const message = `A PNG, JPEG or WebP image of at most ${formatCount(LIMITS.imageBytes / 1024)} KiB.`;
    throw new RefusalError(
      errorJson(400, 'invalid_request', message, { issues: [{ path: 'image', message }] }),
    );
  }
  const product = await saveImage(sku, bytes, type);
  if (!product) throw notFound();
  return json(product);
});

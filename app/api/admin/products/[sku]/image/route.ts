import { handle, RefusalError } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { errorJson, json } from '@/lib/http/responses';
import { formatCount } from '@/lib/format';
import { readImageBody } from '@/lib/http/image-body';
import { imageSize, saveImage, sniffImageType } from '@/lib/inventory/image';
import { LIMITS } from '@/lib/limits';

export const dynamic = 'force-dynamic';

function invalidImage(message: string): RefusalError {
  return new RefusalError(
    errorJson(400, 'invalid_request', message, { issues: [{ path: 'image', message }] }),
  );
}

/**
 * Sets a product's image: the raw bytes of a PNG, JPEG or WebP up to LIMITS.imageBytes whose
 * header declares at most LIMITS.imagePixels (width × height).
 */
export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const bytes = await readImageBody(request);
  const type = sniffImageType(bytes);
  if (!type) {
    throw invalidImage(
      `A PNG, JPEG or WebP image of at most ${formatCount(LIMITS.imageBytes / 1024)} KiB.`,
    );
  }
  const size = imageSize(bytes, type);
  if (!size || size.width * size.height > LIMITS.imagePixels || !size.width || !size.height) {
    throw invalidImage(
      `An image of at most ${formatCount(LIMITS.imagePixels)} pixels (width × height), with a readable size.`,
    );
  }
  const product = await saveImage(sku, bytes, type);
  if (!product) throw notFound();
  return json(product);
});

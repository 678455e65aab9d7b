import { handle } from '@/lib/http/handler';
import { notFound, skuParam } from '@/lib/http/guards';
import { matchesEtag } from '@/lib/http/public-json';
import { readImage } from '@/lib/inventory/image';

export const dynamic = 'force-dynamic';

/**
 * A product's image. The URL the product carries names the version (`?v=`), so that answer is
 * cacheable for a year; without it (or with an old one), a minute. Served as an image only:
 * `nosniff` and a CSP that runs nothing, whatever the bytes.
 */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  const sku = await skuParam(ctx.params);
  const image = await readImage(sku);
  if (!image) throw notFound();
  const etag = `"${image.etag}"`;
  const versioned = new URL(request.url).searchParams.get('v') === image.etag;
  const headers = {
    'content-type': image.type,
    etag,
    'cache-control': versioned
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
  };
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(image.bytes), { status: 200, headers });
});

import { createHash } from 'node:crypto';
import type { Product } from '@/lib/api-types';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { writeProduct } from './catalogue';
import { toProduct } from './product';
import { stockChanged } from './stock-events';

/** The image types a product may have, by the bytes they start with (never by a header alone). */
const SIGNATURES: { type: ImageType; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/webp',
    test: (b) => b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP',
  },
];

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';
export const IMAGE_TYPES: ImageType[] = ['image/png', 'image/jpeg', 'image/webp'];

/** The type of an image from its first bytes, or undefined for anything else. */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  return SIGNATURES.find((s) => s.test(bytes))?.type;
}

export type StoredImage = { type: ImageType; etag: string; bytes: Buffer };

/**
 * Stores a product's image (bytes already checked by type and size) in its hash slot, and its
 * version on the product, in one watched transaction. Undefined when the product does not exist.
 */
export async function saveImage(
  sku: string,
  bytes: Buffer,
  type: ImageType,
  ctx: StoreContext = appContext(),
): Promise<Product | undefined> {
  const { keys, config } = ctx;
  const version = createHash('sha1').update(bytes).digest('base64url').slice(0, 16);
  const record = await writeProduct(ctx, sku, ({ existing }) => {
    if (!existing) return { write: false, value: undefined };
    return {
      write: true,
      value: { ...existing, image: version },
      queue(tx) {
        tx.hset(keys.image(sku), { type, etag: version, bytes });
        tx.hset(keys.product(sku), 'image', version);
      },
    };
  });
  if (!record) return undefined;
  await stockChanged(ctx, sku);
  return toProduct(record, config.PURCHASE_MODE);
}

/** A product's stored image, or undefined. */
export async function readImage(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<StoredImage | undefined> {
  const [type, etag, bytes] = await ctx.store.hmgetBuffer(
    ctx.keys.image(sku),
    'type',
    'etag',
    'bytes',
  );
  const kind = type?.toString() as ImageType | undefined;
  if (!kind || !IMAGE_TYPES.includes(kind) || !etag || !bytes) return undefined;
  return { type: kind, etag: etag.toString(), bytes };
}

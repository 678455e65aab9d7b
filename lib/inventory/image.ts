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

export type ImageSize = { width: number; height: number };

/** The canvas size a JPEG declares: its first start-of-frame segment (SOF0–SOF15 but DHT, JPG, DAC). */
function jpegSize(b: Buffer): ImageSize | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Markers without a length: TEM, RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    at += 2 + b.readUInt16BE(at + 2);
  }
  return undefined;
}

/** The canvas size a WebP declares in its first chunk (lossy VP8, lossless VP8L or extended VP8X). */
function webpSize(b: Buffer): ImageSize | undefined {
  if (b.length < 30) return undefined;
  const chunk = b.toString('ascii', 12, 16);
  if (chunk === 'VP8 ')
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return undefined;
}

/**
 * The width and height an image's header declares (what a browser will allocate to decode it),
 * or undefined when the header cannot be read.
 */
export function imageSize(bytes: Buffer, type: ImageType): ImageSize | undefined {
  if (type === 'image/png') {
    if (bytes.length < 24 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  return type === 'image/jpeg' ? jpegSize(bytes) : webpSize(bytes);
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

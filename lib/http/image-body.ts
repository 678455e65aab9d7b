import { formatCount } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { RefusalError } from './handler';
import { readBodyBytes } from './request';
import { errorJson } from './responses';

function tooLarge(): RefusalError {
  const kib = formatCount(LIMITS.imageBytes / 1024);
  return new RefusalError(
    errorJson(413, 'payload_too_large', `An image must be at most ${kib} KiB.`),
  );
}

/** The raw body of an image upload, refused with 413 past LIMITS.imageBytes (read or declared). */
export function readImageBody(request: Request): Promise<Buffer> {
  return readBodyBytes(request, LIMITS.imageBytes, tooLarge);
}

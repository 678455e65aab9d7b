import { consume, refund } from '@/lib/auth/rate-limits';
import { rateLimited } from './guards';
import { clientIp } from './request';

/**
 * The purchase allowance of a shopper's write (a purchase, a hold and its end): per session first
 * — shoppers behind one address (an office, a carrier's NAT) each have their own — and the
 * address's far higher ceiling, counted in one round trip; a session over its allowance gives the
 * address's point back. Throws 429 `rate_limited` with Retry-After.
 */
export async function limitShopperWrite(request: Request, shopperId: string): Promise<void> {
  const ip = clientIp(request);
  const [wait, waitAddress] = await Promise.all([
    consume('purchase', shopperId),
    consume('purchaseAddress', ip),
  ]);
  if (wait > 0) {
    if (waitAddress === 0) await refund('purchaseAddress', ip);
    throw rateLimited(wait, 'Too many purchase attempts from this session');
  }
  if (waitAddress > 0) {
    throw rateLimited(waitAddress, 'Too many purchase attempts from this address');
  }
}

import { createHmac } from 'node:crypto';
import { SHORT_SHOPPER_LENGTH } from '@/lib/api-types';
import type { StoreContext } from '@/lib/redis/client';

/**
 * The shopper's name in the public log of one product: a keyed hash of product and shopper, so
 * rows of one product can be told apart while nobody can link one shopper's rows across products
 * (or back to the shopper id) without the server's secret.
 */
export function logPseudonym(sku: string, shopperId: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`log-pseudonym\0${sku}\0${shopperId}`)
    .digest('base64url')
    .slice(0, SHORT_SHOPPER_LENGTH);
}

/** The shopper's log pseudonym under the context's SESSION_SECRET: the log and the answers agree. */
export function shopperPseudonym(ctx: StoreContext, sku: string, shopperId: string): string {
  return logPseudonym(sku, shopperId, ctx.config.SESSION_SECRET);
}

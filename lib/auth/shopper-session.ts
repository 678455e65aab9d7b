import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { cookieHeader, seal, unseal, wantsSecure } from './sealed-token';

export const SHOPPER_COOKIE = 'sr_shopper';
const TTL_SECONDS = 30 * 24 * 3600;
const shopperSchema = z.object({ s: z.string().regex(/^[A-Za-z0-9_-]{16}$/) });

/** The shopper id in a genuine shopper cookie, or undefined. */
export async function readShopper(token: string | undefined): Promise<string | undefined> {
  return (await unseal(token, shopperSchema, TTL_SECONDS))?.s;
}

/**
 * The shopper of this cookie, or a new one: returns the id and, for a new or refreshed session,
 * the `Set-Cookie` to send. A valid cookie keeps its id.
 */
export async function ensureShopper(
  token: string | undefined,
  https: boolean,
): Promise<{ shopperId: string; setCookie: string }> {
  const shopperId = (await readShopper(token)) ?? randomBytes(12).toString('base64url');
  const sealed = await seal({ s: shopperId }, TTL_SECONDS);
  return {
    shopperId,
    setCookie: cookieHeader(SHOPPER_COOKIE, sealed, {
      maxAge: TTL_SECONDS,
      sameSite: 'Lax',
      secure: wantsSecure(https),
    }),
  };
}

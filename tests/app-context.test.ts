// The app is configured through its context: a setting given there, and not in process.env, is
// the one every layer uses — the routes as much as the domain below them.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as meRoute } from '@/app/api/me/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { logPseudonym } from '@/lib/activity/pseudonym';
import { readLog } from '@/lib/activity/read-log';
import type { MeBody, PurchaseResponse } from '@/lib/api-types';
import { configureApp } from './support/app-config';
import { params, req, shopperCookie } from './support/http';
import { createProduct } from './support/store';

const SECRET = `this-file-only-${randomBytes(16).toString('hex')}`;
configureApp({ SESSION_SECRET: SECRET });

describe('a context whose secret is not the environment’s', () => {
  it('the purchase answer names the shopper as its log row does', async () => {
    expect(process.env.SESSION_SECRET).not.toBe(SECRET);
    const sku = await createProduct(5);
    const cookie = await shopperCookie();
    const res = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
      params(sku),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as PurchaseResponse;
    const [row] = await readLog(1, sku);
    expect(row?.shopper).toBeDefined();
    expect(answer.shopper).toBe(row?.shopper);
    // Both are the context's: the pseudonym under its secret of the cookie's shopper.
    const me = (await (await meRoute(req('/api/me', { headers: { cookie } }))).json()) as MeBody;
    expect(answer.shopper).toBe(logPseudonym(sku, me.shopperId, SECRET));
  });
});

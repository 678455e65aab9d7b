// APP_ORIGIN: the site's origin comes from configuration, scheme and host compared.
import { describe, expect, it } from 'vitest';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { ownOrigin } from '@/lib/http/request';
import { params, req, shopperCookie } from './support/http';
import { createProduct } from './support/store';
import { configureApp } from './support/app-config';

configureApp({ APP_ORIGIN: 'https://shop.example' });

describe('APP_ORIGIN', () => {
  it('is the only origin a state change may come from', async () => {
    const sku = await createProduct(10);
    const cookie = await shopperCookie();
    const buy = (origin: string) =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', origin, headers: { cookie } }),
        params(sku),
      );
    expect(ownOrigin(req('/'))).toBe('https://shop.example');
    expect((await buy('https://shop.example')).status).toBe(200);
    // The Host the request arrived with does not count, nor the other scheme.
    expect((await buy('http://localhost:3000')).status).toBe(403);
    expect((await buy('http://shop.example')).status).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as products } from '@/app/api/products/route';
import { configureApp } from './support/app-config';

// Nothing listens on port 1: the store is unreachable for this whole file.
configureApp({ REDIS_URL: 'redis://127.0.0.1:1' });

describe('when Redis is down', () => {
  it('health answers 503 with redis down', async () => {
    const res = await health();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ redis: 'down' });
  });

  it('a store route answers 503 redis_unavailable with Retry-After, no stack or key', async () => {
    const res = await products(new Request('http://localhost:3000/api/products'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'redis_unavailable' } });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });
});

describe('a purchase when Redis is down', () => {
  it('fails as store-unavailable (503), not as contention', async () => {
    const { purchase } = await import('@/lib/inventory/purchase');
    const { StoreUnavailableError } = await import('@/lib/redis/errors');
    await expect(
      purchase({ sku: 'any', shopperId: 'x'.repeat(16), quantity: 1 }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

// The HTTP layer maps the store layer's error classes, not messages: a command Redis refuses is a
// logged 500 (a bug, not an outage), a store that cannot be reached a 503 with Retry-After.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { handle } from '@/lib/http/handler';
import { appContext } from '@/lib/redis/client';
import {
  StoreContentionError,
  StoreOutcomeUnknownError,
  StoreUnavailableError,
} from '@/lib/redis/errors';
import { params, req, shopperCookie } from './support/http';
import { createProduct } from './support/store';

const admin = new Redis(process.env.REDIS_URL!);
afterAll(() => admin.disconnect());

describe('store errors through a route handler', () => {
  it('answers a WRONGTYPE from Redis with a logged 500, not "store unreachable"', async () => {
    const sku = await createProduct(5);
    // Corrupt data: the product is a string where a hash belongs.
    await admin.set(appContext().keys.product(sku), 'not a hash');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, {
        method: 'POST',
        headers: { cookie: await shopperCookie() },
        json: { quantity: 1 },
      }),
      params(sku),
    );
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.some((l) => l.includes('StoreCommandError') && l.includes('WRONGTYPE'))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes(`/api/products/${sku}/purchase`))).toBe(true);
    logged.mockRestore();
  });

  it('maps unavailable and contention to 503 with Retry-After, and a bug to 500', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = (error: Error) => handle(() => Promise.reject(error))();
    const down = await answer(new StoreUnavailableError());
    const busy = await answer(new StoreContentionError());
    const bug = await answer(new TypeError('undefined is not a function'));
    expect([down.status, busy.status, bug.status]).toEqual([503, 503, 500]);
    expect(down.headers.get('retry-after')).toBe('1');
    expect(busy.headers.get('retry-after')).toBe('1');
    const bodies = await Promise.all([down, busy, bug].map((r) => r.text()));
    const codes = bodies.map((b) => (JSON.parse(b) as { error: { code: string } }).error.code);
    expect(codes).toEqual(['redis_unavailable', 'contention', 'internal_error']);
    // Every 5xx is logged; no answer carries the error's own text.
    expect(logged.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(bodies[2]).not.toContain('undefined is not a function');
    logged.mockRestore();
  });

  it('answers an outcome in doubt with 503 redis_unavailable that says how to learn it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await handle(() => Promise.reject(new StoreOutcomeUnknownError()))();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('redis_unavailable');
    expect(body.error.message).toContain('same Idempotency-Key');
    logged.mockRestore();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POST as login } from '@/app/api/admin/login/route';
import { PUT as upsert } from '@/app/api/admin/products/[sku]/route';
import { POST as restockRoute } from '@/app/api/admin/products/[sku]/restock/route';
import { GET as auditRoute } from '@/app/api/admin/audit/route';
import { GET as health } from '@/app/api/health/route';
import { GET as logRoute } from '@/app/api/log/route';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { GET as productRoute } from '@/app/api/products/[sku]/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { POST as startSession } from '@/app/api/session/route';
import { GET as statsRoute } from '@/app/api/stats/route';
import { appContext } from '@/lib/redis/client';
import { adminCookie, params, randomPeer, req, shopperCookie } from './support/http';
import { auditOf, createProduct } from './support/store';

// The bad-input property sends hundreds of purchase attempts from one session (read once, at the
// first call of config()).
process.env.PURCHASE_RATE_POINTS = '100000';

const ERROR_STATUSES = [400, 401, 403, 404, 413, 415, 422];

async function expectErrorShape(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as {
    error: { code: string; message: string; issues: unknown[] };
  };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Array.isArray(body.error.issues)).toBe(true);
}

describe('shopper session', () => {
  it('returns the same id for a valid cookie and refuses a forged one', async () => {
    const first = await startSession(req('/api/session', { method: 'POST' }));
    const { shopperId } = (await first.json()) as { shopperId: string };
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const again = await startSession(
      req('/api/session', { method: 'POST', headers: { cookie: cookie.split(';')[0]! } }),
    );
    expect(((await again.json()) as { shopperId: string }).shopperId).toBe(shopperId);
    const sku = await createProduct(5);
    const forged = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, {
        method: 'POST',
        headers: { cookie: 'sr_shopper=Fe26.2*forged' },
      }),
      params(sku),
    );
    await expectErrorShape(forged, 401, 'no_session');
  });
});

describe('purchase route', () => {
  it('maps outcomes to the contract statuses', async () => {
    const sku = await createProduct(1, 1);
    const cookie = await shopperCookie();
    const buy = () =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
    const first = await buy();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      outcome: 'purchased',
      quantity: 1,
      remaining: 0,
      attempts: 1,
      conflicts: 0,
    });
    const second = await buy();
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ outcome: 'sold_out' });
    const unknown = await purchaseRoute(
      req('/api/products/no-such/purchase', { method: 'POST', headers: { cookie } }),
      params('no-such'),
    );
    await expectErrorShape(unknown, 404, 'not_found');
  });

  it('checks the origin before the session', async () => {
    const res = await purchaseRoute(
      req('/api/products/x/purchase', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      }),
      params('x'),
    );
    await expectErrorShape(res, 403, 'forbidden_origin');
    const same = await purchaseRoute(
      req('/api/products/x/purchase', {
        method: 'POST',
        headers: { origin: 'http://localhost:3000' },
      }),
      params('x'),
    );
    await expectErrorShape(same, 401, 'no_session');
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const cookie = await shopperCookie();
    const sku = await createProduct(1);
    const res = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, {
        method: 'POST',
        headers: { cookie },
        body: `{"quantity":1,"pad":"${'x'.repeat(17_000)}"}`,
      }),
      params(sku),
    );
    await expectErrorShape(res, 413, 'payload_too_large');
  });

  it('answers bad input of any kind with a 4xx error and never buys', async () => {
    const cookie = await shopperCookie();
    const sku = await createProduct(1000, 1000);
    const badBody = fc.oneof(
      fc.string().filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      }),
      fc
        .record({
          quantity: fc.oneof(
            fc.integer({ max: 0 }),
            fc.integer({ min: 1001 }),
            fc.double().filter((d) => !Number.isInteger(d)),
            fc.string(),
            fc.boolean(),
            fc.constant(null),
          ),
        })
        .map((o) => JSON.stringify(o)),
      fc
        .record({ quantity: fc.integer({ min: 1, max: 3 }), extra: fc.jsonValue() })
        .map((o) => JSON.stringify(o)),
      fc
        .oneof(fc.array(fc.anything()), fc.integer(), fc.constant(null))
        .map((v) => JSON.stringify(v)),
    );
    const badKey = fc
      .string({ minLength: 1, maxLength: 200 })
      .filter(
        (k) =>
          !/^[A-Za-z0-9_.:-]{1,128}$/.test(k) &&
          /^[\x20-\x7e]*$/.test(k) &&
          k.trim() === k &&
          k !== '',
      );
    const badSku = fc
      .string({ minLength: 1, maxLength: 80 })
      .filter((s) => !/^[a-z0-9][a-z0-9-]{0,63}$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badBody.map((body) => ({ sku, body, key: undefined as string | undefined })),
          badKey.map((key) => ({ sku, body: '{"quantity":1}', key })),
          badSku.map((s) => ({
            sku: s,
            body: '{"quantity":1}',
            key: undefined as string | undefined,
          })),
        ),
        async ({ sku: pathSku, body, key }) => {
          const headers: Record<string, string> = { cookie, 'content-type': 'application/json' };
          if (key !== undefined) headers['idempotency-key'] = key;
          const res = await purchaseRoute(
            req(`/api/products/${encodeURIComponent(pathSku)}/purchase`, {
              method: 'POST',
              headers,
              body,
            }),
            params(pathSku),
          );
          expect(ERROR_STATUSES).toContain(res.status);
          const text = await res.text();
          expect(text).not.toMatch(/at .*\.ts|stack|\{.*\}:product|sr:|t[0-9a-f]{8}:/);
          expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
    expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 0, stock: 1000 });
  });
});

describe('admin routes', () => {
  it('need an admin session, and check the origin first', async () => {
    const sku = await createProduct(1);
    await expectErrorShape(await auditRoute(req('/api/admin/audit')), 401, 'unauthorized');
    await expectErrorShape(
      await restockRoute(
        req(`/api/admin/products/${sku}/restock`, { method: 'POST', json: { add: 1 } }),
        params(sku),
      ),
      401,
      'unauthorized',
    );
    const foreign = await restockRoute(
      req(`/api/admin/products/${sku}/restock`, {
        method: 'POST',
        json: { add: 1 },
        headers: { origin: 'https://evil.example' },
      }),
      params(sku),
    );
    await expectErrorShape(foreign, 403, 'forbidden_origin');
    await expectErrorShape(
      await login(
        req('/api/admin/login', { method: 'POST', json: { password: 'wrong-password' } }),
      ),
      401,
      'unauthorized',
    );
  });

  it('create, update (stock ignored), restock and audit', async () => {
    const cookie = await adminCookie();
    const sku = `adm-${Date.now().toString(36)}`;
    const body = { name: 'Lamp', priceCents: 4500, stock: 7, limitPerShopper: 2 };
    const created = await upsert(
      req(`/api/admin/products/${sku}`, { method: 'PUT', json: body, headers: { cookie } }),
      params(sku),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      sku,
      stock: 7,
      totalStock: 7,
      sold: 0,
      status: 'live',
      endsAt: null,
    });
    const updated = await upsert(
      req(`/api/admin/products/${sku}`, {
        method: 'PUT',
        json: { ...body, name: 'Desk lamp', stock: 999 },
        headers: { cookie },
      }),
      params(sku),
    );
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ name: 'Desk lamp', stock: 7, totalStock: 7 });
    const restocked = await restockRoute(
      req(`/api/admin/products/${sku}/restock`, {
        method: 'POST',
        json: { add: 3 },
        headers: { cookie },
      }),
      params(sku),
    );
    expect(await restocked.json()).toMatchObject({ stock: 10, totalStock: 10 });
    await expectErrorShape(
      await restockRoute(
        req(`/api/admin/products/${sku}/restock`, {
          method: 'POST',
          json: { add: 0 },
          headers: { cookie },
        }),
        params(sku),
      ),
      400,
      'invalid_request',
    );
    const auditRes = await auditRoute(req('/api/admin/audit', { headers: { cookie } }));
    expect(await auditRes.json()).toMatchObject({ ok: true });
    const product = await productRoute(req(`/api/products/${sku}`), params(sku));
    expect(await product.json()).toMatchObject({ sku, stock: 10 });
  });

  it('rejects a sale window that ends before it starts', async () => {
    const cookie = await adminCookie();
    const res = await upsert(
      req('/api/admin/products/bad-window', {
        method: 'PUT',
        headers: { cookie },
        json: {
          name: 'x',
          priceCents: 1,
          stock: 1,
          limitPerShopper: 1,
          startsAt: '2026-12-01T10:00:00Z',
          endsAt: '2026-12-01T09:00:00Z',
        },
      }),
      params('bad-window'),
    );
    await expectErrorShape(res, 400, 'invalid_request');
  });
});

describe('log, stats and health', () => {
  it('log entries are newest first, filtered by SKU, and validate the limit', async () => {
    const sku = await createProduct(2);
    const cookie = await shopperCookie();
    const before = (await (await statsRoute(req('/api/stats'))).json()) as Record<string, number>;
    for (let i = 0; i < 3; i++)
      await purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
    const res = await logRoute(req(`/api/log?limit=10&sku=${sku}`));
    const { entries } = (await res.json()) as {
      entries: { outcome: string; at: string; shopper: string }[];
    };
    expect(entries.map((e) => e.outcome)).toEqual(['sold_out', 'purchased', 'purchased']);
    expect(entries[0]!.shopper).toHaveLength(8);
    await expectErrorShape(await logRoute(req('/api/log?limit=0')), 400, 'invalid_request');
    await expectErrorShape(await logRoute(req('/api/log?limit=501')), 400, 'invalid_request');
    const after = (await (await statsRoute(req('/api/stats'))).json()) as Record<string, number>;
    const delta = (field: string) => (after[field] ?? 0) - (before[field] ?? 0);
    expect(['requests', 'purchased', 'soldOut', 'unitsSold'].map(delta)).toEqual([3, 2, 1, 2]);
  });

  it('health answers 200 while Redis is up', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      redis: 'ok',
      durability: { mode: 'primary', met: true, replicas: 0, lagSeconds: null },
    });
  });
});

describe('admin login rate limit', () => {
  it('answers 429 with Retry-After once an address spends its attempts', async () => {
    const peer = randomPeer();
    const attempt = () =>
      login(req('/api/admin/login', { method: 'POST', json: { password: 'guess-guess' }, peer }));
    const points = appContext().config.LOGIN_RATE_POINTS;
    for (let i = 0; i < points; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectErrorShape(limited, 429, 'rate_limited');
  });

  it('does not count successful logins', async () => {
    const points = appContext().config.LOGIN_RATE_POINTS;
    const peer = randomPeer();
    const ok = () =>
      login(
        req('/api/admin/login', {
          method: 'POST',
          json: { password: process.env.ADMIN_PASSWORD },
          peer,
        }),
      );
    for (let i = 0; i < points + 2; i++) expect((await ok()).status).toBe(204);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  it('answer loopback clients only', async () => {
    expect((await metricsRoute(req('/api/metrics', { peer: '127.0.0.1' }))).status).toBe(200);
    expect((await metricsRoute(req('/api/metrics', { peer: '::1' }))).status).toBe(200);
    await expectErrorShape(
      await metricsRoute(req('/api/metrics', { peer: '203.0.113.5' })),
      403,
      'forbidden',
    );
    // A forged X-Forwarded-For from a foreign socket does not make it local.
    await expectErrorShape(
      await metricsRoute(
        req('/api/metrics', { peer: '203.0.113.5', headers: { 'x-forwarded-for': '127.0.0.1' } }),
      ),
      403,
      'forbidden',
    );
  });
});

// The public reads: standard HTTP caching (Cache-Control, ETag, 304) and nothing of the shopper
// in them; everything with a session stays private.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GET as logRoute } from '@/app/api/log/route';
import { GET as productRoute } from '@/app/api/products/[sku]/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { GET as productsRoute } from '@/app/api/products/route';
import { POST as sessionRoute } from '@/app/api/session/route';
import { GET as snapshotRoute } from '@/app/api/snapshot/route';
import { GET as statsRoute } from '@/app/api/stats/route';
import type { Product, SnapshotBody as Snapshot, Stats } from '@/lib/api-types';
import { restock } from '@/lib/inventory/catalogue';
import { readCache, readCacheIsLive } from '@/lib/read-cache';
import { params, req, shopperCookie } from './support/http';
import { createProduct } from './support/store';
import { configureApp } from './support/app-config';

configureApp({ POLL_CACHE_S: '2', POLL_STALE_S: '5', READ_CACHE_MS: '60000' });

const PUBLIC = 'public, max-age=0, s-maxage=2, stale-while-revalidate=5';

async function eventually(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Get = (request: Request) => Promise<Response>;
const reads: [string, (path: string, ifNoneMatch?: string) => Promise<Response>][] = (
  [
    ['/api/products', productsRoute],
    ['/api/stats', statsRoute],
    ['/api/log?limit=5', logRoute],
    ['/api/snapshot', snapshotRoute],
  ] as [string, Get][]
).map(([path, get]) => [
  path,
  (p: string, ifNoneMatch?: string) =>
    get(req(p, ifNoneMatch ? { headers: { 'if-none-match': ifNoneMatch } } : {})),
]);

describe('public reads', () => {
  it.each(reads)(
    '%s is public, with an ETag, and a matching If-None-Match gets a 304',
    async (path) => {
      await createProduct(3);
      const route = reads.find(([p]) => p === path)![1];
      const before = Date.now();
      const first = await route(path);
      const after = Date.now();
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe(PUBLIC);
      expect(first.headers.get('content-type')).toBe('application/json');
      expect(first.headers.get('set-cookie')).toBeNull();
      // For nginx: no copy outlives s-maxage (2 s here) from when it was made, whatever the
      // second it was made in (nginx counts whole seconds). Bounded by the request's own start and
      // end, not by when this line runs.
      const expires = Number(first.headers.get('x-accel-expires')!.slice(1));
      expect(expires * 1000 + 1000).toBeLessThanOrEqual(after + 2000);
      expect(expires * 1000 + 1000).toBeGreaterThan(before + 900);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/);
      const body = await first.text();
      expect(() => JSON.parse(body) as unknown).not.toThrow();

      for (const header of [etag!, `"other", ${etag!.slice(2)}`, '*']) {
        const again = await route(path, header);
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('cache-control')).toBe(PUBLIC);
      }
      const other = await route(path, 'W/"not-it"');
      expect(other.status).toBe(200);
      expect(await other.text()).toBe(body);
    },
  );

  it('one product is public; an unknown one is a private 404', async () => {
    const sku = await createProduct(4);
    const res = await productRoute(req(`/api/products/${sku}`), params(sku));
    expect(res.headers.get('cache-control')).toBe(PUBLIC);
    expect(((await res.json()) as Product).stock).toBe(4);
    const etag = res.headers.get('etag')!;
    const again = await productRoute(
      req(`/api/products/${sku}`, { headers: { 'if-none-match': etag } }),
      params(sku),
    );
    expect(again.status).toBe(304);
    const missing = await productRoute(req('/api/products/no-such-sku'), params('no-such-sku'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a restock changes the answer and its ETag at once, despite a long read cache', async () => {
    const sku = await createProduct(5);
    const first = await productRoute(req(`/api/products/${sku}`), params(sku));
    const etag = first.headers.get('etag')!;
    await restock(sku, 2);
    const after = await productRoute(
      req(`/api/products/${sku}`, { headers: { 'if-none-match': etag } }),
      params(sku),
    );
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as Product).stock).toBe(7);
  });

  it('a sale refreshes the snapshot at once: stock, log and stats', async () => {
    const sku = await createProduct(5);
    const path = `/api/snapshot?limit=10&sku=${sku}`;
    const before = (await (await snapshotRoute(req(path))).json()) as Snapshot;
    expect(before.log).toEqual([]);
    const cookie = await shopperCookie();
    const bought = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
      params(sku),
    );
    expect(bought.status).toBe(200);
    const after = (await (await snapshotRoute(req(path))).json()) as Snapshot;
    expect(after.products.find((p) => p.sku === sku)?.stock).toBe(4);
    expect(after.log.map((e) => e.outcome)).toEqual(['purchased']);
    expect(after.stats.unitsSold).toBe(before.stats.unitsSold + 1);
  });

  it('the snapshot holds what the page shows and nothing of the shopper who asked', async () => {
    const sku = await createProduct(2);
    const path = `/api/snapshot?sku=${sku}`;
    const [a, b] = await Promise.all([
      snapshotRoute(req(path, { headers: { cookie: await shopperCookie() } })),
      snapshotRoute(req(path, { headers: { cookie: await shopperCookie() } })),
    ]);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    const body = (await a.json()) as Snapshot;
    expect(Object.keys(body).sort()).toEqual(['log', 'products', 'stats']);
    expect(body.products.some((p) => p.sku === sku)).toBe(true);
    expect(body.stats satisfies Stats).toHaveProperty('requests');
    const bad = await snapshotRoute(req('/api/snapshot?limit=0'));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('private, no-store');
  });

  it('identical reads in flight share one load: 200 polls, a handful of Redis reads', async () => {
    await createProduct(1);
    readCache().invalidate();
    const before = readCache().counts();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => snapshotRoute(req('/api/snapshot'))),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(answers.map((r) => r.headers.get('etag'))).size).toBe(1);
    const after = readCache().counts();
    // The snapshot's body, products, stats and log: four loads, however many ask.
    expect(after.loads - before.loads).toBe(4);
    expect(after.joined + after.hits - before.joined - before.hits).toBe(199);
  });

  it('a stock event from another process refreshes this instance', async () => {
    const sku = await createProduct(1);
    const first = (await (await productsRoute(req('/api/products'))).json()) as {
      products: Product[];
    };
    expect(first.products.find((p) => p.sku === sku)?.stock).toBe(1);
    // Another instance's restock reaches this one only through the stock-event subscription.
    await eventually(async () => readCacheIsLive());
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/support/restock-process.ts'],
      { env: { ...process.env, RESTOCK_SKU: sku, RESTOCK_ADD: '9' }, stdio: 'inherit' },
    );
    expect(child.status).toBe(0);
    await eventually(async () => {
      const body = (await (await productsRoute(req('/api/products'))).json()) as {
        products: Product[];
      };
      return body.products.find((p) => p.sku === sku)?.stock === 10;
    });
  });
});

describe('answers with a session stay private', () => {
  it('session and purchase answers are private, no-store', async () => {
    const session = await sessionRoute(req('/api/session', { method: 'POST' }));
    expect(session.headers.get('cache-control')).toBe('private, no-store');
    const sku = await createProduct(1);
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const buy = () =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
    expect((await buy()).headers.get('cache-control')).toBe('private, no-store');
    expect((await buy()).headers.get('cache-control')).toBe('private, no-store');
  });
});

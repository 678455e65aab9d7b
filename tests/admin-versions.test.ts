// Admins cannot overwrite each other: the admin product routes carry the product's version as
// ETag, and a write sent with If-Match is checked inside the watched transaction.
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as archiveRoute } from '@/app/api/admin/products/[sku]/archive/route';
import {
  DELETE as deleteRoute,
  GET as adminGet,
  PUT as upsert,
} from '@/app/api/admin/products/[sku]/route';
import { POST as restockRoute } from '@/app/api/admin/products/[sku]/restock/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import type { Product } from '@/lib/api-types';
import { adminCookie, params, req, shopperCookie } from './support/http';
import { auditOf, createProduct } from './support/store';

let cookie: string;
beforeAll(async () => {
  cookie = await adminCookie();
});

const body = (over: Record<string, unknown> = {}) => ({
  name: 'Comet Backpack',
  priceCents: 8900,
  stock: 250,
  limitPerShopper: 3,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  ...over,
});

const read = (sku: string) =>
  adminGet(req(`/api/admin/products/${sku}`, { headers: { cookie } }), params(sku));

const put = (sku: string, json: unknown, ifMatch?: string) =>
  upsert(
    req(`/api/admin/products/${sku}`, {
      method: 'PUT',
      json,
      headers: { cookie, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    }),
    params(sku),
  );

const restock = (sku: string, add: number, ifMatch?: string) =>
  restockRoute(
    req(`/api/admin/products/${sku}/restock`, {
      method: 'POST',
      json: { add },
      headers: { cookie, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    }),
    params(sku),
  );

type Conflict = { error: { code: string; message: string }; current: Product | null };

async function created(): Promise<{ sku: string; etag: string }> {
  const sku = await createProduct(250, 3);
  const res = await read(sku);
  expect(res.status).toBe(200);
  return { sku, etag: res.headers.get('etag')! };
}

describe('admin product versions (ETag / If-Match)', () => {
  it('GET and PUT answer the version as ETag; an edit raises it', async () => {
    const { sku, etag } = await created();
    const product = (await (await read(sku)).json()) as Product;
    expect(etag).toBe(`"${product.version}"`);
    const saved = await put(sku, body({ priceCents: 8000 }), etag);
    expect(saved.status).toBe(200);
    const after = (await saved.json()) as Product;
    expect(after.version).toBeGreaterThan(product.version);
    expect(saved.headers.get('etag')).toBe(`"${after.version}"`);
    expect((await read(sku)).headers.get('etag')).toBe(saved.headers.get('etag'));
  });

  it("a stale save is 409 changed_since_read with the product as it is now; the other admin's change stays", async () => {
    const { sku, etag } = await created();
    // Tab B sets the price; tab A, opened at the same version, changes only the name.
    const b = await put(sku, body({ priceCents: 8000 }), etag);
    expect(b.status).toBe(200);
    const a = await put(sku, body({ name: 'Comet Backpack XL' }), etag);
    expect(a.status).toBe(409);
    const conflict = (await a.json()) as Conflict;
    expect(conflict.error.code).toBe('changed_since_read');
    expect(conflict.current).toMatchObject({ name: 'Comet Backpack', priceCents: 8000 });
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    // Reapplied on the current version, both changes hold.
    const again = await put(
      sku,
      body({ name: 'Comet Backpack XL', priceCents: 8000 }),
      a.headers.get('etag')!,
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ name: 'Comet Backpack XL', priceCents: 8000 });
  });

  it('of concurrent saves at one version exactly one is written (checked inside the watched write)', async () => {
    const { sku, etag } = await created();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => put(sku, body({ priceCents: 1000 + i }), etag)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    const winner = (await answers[statuses.indexOf(200)]!.json()) as Product;
    expect(((await (await read(sku)).json()) as Product).priceCents).toBe(winner.priceCents);
  });

  it('a purchase or a restock leaves the version: an open edit still saves', async () => {
    const { sku, etag } = await created();
    const shopper = await shopperCookie();
    const bought = await purchaseRoute(
      req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie: shopper } }),
      params(sku),
    );
    expect(bought.status).toBe(200);
    const restocked = await restock(sku, 5);
    expect(restocked.status).toBe(200);
    expect(restocked.headers.get('etag')).toBe(etag);
    expect((await put(sku, body({ name: 'Renamed' }), etag)).status).toBe(200);
  });

  it('restock needs no If-Match, and honours one: stale is 409 with nothing added', async () => {
    const { sku, etag } = await created();
    expect((await put(sku, body({ priceCents: 7000 }), etag)).status).toBe(200);
    expect((await restock(sku, 10)).status).toBe(200);
    const stale = await restock(sku, 10, etag);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Conflict).current).toMatchObject({ stock: 260 });
    expect((await auditOf(sku)).stock).toBe(260);
    const current = await restock(sku, 10, stale.headers.get('etag')!);
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ stock: 270, totalStock: 270 });
  });

  it('an archive raises the version; a save of a deleted product is 409 with current null', async () => {
    const { sku, etag } = await created();
    const archived = await archiveRoute(
      req(`/api/admin/products/${sku}/archive`, { method: 'POST', headers: { cookie } }),
      params(sku),
    );
    expect(archived.status).toBe(200);
    expect((await put(sku, body(), etag)).status).toBe(409);

    const other = await created();
    const gone = await deleteRoute(
      req(`/api/admin/products/${other.sku}`, { method: 'DELETE', headers: { cookie } }),
      params(other.sku),
    );
    expect(gone.status).toBe(204);
    const stale = await put(other.sku, body(), other.etag);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Conflict).current).toBeNull();
  });

  it('a PUT without If-Match writes as before; a malformed one is 400', async () => {
    const { sku } = await created();
    expect((await put(sku, body({ priceCents: 100 }))).status).toBe(200);
    const bad = await put(sku, body(), 'W/"x"');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Conflict).error.code).toBe('invalid_request');
    expect((await read('no-such-sku')).status).toBe(404);
  });
});

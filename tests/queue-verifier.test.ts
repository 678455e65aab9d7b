import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as statusRoute } from '@/app/api/products/[sku]/queue/route';
import { GET as ticketsRoute } from '@/app/api/products/[sku]/queue/tickets/route';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { joinQueue } from '@/lib/queue/join';
import { configureQueue } from '@/lib/queue/settings';
import { appContext } from '@/lib/redis/client';
import { configureApp } from './support/app-config';
import { params } from './support/http';
import { newShopperId } from './support/store';

configureApp({ READ_CACHE_MS: '0' });

/** The two public routes the verifier reads, served over HTTP as a running store serves them. */
const server = http.createServer((incoming, out) => {
  const url = new URL(incoming.url ?? '/', 'http://localhost');
  const match = /^\/api\/products\/([^/]+)\/queue(\/tickets)?$/.exec(url.pathname);
  const route = match?.[2] ? ticketsRoute : statusRoute;
  const answer = match
    ? route(new Request(url), params(decodeURIComponent(match[1]!)))
    : Promise.resolve(new Response(null, { status: 404 }));
  void answer.then(async (res) => {
    out.writeHead(res.status, { 'content-type': 'application/json' });
    out.end(await res.text());
  });
});
const listening = new Promise<string>((resolve) =>
  server.listen(0, '127.0.0.1', () =>
    resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
  ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const verify = (url: string, sku: string, ...extra: string[]) =>
  promisify(execFile)('node', ['scripts/verify-queue.mjs', sku, '--url', url, ...extra]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
    }),
  );

describe('scripts/verify-queue.mjs', () => {
  it('cannot tell before the start, and confirms the order after it', async () => {
    const url = await listening;
    const sku = `verify-${Date.now().toString(36)}`;
    // The start an hour away while they join (as if a second before it); then the admin moves it
    // to now, and the first read after it reveals the seed. No clock is raced.
    const start = Date.now() + 3_600_000;
    const product = {
      name: sku,
      priceCents: 100,
      stock: 100,
      limitPerShopper: 1,
      startsAt: new Date(start).toISOString(),
    };
    await upsertProduct(sku, product);
    const ctx = appContext();
    await configureQueue(ctx, sku, { enabled: true });
    const joined = await Promise.all(
      Array.from({ length: 25 }, () => joinQueue(ctx, sku, newShopperId(), { now: start - 1000 })),
    );
    const before = await verify(url, sku);
    expect(before.code, before.out).toBe(2);
    expect(before.out).toMatch(/not revealed/);

    await upsertProduct(sku, { ...product, startsAt: new Date(Date.now() - 1).toISOString() });
    const first = joined[0]!;
    if (!first.ok) throw new Error('join refused');
    const after = await verify(url, sku, '--ticket', first.ticket.id);
    expect(after.code, after.out).toBe(0);
    expect(after.out).toMatch(/seedHash .* matches/);
    expect(after.out).toMatch(/the published order is the one the seed gives/);
    expect(after.out).toMatch(new RegExp(`ticket +${first.ticket.id} has rank \\d+`));
  });
});

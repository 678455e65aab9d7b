// The findings of "Hardening before a public sale", each as a test against the route handlers.
// Requests pass the same edge normalisation as on a real server (tests/support/http.ts).
import { describe, expect, it } from 'vitest';
import { GET as auditRoute } from '@/app/api/admin/audit/route';
import { POST as login } from '@/app/api/admin/login/route';
import { POST as logout } from '@/app/api/admin/logout/route';
import { POST as restockRoute } from '@/app/api/admin/products/[sku]/restock/route';
import { GET as logRoute } from '@/app/api/log/route';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { POST as startSession } from '@/app/api/session/route';
import { readLog } from '@/lib/activity/read-log';
import { record } from '@/lib/activity/recorder';
import { appContext } from '@/lib/redis/client';
import { readAdminSession, startAdminSession } from '@/lib/auth/admin-session';
import { edgeRefusal, normalizeForwarded, parseTrustProxy } from '@/lib/http/edge';
import { PUT as imageRoute } from '@/app/api/admin/products/[sku]/image/route';
import { addressKey } from '@/lib/auth/rate-limits';
import { imageSize } from '@/lib/inventory/image';
import { gradientPng } from '@/lib/inventory/demo-png';
import { keysFor } from '@/lib/redis/keys';
import { unlinkMatching } from '@/lib/redis/client';
import { config as proxyConfig } from '@/proxy';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM helpers shared with the set-up scripts, no type declarations
import { dataDir, freePort, startRedis } from '../scripts/lib/stack.mjs';
import type { LogEntry, PurchaseResponse } from '@/lib/api-types';
import { BASE, params, randomPeer, req, shopperCookie } from './support/http';
import { auditOf, createProduct, newShopperId } from './support/store';
import { configureApp } from './support/app-config';

// Tight limits for this file.
configureApp({
  LOGIN_RATE_POINTS: '10',
  LOGIN_ACCOUNT_RATE_POINTS: '60',
  SESSION_RATE_POINTS: '5',
  PURCHASE_RATE_POINTS: '5',
  LOG_CAP: '100',
  METRICS_TOKEN: 'metrics-token-for-the-tests',
});

const PASSWORD = () => appContext().config.ADMIN_PASSWORD;
const wrongLogin = (peer: string, headers: Record<string, string> = {}) =>
  login(
    req('/api/admin/login', { method: 'POST', json: { password: 'nope-nope' }, peer, headers }),
  );
const goodLogin = (peer: string, headers: Record<string, string> = {}) =>
  login(req('/api/admin/login', { method: 'POST', json: { password: PASSWORD() }, peer, headers }));

async function adminCookie(): Promise<string> {
  const res = await goodLogin(randomPeer());
  expect(res.status).toBe(204);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const auditWith = (cookie: string) => auditRoute(req('/api/admin/audit', { headers: { cookie } }));

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('1. login limiting', () => {
  it('counts an attempt before the password: of 300 concurrent guesses only the allowance gets 401', async () => {
    const peer = randomPeer();
    const answers = await Promise.all(Array.from({ length: 300 }, () => wrongLogin(peer)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(290);
    const limited = answers.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', async () => {
    const peer = randomPeer();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await wrongLogin(peer, { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // The right password under a made-up address does not get past the lock of the real one...
    expect((await goodLogin(peer, { 'x-forwarded-for': '198.51.100.200' })).status).toBe(429);
    // ...and the lock is the attacker's own: another address logs in.
    expect((await goodLogin(randomPeer())).status).toBe(204);
  });

  it('believes a trusted proxy for the client address, scheme and host, and nobody else', () => {
    const trust = parseTrustProxy('loopback');
    const viaProxy: Record<string, string | string[] | undefined> = {
      host: 'app:3000',
      'x-forwarded-for': '203.0.113.1, 198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
      'x-real-ip': '1.2.3.4',
    };
    normalizeForwarded(viaProxy, { remoteAddress: '::ffff:127.0.0.1' }, trust);
    expect(viaProxy).toMatchObject({
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
    });
    expect(viaProxy['x-real-ip']).toBeUndefined();
    const direct: Record<string, string | string[] | undefined> = {
      host: 'localhost:3000',
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
    };
    normalizeForwarded(direct, { remoteAddress: '203.0.113.9' }, trust);
    expect(direct).toMatchObject({
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'localhost:3000',
    });
    const nobody: Record<string, string | string[] | undefined> = {
      host: 'localhost:3000',
      'x-forwarded-for': '198.51.100.7',
    };
    normalizeForwarded(nobody, { remoteAddress: '127.0.0.1' }, parseTrustProxy('false'));
    expect(nobody['x-forwarded-for']).toBe('127.0.0.1');
  });
});

describe('2. per-address limits on sessions and purchases', () => {
  it('one address mints at most SESSION_RATE_POINTS sessions; resuming one is free', async () => {
    const peer = randomPeer();
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => startSession(req('/api/session', { method: 'POST', peer }))),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(5);
    const limited = answers.filter((r) => r.status === 429);
    expect(limited).toHaveLength(55);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await codeOf(limited[0]!)).toBe('rate_limited');
    const cookie = ok[0]!.headers.get('set-cookie')!.split(';')[0]!;
    const resumed = await startSession(
      req('/api/session', { method: 'POST', peer, headers: { cookie } }),
    );
    expect(resumed.status).toBe(200);
  });

  it('so one address cannot buy up a limit-1 product with minted sessions', async () => {
    const sku = await createProduct(40, 1);
    const peer = randomPeer();
    const sessions = await Promise.all(
      Array.from({ length: 60 }, () => startSession(req('/api/session', { method: 'POST', peer }))),
    );
    const cookies = sessions
      .filter((r) => r.status === 200)
      .map((r) => r.headers.get('set-cookie')!.split(';')[0]!);
    await Promise.all(
      cookies.map((cookie) =>
        purchaseRoute(
          req(`/api/products/${sku}/purchase`, { method: 'POST', peer, headers: { cookie } }),
          params(sku),
        ),
      ),
    );
    expect((await auditOf(sku)).sold).toBeLessThanOrEqual(5);
  });

  it('one session gets PURCHASE_RATE_POINTS purchase attempts per window, then 429 (not logged)', async () => {
    const sku = await createProduct(100);
    const cookie = await shopperCookie();
    const peer = randomPeer();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', peer, headers: { cookie } }),
        params(sku),
      );
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    await expect.poll(async () => (await readLog(50, sku)).length).toBe(5);
  });
});

describe('3. admin sessions live on the server', () => {
  it('logout ends the session: the old cookie no longer reads the audit', async () => {
    const cookie = await adminCookie();
    expect((await auditWith(cookie)).status).toBe(200);
    const out = await logout(req('/api/admin/logout', { method: 'POST', headers: { cookie } }));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await auditWith(cookie)).status).toBe(401);
  });

  it('"log out everywhere" ends every admin session', async () => {
    const [a, b] = [await adminCookie(), await adminCookie()];
    const out = await logout(
      req('/api/admin/logout', {
        method: 'POST',
        json: { everywhere: true },
        headers: { cookie: b },
      }),
    );
    expect(out.status).toBe(204);
    expect((await auditWith(a)).status).toBe(401);
    expect((await auditWith(b)).status).toBe(401);
    // Without a session nobody may end the others.
    const anon = await logout(
      req('/api/admin/logout', { method: 'POST', json: { everywhere: true } }),
    );
    expect(anon.status).toBe(401);
  });

  it('a session ends when its time is up, not a minute later', async () => {
    const { store, keys } = appContext();
    const before = new Set(await store.zrange(keys.adminSessions, '0', '-1'));
    const setCookie = await startAdminSession(false, 1);
    const [sid] = (await store.zrange(keys.adminSessions, '0', '-1')).filter((s) => !before.has(s));
    const token = setCookie.split(';')[0]!.split('=').slice(1).join('=');
    expect(await readAdminSession(token)).toBe(true);
    // Redis ends the record itself, one second after it was written: the bound is the record's
    // own TTL, not how fast this machine runs the test.
    const ttl = await store.pttl(keys.adminSession(sid!));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    await expect.poll(() => readAdminSession(token), { timeout: 30_000, interval: 50 }).toBe(false);
  });
});

describe('6. CSRF: JSON bodies only, and a cookie needs the site as origin', () => {
  it('refuses text/plain and form bodies with 415 and buys nothing', async () => {
    const sku = await createProduct(10);
    const cookie = await shopperCookie();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await purchaseRoute(
        req(`/api/products/${sku}/purchase`, {
          method: 'POST',
          headers: { cookie, 'content-type': type },
          body: '{"quantity":1}',
        }),
        params(sku),
      );
      expect(res.status).toBe(415);
      expect(await codeOf(res)).toBe('unsupported_media_type');
    }
    const admin = await adminCookie();
    const restock = await restockRoute(
      req(`/api/admin/products/${sku}/restock`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'text/plain' },
        body: '{"add":5}',
      }),
      params(sku),
    );
    expect(restock.status).toBe(415);
    expect(await auditOf(sku)).toMatchObject({ sold: 0, stock: 10, totalStock: 10 });
  });

  it('a request with a cookie needs a matching Origin or Sec-Fetch-Site: same-origin', async () => {
    const sku = await createProduct(10);
    const cookie = await shopperCookie();
    const buy = (headers: Record<string, string>, origin: string | null = null) =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, {
          method: 'POST',
          origin,
          headers: { cookie, ...headers },
        }),
        params(sku),
      );
    expect((await buy({})).status).toBe(403);
    expect((await buy({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await buy({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await buy({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await buy({}, BASE)).status).toBe(200);
    // Scheme and host both count: https is another origin than this http site.
    expect((await buy({}, 'https://localhost:3000')).status).toBe(403);
    expect((await buy({}, 'null')).status).toBe(403);
    // A client cannot make its own origin "ours" with X-Forwarded-Host.
    expect((await buy({ 'x-forwarded-host': 'evil.example' }, 'http://evil.example')).status).toBe(
      403,
    );
    expect((await auditOf(sku)).sold).toBe(2);
  });
});

describe('5 and 7. the log per product, pseudonyms', () => {
  const activity = (sku: string, shopperId = newShopperId()) =>
    record(
      {
        sku,
        shopperId,
        outcome: 'sold_out',
        quantity: 1,
        attempts: 0,
        conflicts: 0,
        latencyMs: 0,
        batch: 0,
        queuedMs: 0,
        at: Date.now(),
      },
      appContext(),
    );

  it('keeps each product its own capped log: a filtered read does not depend on the others', async () => {
    const quiet = await createProduct(0);
    const busy = await createProduct(0);
    await Promise.all([activity(quiet), activity(quiet), activity(quiet)]);
    // 150 newer entries of another product push the quiet one out of the overall log (cap 100)...
    await Promise.all(Array.from({ length: 150 }, () => activity(busy)));
    expect((await readLog(500)).some((e) => e.sku === quiet)).toBe(false);
    // ...but its own log still answers, and each product log is capped too.
    expect(await readLog(50, quiet)).toHaveLength(3);
    expect(await readLog(500, busy)).toHaveLength(100);
    const empty = await createProduct(0);
    const res = await logRoute(req(`/api/log?limit=50&sku=${empty}`));
    expect(await res.json()).toEqual({ entries: [] });
  });

  it('public rows carry a per-product pseudonym the purchase answer tells the shopper', async () => {
    const [a, b] = [await createProduct(5), await createProduct(5)];
    const cookie = await shopperCookie();
    const answers: PurchaseResponse[] = [];
    for (const sku of [a, b, a]) {
      const res = await purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
      answers.push((await res.json()) as PurchaseResponse);
    }
    const rowsOf = async (sku: string) =>
      ((await (await logRoute(req(`/api/log?sku=${sku}`))).json()) as { entries: LogEntry[] })
        .entries;
    await expect.poll(async () => (await rowsOf(a)).length).toBe(2);
    const [rowsA, rowsB] = [await rowsOf(a), await rowsOf(b)];
    expect(rowsA[0]!.shopper).toBe(rowsA[1]!.shopper);
    expect(rowsA[0]!.shopper).not.toBe(rowsB[0]!.shopper);
    expect(answers[0]!.shopper).toBe(rowsA[0]!.shopper);
    expect(answers[1]!.shopper).toBe(rowsB[0]!.shopper);
    const session = await startSession(
      req('/api/session', { method: 'POST', headers: { cookie } }),
    );
    const { shopperId } = (await session.json()) as { shopperId: string };
    expect(shopperId.startsWith(rowsA[0]!.shopper)).toBe(false);
    expect(shopperId.startsWith(rowsB[0]!.shopper)).toBe(false);
  });
});

describe('7. metrics with METRICS_TOKEN', () => {
  it('need the bearer token, from loopback too', async () => {
    const get = (headers: Record<string, string> = {}) =>
      metricsRoute(req('/api/metrics', { peer: '127.0.0.1', headers }));
    expect((await get()).status).toBe(401);
    expect((await get({ authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    const ok = await get({ authorization: 'Bearer metrics-token-for-the-tests' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/stockrush_purchase_outcomes_total/);
  });
});

describe('7. what Next would answer with a 500 is refused at the edge', () => {
  it('405 for TRACE and other methods, 400 for malformed percent-encoding', () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT', 'PROPFIND'])
      expect(edgeRefusal(method, '/')).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(edgeRefusal('GET', '/api/products/%FF')).toMatchObject({
      status: 400,
      code: 'invalid_request',
    });
    expect(edgeRefusal('GET', '/api/products/ok?x=%FF')).toBeUndefined();
    expect(edgeRefusal('POST', '/api/products/neon-sneaker/purchase')).toBeUndefined();
  });
});

describe('issue 18: admin sessions end with the password and with "everywhere"', () => {
  it('a new ADMIN_PASSWORD ends the sessions started under the old one', async () => {
    const cfg = appContext().config;
    const old = cfg.ADMIN_PASSWORD;
    const cookie = await adminCookie();
    expect((await auditWith(cookie)).status).toBe(200);
    try {
      // What a restart with a rotated password sees: the same Redis, another password.
      cfg.ADMIN_PASSWORD = 'rotated-admin-password';
      expect((await auditWith(cookie)).status).toBe(401);
      const fresh = await login(
        req('/api/admin/login', { method: 'POST', json: { password: 'rotated-admin-password' } }),
      );
      expect(fresh.status).toBe(204);
      expect((await auditWith(fresh.headers.get('set-cookie')!.split(';')[0]!)).status).toBe(200);
    } finally {
      cfg.ADMIN_PASSWORD = old;
    }
  });

  it('"log out everywhere" ends an older session after a shorter TTL let the index expire', async () => {
    const cfg = appContext().config;
    const ttl = cfg.ADMIN_SESSION_TTL_S;
    const older = await adminCookie();
    let short: string;
    try {
      cfg.ADMIN_SESSION_TTL_S = 1;
      short = await adminCookie();
    } finally {
      cfg.ADMIN_SESSION_TTL_S = ttl;
    }
    await expect.poll(async () => (await auditWith(short)).status, { interval: 50 }).toBe(401);
    const current = await adminCookie();
    const out = await logout(
      req('/api/admin/logout', {
        method: 'POST',
        json: { everywhere: true },
        headers: { cookie: current },
      }),
    );
    expect(out.status).toBe(204);
    expect((await auditWith(current)).status).toBe(401);
    expect((await auditWith(older)).status).toBe(401);
  });
});

describe('issue 18: IPv6 clients are counted by /64', () => {
  it('keys an IPv6 address by its /64 and an IPv4 address as is', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('ten addresses of one /64 share one login allowance', async () => {
    const net = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++)
      statuses.push((await wrongLogin(`${net}::${i.toString(16)}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });
});

describe('issue 18: loopback status needs a loopback Host; APP_ORIGIN pins the Host', () => {
  it('metrics without a token answer a local client only when it names this machine', async () => {
    const cfg = appContext().config;
    const token = cfg.METRICS_TOKEN;
    cfg.METRICS_TOKEN = undefined;
    try {
      const get = (host: string) =>
        metricsRoute(req('/api/metrics', { peer: '127.0.0.1', headers: { host } }));
      // A DNS-rebinding page in a browser on this machine: its own name, the loopback peer.
      expect((await get('rebind.attacker.example:3000')).status).toBe(403);
      for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000'])
        expect((await get(host)).status).toBe(200);
    } finally {
      cfg.METRICS_TOKEN = token;
    }
  });

  it('with APP_ORIGIN set, a request for another host is refused at the edge', () => {
    const host = (value: string) =>
      edgeRefusal('GET', '/api/stats', { value, appOrigin: 'https://shop.example' });
    expect(host('rebind.attacker.example')).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(host('shop.example.attacker.example')).toMatchObject({ status: 400 });
    for (const ok of [
      'shop.example',
      'Shop.Example',
      'shop.example:443',
      'localhost:3000',
      '127.0.0.1',
    ])
      expect(host(ok)).toBeUndefined();
    expect(edgeRefusal('GET', '/', { value: 'any.example', appOrigin: undefined })).toBeUndefined();
  });
});

describe('issue 18: image bombs', () => {
  const jpeg = (width: number, height: number) => {
    const sof = Buffer.from([
      0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ]);
    sof.writeUInt16BE(height, 5);
    sof.writeUInt16BE(width, 7);
    const app0 = Buffer.from([
      0xff,
      0xe0,
      0,
      16,
      ...Buffer.from('JFIF\0'),
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
    ]);
    return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
  };
  const webpX = (width: number, height: number) => {
    const b = Buffer.alloc(30);
    b.write('RIFF', 0, 'ascii');
    b.writeUInt32LE(22, 4);
    b.write('WEBPVP8X', 8, 'ascii');
    b.writeUInt32LE(10, 16);
    b.writeUIntLE(width - 1, 24, 3);
    b.writeUIntLE(height - 1, 27, 3);
    return b;
  };
  const pngOf = (width: number, height: number) => {
    const png = gradientPng(2, 2, [0, 0, 0], [255, 255, 255]);
    png.writeUInt32BE(width, 16);
    png.writeUInt32BE(height, 20);
    return png;
  };

  it('reads the declared size of PNG, JPEG and WebP headers', () => {
    expect(imageSize(gradientPng(48, 27, [0, 0, 0], [1, 1, 1]), 'image/png')).toEqual({
      width: 48,
      height: 27,
    });
    expect(imageSize(jpeg(640, 480), 'image/jpeg')).toEqual({ width: 640, height: 480 });
    expect(imageSize(webpX(20000, 300), 'image/webp')).toEqual({ width: 20000, height: 300 });
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg')).toBeUndefined();
  });

  it('refuses an image whose header declares more than LIMITS.imagePixels, whatever its file size', async () => {
    const sku = await createProduct(1);
    const cookie = await adminCookie();
    const put = (bytes: Buffer, type: string) =>
      imageRoute(
        req(`/api/admin/products/${sku}/image`, {
          method: 'PUT',
          headers: { cookie, 'content-type': type },
          body: new Uint8Array(bytes),
        }),
        params(sku),
      );
    for (const [bomb, type] of [
      [pngOf(11_000, 11_000), 'image/png'],
      [jpeg(60_000, 60_000), 'image/jpeg'],
      [webpX(20_000, 20_000), 'image/webp'],
      [pngOf(0, 10), 'image/png'],
    ] as const) {
      const res = await put(bomb, type);
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe('invalid_request');
    }
    expect((await put(pngOf(4096, 4096), 'image/png')).status).toBe(200);
    expect((await put(jpeg(640, 480), 'image/jpeg')).status).toBe(200);
  });
});

describe('issue 18: smaller items', () => {
  it('the reset pattern escapes glob characters of the prefix', async () => {
    const { store } = appContext();
    const base = process.env.REDIS_PREFIX!;
    const own = `${base}x[ab]:`;
    await store.set(`${own}mine`, '1');
    await store.set(`${base}xa:other-app`, '1');
    await unlinkMatching(appContext(), keysFor(own).everything);
    expect(await store.exists(`${own}mine`)).toBe(0);
    expect(await store.exists(`${base}xa:other-app`)).toBe(1);
  });

  it('every page answer, prefetches included, goes through the CSP proxy', () => {
    const matches = (url: string, headers: Record<string, string> = {}) =>
      unstable_doesMiddlewareMatch({ config: proxyConfig, url, headers });
    expect(matches('/')).toBe(true);
    expect(matches('/', { purpose: 'prefetch' })).toBe(true);
    expect(matches('/admin', { 'next-router-prefetch': '1', rsc: '1' })).toBe(true);
    expect(matches('/api/stats')).toBe(false);
    expect(matches('/_next/static/chunks/app.js')).toBe(false);
  });

  it('the local Redis keeps its data readable by this user only', async () => {
    const port = (await freePort()) as number;
    const dir = join(dataDir as string, `perm-redis-${port}`);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const redis = (await startRedis({ port, dir, persistent: true })) as {
      stop: () => Promise<void>;
    };
    try {
      const modes = (path: string): string[] => {
        const stat = statSync(path);
        const own = `${stat.isDirectory() ? 'd' : 'f'}${(stat.mode & 0o777).toString(8)}`;
        return stat.isDirectory()
          ? [own, ...readdirSync(path).flatMap((entry) => modes(join(path, entry)))]
          : [own];
      };
      await expect
        .poll(() => modes(dir).filter((m) => m.startsWith('f')).length)
        .toBeGreaterThan(0);
      expect(new Set(modes(dir))).toEqual(new Set(['d700', 'f600']));
      // .data itself is this user's only: nginx's workers never need to enter it.
      expect(statSync(dataDir as string).mode & 0o777).toBe(0o700);
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Last: it spends the account's allowance for the window.
describe('1. login limiting per account', () => {
  it('caps guesses from many addresses together; then each address gets one try, and the right password still works', async () => {
    // 60 wrong guesses, each from a new address: the account's allowance (60 here) is spent.
    for (let i = 0; i < 60; i++) expect((await wrongLogin(randomPeer())).status).toBe(401);
    // From now on an address has LOGIN_STRAINED_RATE_POINTS (1) attempt per window, not 10...
    const guesser = randomPeer();
    expect((await wrongLogin(guesser)).status).toBe(401);
    expect((await wrongLogin(guesser)).status).toBe(429);
    const admin = randomPeer();
    // ...and the right password from an address that has not spent it gets in, during the attack.
    expect((await goodLogin(admin)).status).toBe(204);
    // A success gives its points back: the same address logs in again.
    expect((await goodLogin(admin)).status).toBe(204);
  });
});

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

  it('one address gets PURCHASE_RATE_POINTS purchase attempts per window, then 429 (not logged)', async () => {
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
    const setCookie = await startAdminSession(false, 1);
    const started = Date.now();
    const token = setCookie.split(';')[0]!.split('=').slice(1).join('=');
    expect(await readAdminSession(token)).toBe(true);
    await expect.poll(() => readAdminSession(token), { timeout: 5000, interval: 50 }).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
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

// Last: it spends the account's allowance, which locks every address out for the window.
describe('1. login limiting per account', () => {
  it('caps guesses from many addresses together, and then refuses even the right password', async () => {
    let limitedAfter = 0;
    for (let i = 1; i <= 200; i++) {
      const res = await wrongLogin(randomPeer());
      if (res.status === 429) {
        limitedAfter = i;
        break;
      }
      expect(res.status).toBe(401);
    }
    expect(limitedAfter).toBeGreaterThan(0);
    expect(limitedAfter).toBeLessThanOrEqual(61);
    expect((await goodLogin(randomPeer())).status).toBe(429);
  });
});

// `npm start` as an operator runs it: nginx in front of two instances, supervised, on free ports.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, test, type Response } from '@playwright/test';
import { cleanUp, freePort, listening, pids, startStack, type Start } from './support/start-stack';
// @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
import { alive } from '../scripts/lib/process-tree.mjs';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const ADMIN_PASSWORD = 'front-admin-password';

/**
 * Resolves with `promise`'s value, or rejects once `ms` passed: a safety net far above what the
 * awaited thing takes, only there so that "never" fails instead of hanging.
 */
function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A client that never finishes its request: a shutdown that waited for it would hang until Node's
 * 60 s header timeout. The stops below must not wait for it.
 */
async function halfRequest(port: number): Promise<net.Socket> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  return socket;
}

/** Sends `signal` and waits for the stack to exit, with a half-finished request open on it. */
async function stopStack(stack: Start, port: number, signal: NodeJS.Signals = 'SIGINT') {
  const socket = await halfRequest(port);
  stack.child.kill(signal);
  await settlesWithin(stack.exited, 30_000, `the stack's stop on ${signal}`);
  socket.destroy();
}

test('two instances behind nginx: cached reads, purchases, a crashed instance, a Ctrl-C that waits for nobody', async ({
  browser,
}) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stack = startStack({
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_INSTANCES: '2',
    ADMIN_PASSWORD,
    LOGIN_RATE_POINTS: '1000',
    // Every request of this test comes from 127.0.0.1: per-address limits sized for its buyers.
    PURCHASE_RATE_POINTS: '10000000',
    SESSION_RATE_POINTS: '1000000',
    REDIS_PREFIX: `front-${randomBytes(3).toString('hex')}:`,
  });
  try {
    await expect.poll(() => stack.output(), { timeout: 90_000 }).toContain('is ready on');
    const instancePids = pids(stack.log(), /instance \d+ on \S+ \(pid (\d+)\)/g);
    const [nginxPid] = pids(stack.log(), /nginx pid (\d+)/g);
    expect(instancePids).toHaveLength(2);

    // The public reads are micro-cached by nginx and honour If-None-Match.
    const first = await fetch(`${base}/api/snapshot`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=\d+/);
    const etag = first.headers.get('etag')!;
    await expect
      .poll(async () => (await fetch(`${base}/api/snapshot`)).headers.get('x-cache'))
      .toBe('HIT');
    const revalidated = await fetch(`${base}/api/snapshot`, { headers: { 'if-none-match': etag } });
    expect([200, 304]).toContain(revalidated.status);
    const gzip = await fetch(`${base}/api/snapshot`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const session = await fetch(`${base}/api/session`, { method: 'POST' });
    expect(session.headers.get('cache-control')).toBe('private, no-store');
    expect(session.headers.get('x-cache')).toBeNull();

    // A shopper buys through nginx in a real browser: Host and Origin survive the proxy.
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto('/');
    const stock = page.getByTestId('stock-neon-sneaker');
    await expect(stock).toHaveText(/^\d+$/, { timeout: 15_000 });
    const before = Number(await stock.textContent());
    await page.getByTestId('buy-neon-sneaker').click();
    await expect(page.getByTestId('result-neon-sneaker')).toContainText('Purchased');
    await expect(stock).toHaveText(String(before - 1));

    // A restock through nginx reaches the open page within a few polls, micro-cache and all
    // (counted in the page's polls, not seconds: one cached second, one stale answer at most).
    let polls = 0;
    const countPoll = (r: Response) =>
      void (new URL(r.url()).pathname === '/api/snapshot' && r.status() === 200 && polls++);
    const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
    const login = await api.post('/api/admin/login', { data: { password: ADMIN_PASSWORD } });
    expect(login.status()).toBe(204);
    const restocked = await api.post('/api/admin/products/neon-sneaker/restock', {
      data: { add: 5 },
    });
    expect(restocked.status()).toBe(200);
    const { stock: now } = (await restocked.json()) as { stock: number };
    await api.dispose();
    page.on('response', countPoll);
    await expect(stock).toHaveText(String(now));
    page.off('response', countPoll);
    expect(polls).toBeLessThanOrEqual(3);

    // One instance crashes: the other keeps serving, and the supervisor brings it back.
    process.kill(instancePids[0]!, 'SIGKILL');
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
    }
    await expect.poll(() => stack.output(), { timeout: 10_000 }).toMatch(/instance 1 .*restarting/);
    const port1 = Number(/instance 1 on http:\/\/127\.0\.0\.1:(\d+)/.exec(stack.log())![1]);
    await expect.poll(() => listening(port1), { timeout: 30_000 }).toBe(true);

    // Ctrl-C with the page still open (its keep-alive connection too), a client that never
    // finishes its request, and purchases in flight: everything stops without waiting for them,
    // and no purchase that reached nginx is cut off.
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    type Answer = { status: number; outcome: string | undefined; at: number };
    const answers: Answer[] = [];
    const buyer = async () => {
      for (;;) {
        try {
          const res = await fetch(`${base}/api/products/comet-backpack/purchase`, {
            method: 'POST',
            headers: { cookie, origin: base, 'content-type': 'application/json' },
            body: '{"quantity":1}',
          });
          const body = (await res.json()) as { outcome?: string };
          answers.push({ status: res.status, outcome: body.outcome, at: Date.now() });
        } catch {
          return; // nginx has closed: the stop has begun
        }
      }
    };
    const buyers = Array.from({ length: 8 }, buyer);
    await expect.poll(() => answers.length).toBeGreaterThan(20);
    const signalledAt = Date.now();
    await stopStack(stack, port);
    await Promise.all(buyers);
    // Purchases in flight at the signal were answered, each with its outcome (none cut: no 502).
    expect(answers.filter((x) => x.at >= signalledAt).length).toBeGreaterThan(0);
    for (const x of answers) expect(x.outcome, `status ${x.status}`).toBeDefined();
    await context.close();
    expect(await listening(port)).toBe(false);
    for (const pid of [...instancePids.slice(1), nginxPid!]) expect(alive(pid)).toBe(false);
    expect(await listening(port1)).toBe(false);
  } finally {
    await cleanUp(stack);
  }
});

test('its own Redis is restarted on the same data, a second start is refused, and SIGTERM to npm stops it all', async () => {
  const port = await freePort();
  const redisPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'stockrush-front-redis-'));
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PROXY: 'off',
    REDIS_URL: '',
    REDIS_PORT: String(redisPort),
    REDIS_DIR: dir,
    REDIS_PREFIX: `front-${randomBytes(3).toString('hex')}:`,
  };
  // Through npm, as an operator or a process manager runs it: SIGTERM reaches only npm.
  const stack = startStack(env, { viaNpm: true });
  try {
    await expect.poll(() => stack.output(), { timeout: 90_000 }).toContain('is ready on');
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, {
        timeout: 30_000,
      })
      .toBe(200);
    const catalogue = await (await fetch(`${base}/api/products`)).text();

    const second = startStack(env);
    expect(await second.exited).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Port ${port} is already in use`);

    const [redisPid] = pids(stack.log(), /Redis pid (\d+)/g);
    process.kill(redisPid!, 'SIGKILL');
    await expect
      .poll(() => stack.output(), { timeout: 10_000 })
      .toContain(`Redis on port ${redisPort} exited`);
    await expect
      .poll(() => stack.output(), { timeout: 10_000 })
      .toContain(`Redis is back on port ${redisPort}`);
    // The app recovers by itself, with the data it had (AOF).
    await expect
      .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, {
        timeout: 15_000,
      })
      .toBe(200);
    expect(JSON.parse(await (await fetch(`${base}/api/products`)).text())).toEqual(
      JSON.parse(catalogue),
    );
    // `kill -TERM` of npm: the start, its app and its Redis all stop, nothing is left orphaned.
    const started = [
      ...pids(stack.log(), /npm start \(pid (\d+)\)/g),
      ...pids(stack.log(), /app pid (\d+)/g),
      ...pids(stack.log(), /Redis pid (\d+)/g),
    ];
    expect(started).toHaveLength(4);
    await stopStack(stack, port, 'SIGTERM');
    await expect.poll(() => started.filter(alive), { timeout: 30_000 }).toEqual([]);
    expect(await listening(port)).toBe(false);
    expect(await listening(redisPort)).toBe(false);
  } finally {
    await cleanUp(stack);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one instance on SIGTERM exits within its grace even when a client never finishes its request', async () => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    { env: { ...process.env, SHUTDOWN_GRACE_MS: '500' }, stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await expect
      .poll(
        async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status,
        {
          timeout: 30_000,
        },
      )
      .toBe(200);
    // Half a request: Next's own shutdown would wait for it (until Node's 60 s header timeout);
    // with its grace of 0.5 s the instance ends it and exits.
    const socket = await halfRequest(port);
    child.kill('SIGTERM');
    expect(await settlesWithin(exited, 30_000, 'the exit on SIGTERM')).toBe(143);
    socket.destroy();
  } finally {
    child.kill('SIGKILL');
  }
});

// The nginx front's edge rules (deploy/nginx.conf.template, rendered by scripts/lib/front.mjs):
// nginx runs with the same template as `npm start`, in front of a small recording upstream that
// stands in for the instances, so the test sees exactly what an instance would receive. A client
// on another host is a network namespace of this file's own (a veth pair, its addresses inside
// it only), removed again at the end. Needs root, `ip` and nginx; skipped (and said so) otherwise.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helpers shared with the set-up scripts, no type declarations
import { listening, renderNginxConfig } from '../scripts/lib/front.mjs';
// @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
import { nginxPrefix } from '../scripts/lib/nginx-prefix.mjs';
// @ts-expect-error -- plain ESM helpers shared with the set-up scripts, no type declarations
import { dataDir, freePort, waitFor } from '../scripts/lib/stack.mjs';

const which = (command: string) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
const NGINX = which('nginx') || '';
const canRun = process.getuid?.() === 0 && which('ip') !== '' && which('curl') !== '' && !!NGINX;
if (!canRun) console.warn('front-edge: skipped (needs root, ip, curl and nginx)');

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; bodyBytes: number };

/** The stand-in instance: records every request it gets and answers as the routes would. */
function startUpstream() {
  const seen: Seen[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    request.on('end', () => {
      const url = request.url ?? '/';
      seen.push({ method: request.method ?? '', url, headers: request.headers, bodyBytes });
      if (url === '/die') return void request.socket.destroy();
      if (url === '/hold') return void held.push(response);
      if (url.startsWith('/_next/static/missing')) {
        response.writeHead(404, { 'cache-control': 'private, no-cache, no-store' });
        return void response.end('missing');
      }
      if (url.startsWith('/_next/static/')) {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        return void response.end('/* chunk */');
      }
      const cacheable = request.method === 'GET' && url.startsWith('/api/');
      response.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': cacheable ? 'public, max-age=0, s-maxage=30' : 'private, no-store',
      });
      response.end(JSON.stringify({ url, bodyBytes }));
    });
  });
  return {
    seen,
    held,
    release: () => held.splice(0).forEach((r) => r.end('{}')),
    listen: (port: number) =>
      new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve())),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** nginx from the template on 0.0.0.0:`port` (loopback and the veth), in front of `upstream`. */
async function startNginx(port: number, upstream: number, options: Record<string, unknown> = {}) {
  // As root, nginx's workers run unprivileged: a prefix of theirs, as `npm start` makes it.
  const { prefix, user } = nginxPrefix(`front-edge-${port}`, { dataDir }) as {
    prefix: string;
    user: string;
  };
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    renderNginxConfig({
      listen: `0.0.0.0:${port}`,
      upstreams: [`127.0.0.1:${upstream}`],
      prefix,
      user,
      workers: 1,
      nofile: 4096,
      ...options,
    }) as string,
  );
  // Its error log (refused bodies, limited connections: all expected here) is not shown.
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', 'stderr'], {
    stdio: 'ignore',
  });
  expect(await waitFor(() => listening(port), { timeoutMs: 10_000, everyMs: 50 })).toBe(true);
  return {
    stop: async () => {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await done;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** A network namespace with a veth pair to this host: its own client address, not loopback. */
function startNamespace() {
  const id = randomBytes(3).toString('hex');
  const name = `srt-${id}`;
  const subnet = `10.213.${randomInt(256)}`;
  const ip = (...args: string[]) => {
    const result = spawnSync('ip', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
  };
  ip('netns', 'add', name);
  ip('link', 'add', `srt${id}h`, 'type', 'veth', 'peer', 'name', `srt${id}n`, 'netns', name);
  ip('addr', 'add', `${subnet}.1/30`, 'dev', `srt${id}h`);
  ip('link', 'set', `srt${id}h`, 'up');
  ip('netns', 'exec', name, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', `srt${id}n`);
  ip('netns', 'exec', name, 'ip', 'link', 'set', `srt${id}n`, 'up');
  return {
    hostAddress: `${subnet}.1`,
    clientAddress: `${subnet}.2`,
    /** curl inside the namespace; resolves with the status and the body. */
    curl: (url: string, args: string[] = []) =>
      new Promise<{ status: number; body: string; error: string }>((resolve, reject) => {
        const child = spawn('ip', [
          'netns',
          'exec',
          name,
          'curl',
          '-sS',
          '-o',
          '-',
          '-w',
          '\n%{http_code}',
          ...args,
          url,
        ]);
        let out = '';
        let error = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        // curl's own words when it got no answer (status 0), for the failure message.
        child.stderr.on('data', (d: Buffer) => (error += d.toString()));
        child.on('error', reject);
        child.on('exit', () => {
          const cut = out.lastIndexOf('\n');
          resolve({ status: Number(out.slice(cut + 1)), body: out.slice(0, cut), error });
        });
      }),
    // Deleting the namespace deletes the veth pair with it.
    remove: () => spawnSync('ip', ['netns', 'del', name]),
  };
}

const errorCode = (body: string) =>
  (JSON.parse(body) as { error: { code: string; issues: unknown[] } }).error;

describe.skipIf(!canRun)('the nginx front owns the edge', () => {
  const upstream = startUpstream();
  let ns: ReturnType<typeof startNamespace>;
  let front: { stop: () => Promise<void> };
  let behindProxy: { stop: () => Promise<void> };
  let port: number;
  let proxiedPort: number;
  let local: string;

  beforeAll(async () => {
    const upstreamPort = (await freePort()) as number;
    await upstream.listen(upstreamPort);
    ns = startNamespace();
    port = (await freePort()) as number;
    proxiedPort = (await freePort()) as number;
    local = `http://127.0.0.1:${port}`;
    front = await startNginx(port, upstreamPort, { connPerAddress: 3, trustedProxies: [] });
    // As an operator behind another proxy on this machine configures it (FRONT_TRUST_PROXY).
    behindProxy = await startNginx(proxiedPort, upstreamPort, {
      connPerAddress: 3,
      trustedProxies: ['127.0.0.1'],
    });
  });

  afterAll(async () => {
    upstream.release();
    await front?.stop();
    await behindProxy?.stop();
    await upstream.close();
    ns?.remove();
  });

  const lastSeen = (url: string) => upstream.seen.filter((s) => s.url === url).at(-1);

  it('sets X-Forwarded-For to the peer, never appending to what a client sent', async () => {
    await fetch(`${local}/whoami-1`, { headers: { 'x-forwarded-for': '203.0.113.66' } });
    expect(lastSeen('/whoami-1')?.headers['x-forwarded-for']).toBe('127.0.0.1');
    const remote = await ns.curl(`http://${ns.hostAddress}:${port}/whoami-2`, [
      '-H',
      'X-Forwarded-For: 127.0.0.1',
      '-H',
      'X-Forwarded-Proto: https',
    ]);
    expect(remote.status).toBe(200);
    expect(lastSeen('/whoami-2')?.headers).toMatchObject({
      'x-forwarded-for': ns.clientAddress,
      'x-forwarded-proto': 'http',
    });
  });

  it('behind a configured proxy, believes only that proxy for the client address and scheme', async () => {
    await fetch(`http://127.0.0.1:${proxiedPort}/via-proxy`, {
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-proto': 'https' },
    });
    expect(lastSeen('/via-proxy')?.headers).toMatchObject({
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'https',
    });
    await ns.curl(`http://${ns.hostAddress}:${proxiedPort}/not-a-proxy`, [
      '-H',
      'X-Forwarded-For: 203.0.113.9',
      '-H',
      'X-Forwarded-Proto: https',
    ]);
    expect(lastSeen('/not-a-proxy')?.headers).toMatchObject({
      'x-forwarded-for': ns.clientAddress,
      'x-forwarded-proto': 'http',
    });
  });

  it('lets an image upload up to 512 KiB through; what it refuses itself (bodies, headers, TRACE) is the contract JSON', async () => {
    const put = (url: string, bytes: number, method = 'PUT') =>
      fetch(`${local}${url}`, { method, body: new Uint8Array(bytes) });
    const image = await put('/api/admin/products/neon-sneaker/image', 107 * 1024);
    expect(image.status).toBe(200);
    expect(lastSeen('/api/admin/products/neon-sneaker/image')?.bodyBytes).toBe(107 * 1024);
    expect((await put('/api/admin/products/neon-sneaker/image', 512 * 1024)).status).toBe(200);
    for (const [url, bytes, method] of [
      ['/api/admin/products/neon-sneaker/image', 600 * 1024, 'PUT'],
      ['/api/session', 20 * 1024, 'POST'],
    ] as const) {
      const refused = await put(url, bytes, method);
      expect(refused.status).toBe(413);
      expect(refused.headers.get('content-type')).toBe('application/json');
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
      expect(errorCode(await refused.text())).toEqual({
        code: 'payload_too_large',
        message: expect.any(String),
        issues: [],
      });
    }
    const dead = await fetch(`${local}/die`);
    expect(dead.status).toBe(502);
    expect(dead.headers.get('retry-after')).toBe('1');
    expect(errorCode(await dead.text()).code).toBe('unavailable');
    const malformed = await ns.curl(`http://${ns.hostAddress}:${port}/`, [
      '-H',
      `Cookie: ${'x'.repeat(40_000)}`,
    ]);
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed.body).code).toBe('invalid_request');
    // nginx refuses TRACE itself, before any location: the contract's JSON too.
    const trace = await ns.curl(`http://${ns.hostAddress}:${port}/`, ['-X', 'TRACE']);
    expect(trace.status).toBe(405);
    expect(errorCode(trace.body).code).toBe('method_not_allowed');
  });

  it('never reaches Next image optimizer', async () => {
    const res = await fetch(`${local}/_next/image?url=%2Fx.png&w=3840&q=75`);
    expect(res.status).toBe(404);
    expect(errorCode(await res.text()).code).toBe('not_found');
    expect(upstream.seen.some((s) => s.url.startsWith('/_next/image'))).toBe(false);
  });

  it('marks only a 200 under /_next/static/ immutable', async () => {
    const found = await fetch(`${local}/_next/static/chunks/present.js`);
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${local}/_next/static/missing-${randomInt(1e9)}.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('private, no-cache, no-store');
  });

  it('caches the public reads by the parameters the app reads, not by a random query', async () => {
    const reads = () => upstream.seen.filter((s) => s.url.startsWith('/api/stats')).length;
    const before = reads();
    for (const q of ['', '?q=1', '?q=2&x=y', '?cachebust=3'])
      expect((await fetch(`${local}/api/stats${q}`)).status).toBe(200);
    expect(reads() - before).toBe(1);
    expect(lastSeen('/api/stats')).toBeDefined();
    await fetch(`${local}/api/log?junk=1&limit=5&sku=neon-sneaker&LIMIT=9`);
    expect(upstream.seen.at(-1)?.url).toBe('/api/log?limit=5&sku=neon-sneaker');
    const hit = await fetch(`${local}/api/log?sku=neon-sneaker&limit=5&other=2`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
  });

  it('limits the connections of one address (loopback, this machine, is not counted)', async () => {
    const holding = Array.from({ length: 3 }, () =>
      ns.curl(`http://${ns.hostAddress}:${port}/hold`),
    );
    await expect.poll(() => upstream.held.length).toBe(3);
    const fourth = await ns.curl(`http://${ns.hostAddress}:${port}/hold`);
    expect(fourth.status).toBe(429);
    expect(errorCode(fourth.body).code).toBe('rate_limited');
    const localHolding = Array.from({ length: 4 }, () => fetch(`${local}/hold`));
    await expect.poll(() => upstream.held.length).toBe(7);
    upstream.release();
    const held = await Promise.all(holding);
    expect(
      held.map((r) => r.status),
      held.map((r) => r.error).join(' '),
    ).toEqual([200, 200, 200]);
    expect((await Promise.all(localHolding)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});

// `npm start` wherever a new user's clone lies and whoever runs it: from a folder only its owner
// may enter (as /root and every `mktemp -d` are), with the operator's own Redis (REDIS_URL) and
// with the project's own; as root where the suite runs as root (nginx's workers are then another
// user) and as a plain user. Through the front, every public read, a static asset and an image
// upload answer as they should; the project's data stays its owner's only.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { gradientPng } from '../lib/inventory/demo-png';
import { copyCheckout } from './support/copy-checkout';
import { cleanUp, freePort, startStack, type StartPlace } from './support/start-stack';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const ADMIN_PASSWORD = 'anywhere-admin-password';
const isRoot = process.getuid?.() === 0;
/** Debian's `nobody`: a plain user on every machine the suite runs on as root. */
const PLAIN = { uid: 65534, gid: 65534 };

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A PNG of 96 KiB: a real image (the upload sniffs its type and size) padded past 64 KiB. */
function largePng(): Buffer {
  const png = gradientPng(64, 36, [37, 99, 235], [16, 185, 129]);
  return Buffer.concat([png, Buffer.alloc(96 * 1024 - png.length)]);
}

async function checkThroughFront(base: string) {
  const status = async (path: string) => (await fetch(`${base}${path}`)).status;
  for (const path of [
    '/api/products',
    '/api/products/neon-sneaker',
    '/api/products/midnight-hoodie/queue',
    '/api/stats',
    '/api/log',
    '/api/snapshot',
  ]) {
    expect(await status(path), path).toBe(200);
  }
  // Before the start the published order is the app's own refusal, not nginx's 500.
  expect(await status('/api/products/midnight-hoodie/queue/tickets')).toBe(409);
  const html = await (await fetch(`${base}/`)).text();
  const assets = [...html.matchAll(/\/_next\/static\/[^"']+\.(?:css|js)/g)].map((m) => m[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set(assets)) expect(await status(asset), asset).toBe(200);

  const login = await fetch(`${base}/api/admin/login`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(204);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const upload = await fetch(`${base}/api/admin/products/comet-backpack/image`, {
    method: 'PUT',
    headers: { origin: base, cookie, 'content-type': 'image/png' },
    body: new Uint8Array(largePng()),
  });
  expect(upload.status, await upload.clone().text()).toBe(200);
  const { image } = (await upload.json()) as { image: string };
  expect(await status(image)).toBe(200);
}

type Case = { name: string; ownRedis: boolean; plain: boolean };
const cases: Case[] = [
  { name: 'with REDIS_URL', ownRedis: false, plain: !isRoot },
  { name: 'with its own Redis', ownRedis: true, plain: !isRoot },
  ...(isRoot ? [{ name: 'as a plain user, with its own Redis', ownRedis: true, plain: true }] : []),
];

for (const { name, ownRedis, plain } of cases) {
  test(`started ${isRoot && !plain ? 'as root ' : ''}from a private folder ${name}: the front serves every read, asset and upload`, async () => {
    const owner = isRoot && plain ? PLAIN : undefined;
    const checkout = copyCheckout(owner);
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_INSTANCES: '1',
      ADMIN_PASSWORD,
      LOGIN_RATE_POINTS: '1000',
      REDIS_PREFIX: `anywhere-${randomBytes(3).toString('hex')}:`,
      ...(owner ? { HOME: checkout.dir } : {}),
    };
    if (ownRedis) env.REDIS_PORT = String(await freePort());
    else expect(process.env.REDIS_URL, 'the suite passes its Redis').toBeTruthy();
    const place: StartPlace = { cwd: checkout.dir, ...owner };
    // Its own Redis: the run's REDIS_URL must not reach it.
    const stack = startStack(ownRedis ? { ...env, REDIS_URL: '' } : env, place);
    try {
      await expect.poll(() => stack.output(), { timeout: 120_000 }).toMatch(/is ready on|✗/);
      expect(stack.output()).toContain('is ready on');
      await checkThroughFront(`http://127.0.0.1:${port}`);
      // What is the project's own stays its owner's only.
      const data = join(checkout.dir, '.data');
      expect(mode(data)).toBe('700');
      expect(mode(join(data, 'secrets.json'))).toBe('600');
      if (ownRedis) expect(mode(join(data, 'redis'))).toBe('700');
    } finally {
      await cleanUp(stack);
      checkout.remove();
    }
  });
}
